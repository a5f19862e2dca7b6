import type { Page, TestInfo } from '@playwright/test';
import {
	ADMIN,
	PARENT,
	check,
	expect,
	expectLargeTargets,
	openStaffPage,
	signIn,
	signInAs,
	test,
	uniqueEmail,
	visit
} from '../fixtures';
import { londonDate } from '../../src/lib/time';

/* "You said, we did": the public board, the feedback form, moderation and follow-up. */

const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const LEAD = { email: 'service.lead@example.org', name: 'Sam Lead' };
const SALT = 'Speech and language therapy';
const NEW_PASSWORD = 'a long enough test password';

/** Words nobody else uses: a label, this project's name and a random suffix. */
function unique(label: string, testInfo: TestInfo) {
	return `${label} ${testInfo.project.name} ${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Closing and replying to feedback, a lead's "we did" and the overdue list are used by organisers
 * and service leads only: those tests run with JavaScript on (decision 0031), and their forms and
 * the status badge are also checked without a browser in
 * src/lib/features/board/moderation-forms.spec.ts (0044). Every test a visitor or parent is in
 * runs twice.
 */
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on';

const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const boardItems = (page: Page) => page.locator('article.board-item');
const STATUS_WORD = /^(Heard|Working on it|Done|Not possible)$/;

/** As a visitor on `page`: sends feedback through the public form and waits for the thank-you page. */
async function sendFeedback(page: Page, whatHappened: string, service = SALT) {
	await visit(page, '/feedback');
	await page.getByLabel('What happened?').fill(whatHappened);
	await page.getByLabel('Which service is it about?').selectOption({ label: service });
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(h1(page)).toHaveText('Thank you, we got it');
	await expect(page).toHaveURL(/\/feedback\/sent\?ref=FB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	await check(page);
}

/** As an organiser: opens a piece of waiting feedback from the queue by its words. Returns its id. */
async function openFeedback(page: Page, words: string) {
	await visit(page, '/manage/feedback');
	const entry = page.getByRole('listitem').filter({ hasText: words });
	await expect(entry).toHaveCount(1);
	await entry.getByRole('link', { name: /^Open feedback \d+$/ }).click();
	await expect(h1(page)).toHaveText(/^Feedback \d+$/);
	await expect(page.locator('blockquote')).toHaveText(words);
	await check(page);
	return Number(page.url().match(/\/manage\/feedback\/(\d+)/)![1]);
}

/** On the public board, the id of a published item found by its "you said" words. */
async function itemIdOnBoard(page: Page, youSaid: string) {
	const href = await page.getByRole('link', { name: youSaid, exact: true }).getAttribute('href');
	return Number(href!.match(/\/board\/(\d+)$/)![1]);
}

test.describe('giving feedback', () => {
	test('a visitor sends feedback; it never appears on the board', async ({ page }, testInfo) => {
		const words = unique('The bus to the clinic never came', testInfo);
		await visit(page, '/');
		await mainMenu(page).getByRole('link', { name: 'Give feedback' }).click();
		await expect(h1(page)).toHaveText('Tell us something');
		await expect(page).toHaveURL(/\/feedback$/);
		await check(page);

		// Everything but what happened: the error summary, and what was typed stays.
		await page.getByLabel('Which service is it about?').selectOption({ label: SALT });
		await page.getByLabel('Your name').fill('Fatima');
		await page.getByLabel('Email (optional)').fill('fatima@example.org');
		await page.getByLabel('Phone number').fill('07700 900456');
		await page.getByLabel('You may contact me about this').check();
		const who = page.getByRole('group', { name: 'Who are you?' });
		await who.getByLabel('A parent or carer', { exact: true }).check();
		await page.getByRole('button', { name: 'Send', exact: true }).click();

		const summary = page.getByRole('alert');
		await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(summary.getByRole('link', { name: 'Tell us what happened' })).toHaveAttribute('href', '#whatHappened');
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByLabel('What happened?')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Which service is it about?')).toHaveValue(/^\d+$/);
		await expect(page.getByLabel('Which service is it about?').locator('option:checked')).toHaveText(SALT);
		await expect(page.getByLabel('Your name')).toHaveValue('Fatima');
		await expect(page.getByLabel('Email (optional)')).toHaveValue('fatima@example.org');
		await expect(page.getByLabel('Phone number')).toHaveValue('07700 900456');
		await expect(page.getByLabel('You may contact me about this')).toBeChecked();
		await expect(who.getByLabel('A parent or carer', { exact: true })).toBeChecked();
		await check(page);

		await page.getByLabel('What happened?').fill(words);
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(h1(page)).toHaveText('Thank you, we got it');
		await expect(page).toHaveURL(/\/feedback\/sent\?ref=FB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
		await check(page);

		// Feedback goes to the moderation queue, never straight onto the board.
		await page.getByRole('link', { name: 'See what others said and what was done' }).click();
		await expect(h1(page)).toHaveText('You said, we did');
		await check(page);
		await expect(page.getByText(words)).toHaveCount(0);
		await visit(page, `/board?q=${encodeURIComponent(words)}`);
		await expect(page.getByText('No items match. Try fewer filters.')).toBeVisible();
		await expect(page.getByText(words)).toHaveCount(0);
	});
});

test.describe('following feedback', () => {
	test('a visitor is given a reference and follows their feedback with it; a wrong one is pointed out and kept', async ({ page }, testInfo) => {
		await sendFeedback(page, unique('The letter about the assessment never came', testInfo));
		const reference = (await page.locator('.fb-reference').textContent())!.trim();
		expect(reference).toMatch(/^FB-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		await page.getByRole('link', { name: 'Follow your feedback' }).click();
		await expect(h1(page)).toHaveText('Follow up what you told us');
		await expect(page.getByLabel('Your reference')).toHaveValue(reference);
		const progress = page.getByRole('region', { name: reference });
		await expect(progress).toContainText('We got it on');
		await expect(progress).toContainText("It is waiting for the forum's organisers to read it.");
		// nothing of what was written
		await expect(progress).not.toContainText('assessment');
		await check(page);

		await page.getByLabel('Your reference').fill('FB-AAAA-BBBB');
		await page.getByRole('button', { name: 'Show what happened' }).click();
		await expect(page.getByRole('alert')).toContainText('We could not find feedback with that reference.');
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByLabel('Your reference')).toHaveValue('FB-AAAA-BBBB');
		await expect(page.getByRole('region', { name: reference })).toHaveCount(0);
		await check(page);

		// typed loosely, as read out over the phone
		await page.getByLabel('Your reference').fill(reference.toLowerCase().replaceAll('-', ' '));
		await page.getByRole('button', { name: 'Show what happened' }).click();
		await expect(page.getByRole('region', { name: reference })).toContainText('We got it on');
		await check(page);
	});
});

test.describe('too much to send', () => {
	test('a visitor who pastes far more than a form takes is told plainly, and loses nothing', async ({ page }) => {
		await visit(page, '/feedback');
		// about 70,000 letters: over the 64 KB any form may send (a pasted document, or a robot)
		const pasted = 'The letter we got said nothing. '.repeat(2200);
		await page.getByLabel('What happened?').fill(pasted);
		const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/feedback');
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		expect((await answered).status()).toBe(413);
		// the site's own page, which says how to get back to what was typed (the feedback page ships
		// no app, so this is the same with JavaScript on and off)
		await expect(h1(page)).toHaveText('This is too big to send');
		await expect(page).toHaveTitle(/^This is too big to send/);
		await expect(page.getByText("Use your browser's Back button to go back to the form", { exact: false })).toBeVisible();
		await expect(mainMenu(page).getByRole('link', { name: 'Give feedback' })).toBeVisible();
		await check(page);
		// and Back brings the form back with every word typed
		await page.goBack();
		await expect(page.getByLabel('What happened?')).toHaveValue(pasted);
		await check(page);
	});
});

test.describe('moderation', () => {
	test('an organiser makes an item from feedback, publishes it, and merges more feedback into it', async ({
		page,
		newPage,
		javaScriptEnabled
	}, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		test.slow();
		const first = unique('Our therapy sessions were cancelled twice without notice', testInfo);
		const second = unique('Sessions cancelled again this month, nobody rang us', testInfo);
		const youSaid = unique('Families were not told when therapy sessions were cancelled', testInfo);
		const visitor = await newPage();
		await sendFeedback(visitor, first);

		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await openStaffPage(page, 'Feedback queue');
		await expect(h1(page)).toHaveText('Feedback queue');
		await check(page);
		const entry = page.getByRole('listitem').filter({ hasText: first });
		await expect(entry).toContainText(SALT);
		await entry.getByRole('link', { name: /^Open feedback \d+$/ }).click();
		await expect(h1(page)).toHaveText(/^Feedback \d+$/);
		await expect(page.getByText('Status: Waiting')).toBeVisible();
		await check(page);

		// The new item's form starts from the feedback: the day it came and its service.
		await expect(page.getByRole('heading', { name: 'Make a new board item' })).toBeVisible();
		await expect(page.getByLabel('Date heard')).toHaveValue(londonDate());
		const services = page.getByRole('group', { name: 'Which services it is about' });
		await expect(services.getByLabel(SALT, { exact: true })).toBeChecked();
		await page.getByLabel('You said', { exact: true }).fill(youSaid);
		await page.getByRole('button', { name: 'Make item', exact: true }).click();

		await expect(page).toHaveURL(/\/manage\/board\/\d+\?done=saved$/);
		await expect(page.getByText('Item saved.')).toBeVisible();
		await expect(h1(page)).toHaveText(youSaid);
		await expect(page.getByText('Not on the public board yet')).toBeVisible();
		await check(page);
		const itemId = Number(page.url().match(/\/manage\/board\/(\d+)/)![1]);

		await page.getByRole('button', { name: 'Put on the public board' }).click();
		await expect(page.getByText('The item is on the public board.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Take off the public board' })).toBeVisible();
		await check(page);

		await visit(visitor, `/board/${itemId}`);
		await expect(h1(visitor)).toHaveText(`You said: ${youSaid}`);
		const voicesBefore = Number((await visitor.getByText(/^\d+ voices?$/).textContent())!.match(/\d+/)![0]);
		await expect(visitor.getByText(first)).toHaveCount(0);

		// A second voice: merged into the item, its own words stay private.
		await sendFeedback(visitor, second);
		await openFeedback(page, second);
		const merge = page.getByRole('form', { name: 'Add to an existing item' });
		await merge.getByLabel('Item', { exact: true }).selectOption(String(itemId));
		await merge.getByRole('button', { name: 'Add as one more voice' }).click();
		await expect(page.getByText('Added to the item as one more voice.')).toBeVisible();
		await expect(page.getByText('Status: Added to an item')).toBeVisible();
		await expect(page.getByRole('link', { name: `Board item ${itemId}` })).toBeVisible();
		await check(page);

		await visit(visitor, `/board/${itemId}`);
		await expect(visitor.getByText(`${voicesBefore + 1} voices`, { exact: true })).toBeVisible();
		await expect(visitor.getByText(second)).toHaveCount(0);
		await visit(visitor, '/board');
		await expect(visitor.getByRole('link', { name: youSaid, exact: true })).toHaveAttribute('href', `/board/${itemId}`);
		await expect(visitor.getByText(second)).toHaveCount(0);
		await expect(visitor.getByText(first)).toHaveCount(0);
	});

	test('an organiser closes feedback with a reason', async ({ page, newPage, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		const words = unique('Please add more parking at the child development centre', testInfo);
		const reason = unique('Passed to the hospital trust', testInfo);
		await sendFeedback(await newPage(), words, 'Short breaks');

		await signInAs(page, ORGANISER.email, ORGANISER.name);
		const id = await openFeedback(page, words);
		const close = page.getByRole('form', { name: 'Close it' });
		await close.getByRole('button', { name: 'Close feedback' }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: 'Say why you are closing it' })).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);
		await check(page);

		await page.getByLabel('Why are you closing it?').fill(reason);
		await page.getByRole('button', { name: 'Close feedback' }).click();
		await expect(page.getByText('Feedback closed.')).toBeVisible();
		await expect(page.getByText('Status: Closed')).toBeVisible();
		await expect(page.getByText(`Closed because: ${reason}`)).toBeVisible();
		await check(page);

		// It is listed with the closed feedback now.
		await visit(page, '/manage/feedback?status=closed');
		await expect(page.getByRole('link', { name: 'Closed', exact: true })).toHaveAttribute('aria-current', 'page');
		await expect(page.getByRole('link', { name: `Open feedback ${id}`, exact: true })).toBeVisible();
	});

	test('an organiser replies to feedback from someone who agreed to be contacted', async ({ page, mailbox, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		const reply = unique('Thank you. We have asked the service to write to you about the waiting list', testInfo);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await openFeedback(page, 'We waited 9 months for a speech therapy appointment and nobody told us where we were on the list.');
		await expect(page.getByText('They said we may contact them.')).toBeVisible();
		await expect(page.getByText('aisha.parent@example.org')).toBeVisible();

		await page.getByLabel('Your reply').fill(reply);
		const before = mailbox.received.length;
		await page.getByRole('button', { name: 'Save reply' }).click();
		// the test app has a mail server (the worker's SMTP server): the reply goes to them by email
		await expect(page.getByText('Reply saved and emailed to them.')).toBeVisible();
		const email = await mailbox.find((mail) => JSON.stringify(mail.to).includes('aisha.parent@example.org'), { from: before });
		expect(email.text).toContain(reply);
		await expect(page.getByRole('heading', { name: 'Replies' })).toBeVisible();
		await expect(page.getByText(reply)).toBeVisible();
		await expect(page.getByLabel('Your reply')).toHaveValue('');
		await check(page);
	});
});

test.describe('following up', () => {
	test('the service lead answers an item about their service', async ({ page, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		const youSaid = 'Appointments are in school hours, so children miss lessons.';
		const done = unique('Clinics now run after school on Tuesdays and Thursdays', testInfo);
		await signInAs(page, LEAD.email, LEAD.name);
		await openStaffPage(page, 'Follow up');
		await expect(h1(page)).toHaveText('Follow up');
		await check(page);
		await page.getByRole('link', { name: youSaid, exact: true }).click();
		await expect(h1(page)).toHaveText(youSaid);
		await expect(page.getByRole('heading', { name: 'Add a "we did"' })).toBeVisible();
		await check(page);
		const itemId = Number(page.url().match(/\/manage\/board\/(\d+)/)![1]);

		// "Not possible" needs a reason; what was typed stays.
		const status = page.getByRole('group', { name: 'Status after this' });
		await page.getByLabel('What was done or is being done').fill(done);
		await status.getByLabel('Not possible', { exact: true }).check();
		await page.getByRole('button', { name: 'Add response' }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: 'Say why it is not possible' })).toHaveAttribute(
			'href',
			'#reason'
		);
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByLabel('What was done or is being done')).toHaveValue(done);
		await expect(status.getByLabel('Not possible', { exact: true })).toBeChecked();
		await check(page);

		await status.getByLabel('Done', { exact: true }).check();
		await page.getByRole('button', { name: 'Add response' }).click();
		await expect(page.getByText('Response added.')).toBeVisible();
		await expect(page).not.toHaveTitle(/^Error: /);
		await expect(page.locator('ol.history')).toContainText(done);
		await expect(page.locator('.status-badge')).toHaveText('Done');
		await expect(page.getByLabel('What was done or is being done')).toHaveValue('');
		await check(page);

		await page.getByRole('link', { name: 'See it on the public board' }).click();
		await expect(page).toHaveURL(new RegExp(`/board/${itemId}$`));
		await expect(page.locator('.status-badge')).toHaveText('Done');
		const history = page.locator('ol.history > li').filter({ hasText: done });
		await expect(history).toContainText(SALT);
		await expect(history).toContainText('Status: Heard → Done');
		await check(page);
	});

	test('a lead of another service cannot open the item', async ({ page, newPage, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		test.slow();
		const person = {
			name: unique('Bo Breaks', testInfo),
			email: uniqueEmail(`bo.breaks.${Math.random().toString(36).slice(2, 8)}`, testInfo.project.name)
		};
		// The admin invites them as a service lead and makes them lead of Short breaks.
		await signInAs(page, ADMIN.email, ADMIN.name);
		await visit(page, '/admin/people/new');
		await page.getByLabel('Name', { exact: true }).fill(person.name);
		await page.getByLabel('Email', { exact: true }).fill(person.email);
		await page.getByLabel('Service lead', { exact: true }).check();
		await page.getByRole('button', { name: 'Invite', exact: true }).click();
		await expect(page.getByText(`${person.name} is invited.`)).toBeVisible();
		const link = (await page.getByTestId('password-link').textContent())!.trim();
		await check(page);

		await visit(page, '/admin/services');
		await page.getByRole('link', { name: 'Short breaks', exact: true }).click();
		await expect(h1(page)).toHaveText('Short breaks');
		await check(page);
		await page.getByLabel(person.name, { exact: true }).check();
		await page.getByRole('button', { name: 'Save service' }).click();
		await expect(page.getByText('Service saved.')).toBeVisible();
		await expect(page.getByLabel(person.name, { exact: true })).toBeChecked();
		await check(page);

		const theirs = await newPage();
		await visit(theirs, link);
		await theirs.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
		await theirs.getByLabel('Type the new password again', { exact: true }).fill(NEW_PASSWORD);
		await theirs.getByRole('button', { name: 'Set password', exact: true }).click();
		await expect(theirs.getByText('Your password is set. You can sign in now.')).toBeVisible();
		await check(theirs);
		await signIn(theirs, person.email, NEW_PASSWORD);
		await expect(theirs.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await check(theirs);

		// Their own service's item opens with the response form...
		await openStaffPage(theirs, 'Follow up');
		await expect(h1(theirs)).toHaveText('Follow up');
		await check(theirs);
		await theirs.getByRole('link', { name: 'Short breaks clubs are full by the time we hear about them.', exact: true }).click();
		await expect(theirs.getByRole('heading', { name: 'Add a "we did"' })).toBeVisible();
		await check(theirs);

		// ...but an item about speech and language therapy links to its public page, not to a
		// follow-up page that would refuse them.
		await visit(theirs, '/manage/board');
		const other = 'Waiting lists for speech and language therapy are too long.';
		await theirs.getByRole('link', { name: other, exact: true }).click();
		await expect(theirs).toHaveURL(/\/board\/\d+$/);
		await expect(h1(theirs)).toContainText(other);
		await expect(theirs.getByRole('heading', { name: 'Add a "we did"' })).toHaveCount(0);
		await expect(theirs.locator('main a[href^="/manage/board/"]')).toHaveCount(0);
		await check(theirs);
		// The follow-up page itself still refuses them.
		const response = await visit(theirs, new URL(theirs.url()).pathname.replace(/^\/board\//, '/manage/board/'));
		expect(response?.status()).toBe(403);
		await expect(h1(theirs)).toHaveText('You cannot open this page');
		await check(theirs);
	});

	test('a parent carer cannot follow up or moderate, and a visitor must sign in', async ({ page }) => {
		await visit(page, '/manage/board');
		await expect(page).toHaveURL(/\/login\?next=%2Fmanage%2Fboard$/);
		await expect(h1(page)).toHaveText('Sign in');
		await visit(page, '/manage/feedback');
		await expect(page).toHaveURL(/\/login\?next=%2Fmanage%2Ffeedback$/);

		await visit(page, '/login');
		await signIn(page, PARENT.email);
		await expect(page.getByText(`Signed in as ${PARENT.name}`, { exact: true })).toBeVisible();
		await check(page);
		await expect(mainMenu(page).getByRole('link', { name: 'Follow up', includeHidden: true })).toHaveCount(0);
		await expect(mainMenu(page).getByRole('link', { name: 'Feedback queue', includeHidden: true })).toHaveCount(0);

		await visit(page, '/board');
		const itemId = await itemIdOnBoard(page, 'Waiting lists for speech and language therapy are too long.');
		for (const path of ['/manage/board', `/manage/board/${itemId}`, '/manage/feedback']) {
			const response = await visit(page, path);
			expect(response?.status(), path).toBe(403);
			await expect(h1(page)).toHaveText('You cannot open this page');
		}
	});

	test('an organiser sees only the overdue items', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, '/manage/board');
		const all = await boardItems(page).count();
		await expect(boardItems(page).filter({ hasNotText: 'Overdue' }).first()).toBeVisible();

		await page.getByRole('link', { name: 'Show only overdue items' }).click();
		await expect(page).toHaveURL(/\/manage\/board\?show=overdue$/);
		await expect(page.getByRole('link', { name: 'Show all items' })).toBeVisible();
		await check(page);
		const overdue = boardItems(page);
		await expect(overdue.first()).toBeVisible();
		const shown = await overdue.count();
		expect(shown).toBeLessThan(all);
		for (let i = 0; i < shown; i++) {
			await expect(overdue.nth(i).locator('.tag-warning')).toHaveText('Overdue');
		}
		await expect(page.getByRole('link', { name: 'The local offer website is hard to use on a phone.' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'After a referral we hear nothing for months, and do not know if it arrived.' })).toHaveCount(0);
	});
});

test.describe('the public board', () => {
	test('figures, filters, search and words on every status', async ({ page }) => {
		await visit(page, '/');
		await mainMenu(page).getByRole('link', { name: 'You said, we did' }).click();
		await expect(h1(page)).toHaveText('You said, we did');
		await check(page);
		await expect(page.getByRole('heading', { name: /^This year so far \(\d{4}\)$/ })).toBeVisible();
		const figures = page.locator('ul.board-figures > li');
		await expect(figures).toHaveCount(4);
		await expect(figures.nth(0)).toHaveText(/^\d+ things heard$/);
		await expect(page.locator('link[rel=alternate][type="application/atom+xml"]')).toHaveAttribute('href', '/board/feed.xml');

		// Every status is written in words, not shown by colour alone.
		const badges = page.locator('.status-badge');
		expect(await badges.count()).toBeGreaterThanOrEqual(19);
		for (const badge of await badges.all()) await expect(badge).toHaveText(STATUS_WORD);

		// Filters are a plain GET form: the address carries them.
		await page.getByLabel('Service', { exact: true }).selectOption({ label: SALT });
		await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Done' });
		await page.getByRole('button', { name: 'Show items' }).click();
		await expect(page).toHaveURL(/\/board\?(.+&)?status=done(&|$)/);
		await check(page);
		const params = new URL(page.url()).searchParams;
		expect(params.get('service')).toMatch(/^\d+$/);
		expect(params.get('status')).toBe('done');
		await expect(page.getByLabel('Service', { exact: true }).locator('option:checked')).toHaveText(SALT);
		await expect(page.getByLabel('Status', { exact: true }).locator('option:checked')).toHaveText('Done');
		await expect(page.getByRole('link', { name: 'After a referral we hear nothing for months, and do not know if it arrived.' })).toBeVisible();
		const matching = boardItems(page);
		const shown = await matching.count();
		expect(shown).toBeGreaterThanOrEqual(1);
		await expect(page.getByRole('heading', { name: `${shown} ${shown === 1 ? 'item' : 'items'}`, exact: true })).toBeVisible();
		for (const item of await matching.all()) {
			await expect(item.locator('.status-badge')).toHaveText('Done');
			await expect(item.locator('.board-item-facts')).toContainText(SALT);
		}

		// "Clear filters" goes back to everything.
		await page.getByRole('link', { name: 'Clear filters' }).click();
		await expect(page).toHaveURL(/\/board$/);
		await check(page);
		await expect(page.getByLabel('Service', { exact: true })).toHaveValue('');
		await expect(page.getByLabel('Status', { exact: true })).toHaveValue('');
		expect(await boardItems(page).count()).toBeGreaterThan(shown);

		// A word from an item's text finds it.
		await page.getByLabel('Words to look for').fill('noisy');
		await page.getByRole('button', { name: 'Show items' }).click();
		await expect(page).toHaveURL(/[?&]q=noisy(&|$)/);
		await check(page);
		await expect(boardItems(page)).toHaveCount(1);
		await expect(page.getByRole('link', { name: 'Waiting rooms are too noisy for autistic children.' })).toBeVisible();
		await expect(page.getByLabel('Words to look for')).toHaveValue('noisy');

		// A topic.
		await page.getByLabel('Words to look for').fill('');
		await page.getByLabel('Topic', { exact: true }).selectOption('transport');
		await page.getByRole('button', { name: 'Show items' }).click();
		await expect(page).toHaveURL(/[?&]topic=transport(&|$)/);
		await check(page);
		await expect(boardItems(page)).toHaveCount(1);
		await expect(page.getByRole('link', { name: 'Transport to special school changes without warning.' })).toBeVisible();

		// An item's own page: its status in words and its history.
		await page.getByRole('link', { name: 'Transport to special school changes without warning.' }).click();
		await expect(h1(page)).toHaveText('You said: Transport to special school changes without warning.');
		await check(page);
		await expect(page.locator('.status-badge')).toHaveText('Not possible');
		await expect(page.getByText(/^Why: Drivers are employed by several companies/)).toBeVisible();
	});

	test('the easy read board, with and without symbols', async ({ page }) => {
		await visit(page, '/board');
		await page.getByRole('link', { name: 'Easy read version' }).click();
		await expect(h1(page)).toHaveText('You said, we did: easy read');
		await check(page);
		const sections = page.locator('section.easy-item');
		expect(await sections.count()).toBeGreaterThanOrEqual(19);
		await expect(page.getByRole('heading', { name: 'You told us:' })).toHaveCount(await sections.count());
		await expect(page.getByRole('heading', { name: 'We did this:' })).toHaveCount(await sections.count());
		await expect(page.getByText('You waited too long for speech therapy.')).toBeVisible();
		await expect(sections.first().locator('img.symbol').first()).toBeVisible();
		for (const section of (await sections.all()).slice(0, 5)) {
			await expect(section).toContainText('Now it is:');
			await expect(section.locator('.status-badge')).toHaveText(STATUS_WORD);
		}

		await visit(page, '/settings');
		await page.getByLabel('Hide symbols', { exact: true }).check();
		await page.getByRole('button', { name: 'Save display settings' }).click();
		await expect(page.getByText('Your display settings are saved.')).toBeVisible();
		await check(page);

		await visit(page, '/board/easy-read');
		await expect(page.locator('html')).toContainClass('symbols-off');
		await expect(page.getByText('You waited too long for speech therapy.')).toBeVisible();
		const symbols = page.locator('img.symbol');
		expect(await symbols.count()).toBeGreaterThan(0);
		expect(await symbols.evaluateAll((imgs) => imgs.filter((img) => img.getBoundingClientRect().height > 0).length)).toBe(0);
		await expect(sections.first().locator('.status-badge')).toHaveText(STATUS_WORD);
	});

	test('the Atom feed', async ({ request }) => {
		const response = await request.get('/board/feed.xml');
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toMatch(/^application\/atom\+xml/);
		const xml = await response.text();
		// in the reader's language: English unless their language cookie says otherwise
		expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">');
		const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
		expect(entries.length).toBeGreaterThanOrEqual(19);
		for (const entry of entries) {
			expect(entry).toMatch(/<id>https?:\/\/[^<]+\/board\/\d+<\/id>/);
			expect(entry).toMatch(/<updated>\d{4}-\d{2}-\d{2}T[^<]+Z<\/updated>/);
		}
		expect(xml).toContain('<title>Waiting rooms are too noisy for autistic children.</title>');
		const turkish = await (await request.get('/board/feed.xml', { headers: { cookie: 'PARAGLIDE_LOCALE=tr' } })).text();
		expect(turkish).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="tr">');
	});

	test('controls are large enough', async ({ page }) => {
		for (const path of ['/board', '/feedback', '/board/easy-read']) {
			await visit(page, path);
			await expectLargeTargets(page);
		}
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await openStaffPage(page, 'Follow up');
		await expect(h1(page)).toHaveText('Follow up');
		await check(page);
		await expectLargeTargets(page);
		await page.getByRole('link', { name: 'Waiting rooms are too noisy for autistic children.' }).click();
		await expect(h1(page)).toHaveText('Waiting rooms are too noisy for autistic children.');
		await check(page);
		await expectLargeTargets(page);
	});
});

test.describe('area settings', () => {
	test('an admin changes how many weeks services have to reply', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ADMIN.email, ADMIN.name);
		await openStaffPage(page, 'Area settings');
		await expect(h1(page)).toHaveText('Area settings');
		await check(page);
		const weeks = page.getByLabel('We reply within this many weeks');
		await expect(weeks).toHaveValue(/^\d+$/);
		const before = await weeks.inputValue();

		await weeks.fill('abc');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: 'Enter a whole number of weeks from 1 to 52' })).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(weeks).toHaveValue('abc');
		await check(page);

		await weeks.fill('6');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await expect(page.getByText('Settings saved.')).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(page).not.toHaveTitle(/^Error: /);
		await check(page);

		// New items show the new number in the date's hint.
		await visit(page, '/manage/board/new');
		await expect(page.getByText('The answer is due 6 weeks later.', { exact: false })).toBeVisible();

		// Put it back, so the other tests in this worker see the usual number.
		await visit(page, '/admin/settings');
		await expect(weeks).toHaveValue('6');
		await weeks.fill(before);
		await page.getByRole('button', { name: 'Save settings' }).click();
		await expect(page.getByText('Settings saved.')).toBeVisible();
		await check(page);
	});
});
