import type { Page } from '@playwright/test';
import {
	check,
	expect,
	expectLargeTargets,
	SAFEGUARDING_LEAD,
	openStaffPage,
	signInAs,
	signOut,
	test,
	visit,
	YOUNG_PEOPLES_TARGET
} from '../fixtures';

/*
 * Safeguarding: the demo young person Alex writes a worrying sentence on their profile (with
 * "where to get help now" on that page) and sends a message through "I'm worried about
 * something"; an organiser cannot see the flags; the safeguarding lead finds them in the queue,
 * opens them and reviews one (an error first), and checks a sentence against the phrase list.
 * Other tests use Alex too, so the item added here is removed again straight away.
 */

const ALEX = { code: 'BEAR-4827', picks: ['Cat', 'Pizza', 'Football'] };
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };

test.describe.configure({ timeout: 120_000 });

/** A flag's name: its random id, in groups of four digits. */
const FLAG = /^Flag \d{1,4}( \d{4})*$/;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const menu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });

/** Signs Alex in with the card code and pictures; lands on Alex's profile and returns its id. */
async function signInAsAlex(page: Page) {
	await visit(page, '/young-people/sign-in');
	await expect(page.getByRole('link', { name: "I'm worried about something" })).toHaveAttribute('href', '/worried');
	await page.getByLabel('Your code').fill(ALEX.code);
	await page.getByRole('button', { name: 'Next', exact: true }).click();
	for (const picture of ALEX.picks) {
		await expect(page.getByRole('button', { name: picture, exact: true })).toBeVisible();
		await check(page);
		await page.getByRole('button', { name: picture, exact: true }).click();
	}
	await expect(page).toHaveURL(/\/profiles\/\d+$/);
	await check(page);
	return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** Opens "Need help now?" and checks what it offers: 999 and Childline, as phone links. */
async function expectHelpNow(page: Page) {
	const help = page.locator('details.help-now');
	await help.getByText('Need help now? Who to contact').click();
	await expect(help.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
	await expect(help.getByRole('link', { name: 'Call Childline on 0800 1111' })).toHaveAttribute('href', 'tel:08001111');
}

test('a young person writes something worrying; only the safeguarding lead sees it, is emailed without it, opens it and reviews it', async ({ page, mailbox }, testInfo) => {
	const project = testInfo.project.name;
	const words = `Sometimes I want to die (${project})`;
	const message = `Someone at my club keeps sending me messages I do not like (${project})`;

	// Alex: the profile has the "I'm worried" link; adding shows where to get help, folded up.
	const id = await signInAsAlex(page);
	await expect(page.getByRole('link', { name: "I'm worried about something" })).toHaveAttribute('href', '/worried');
	await page.getByRole('link', { name: 'Add to this part: What is important to me' }).click();
	await expect(h1(page)).toHaveText('Add to “What is important to me”');
	await expect(page.getByLabel('Your own words')).toBeVisible();
	await check(page);
	await expectHelpNow(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await check(page);
	await page.getByLabel('Your own words').fill(words);
	await page.getByRole('button', { name: 'Add to my profile' }).click();
	await expect(page).toHaveURL(new RegExp(`/profiles/${id}\\?saved=\\d+&section=important#section-important$`));
	await check(page);
	// The words are saved as usual: a flag does not stop anything.
	const change = page.getByRole('link', { name: `Change: ${words}` });
	await expect(change).toBeVisible();
	const itemPath = (await change.getAttribute('href'))!;

	// Take it off again (other tests use Alex): the change page has the help too.
	await change.click();
	await expect(page.locator('details.help-now')).toHaveCount(1);
	await check(page);
	await page.getByRole('link', { name: 'Remove this' }).click();
	await check(page);
	await page.getByRole('button', { name: 'Yes, remove it' }).click();
	await expect(page).toHaveURL(new RegExp(`/profiles/${id}`));
	await expect(page.getByRole('link', { name: `Change: ${words}` })).toHaveCount(0);
	await check(page);
	expect(itemPath).toMatch(new RegExp(`^/profiles/${id}/items/\\d+$`));

	// "I'm worried about something": who can help, and a message straight to the team.
	await page.getByRole('link', { name: "I'm worried about something" }).click();
	await expect(h1(page)).toHaveText("I'm worried about something");
	const help = page.getByRole('region', { name: 'Where to get help now' });
	await expect(help).toContainText('Tell a grown-up you trust');
	await expect(help.getByRole('link', { name: 'Call Childline on 0800 1111' })).toHaveAttribute('href', 'tel:08001111');
	await expect(help.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await page.getByLabel('What are you worried about?').fill(message);
	const emailsBefore = mailbox.received.length;
	await page.getByRole('button', { name: 'Send to the safeguarding team' }).click();
	await expect(page).toHaveURL(/\/worried\/sent$/);
	// The lead is emailed within seconds that a flag is waiting: a link to the queue, and never the
	// words, where they were written or who wrote them (the email is read from a real SMTP server).
	const email = await mailbox.find((mail) => mail.to !== undefined && 'text' in mail.to && mail.to.text === SAFEGUARDING_LEAD.email, { from: emailsBefore });
	expect(email.subject).toBe('A safeguarding flag is waiting');
	expect(email.text).toContain('/safeguarding');
	for (const mail of mailbox.received) {
		for (const secret of [message, words, 'club', 'Alex']) expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toContain(secret);
	}
	await expect(h1(page)).toHaveText('Thank you. Your message has been sent.');
	await expect(page.getByText('A safeguarding lead will read it.', { exact: false })).toBeVisible();
	await expect(page.getByText('They usually read it by the end of the next working day.', { exact: false })).toBeVisible();
	await expect(page.getByText('If you are in danger now, call 999.', { exact: false })).toBeVisible();
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await signOut(page);

	// An organiser has no menu item and gets "You cannot open this page", for the queue and a flag.
	await signInAs(page, ORGANISER.email, ORGANISER.name);
	await expect(menu(page).getByRole('link', { name: 'Safeguarding', includeHidden: true })).toHaveCount(0);
	for (const path of ['/safeguarding', '/safeguarding/1', '/safeguarding/phrases']) {
		const response = await visit(page, path);
		expect(response?.status(), path).toBe(403);
		await expect(h1(page)).toHaveText('You cannot open this page');
	}
	await signOut(page);

	// The safeguarding lead: the queue, with no text and no names in it.
	await signInAs(page, SAFEGUARDING_LEAD.email, SAFEGUARDING_LEAD.name);
	await openStaffPage(page, 'Safeguarding');
	await expect(h1(page)).toHaveText('Safeguarding flags');
	await expect(page.getByText(/^\d+ flags? waiting, \d+ overdue$/)).toBeVisible();
	await expect(page.getByText('Flags are a help to notice things, not detection.', { exact: false })).toBeVisible();
	await check(page);
	const table = page.getByRole('table', { name: 'Flags waiting for a review, oldest first' });
	await expect(table).not.toContainText(words);
	await expect(table).not.toContainText('Alex');
	// the demo feedback waiting since last week is overdue, in words
	await expect(table.getByRole('row').filter({ hasText: 'Feedback' }).first()).toContainText('Overdue');
	// Alex's profile words (the demo's other profile flag is about feeling unsafe), and the message
	// (the demo's one is reviewed already)
	const rows = table.getByRole('row');
	const messageRow = rows.filter({ hasText: 'A message from someone signed in' });
	const profileRow = rows.filter({ hasText: "A young person's profile" }).filter({ hasText: 'Self-harm or suicide' });
	await expect(profileRow).toHaveCount(1);
	await expect(messageRow).toHaveCount(1);
	const messageLink = messageRow.getByRole('link', { name: FLAG });
	const messagePath = (await messageLink.getAttribute('href'))!;

	// Opening the profile flag: the text, where and who, then the review (an error first).
	await profileRow.getByRole('link', { name: FLAG }).click();
	await expect(h1(page)).toHaveText(FLAG);
	const flagPath = new URL(page.url()).pathname;
	await expect(page.locator('blockquote')).toHaveText(words);
	await expect(page.getByText('What is important to me', { exact: true })).toBeVisible();
	await expect(page.getByText('It is on the one-page profile of Alex.', { exact: false })).toBeVisible();
	await check(page);
	await page.getByRole('button', { name: 'Mark as reviewed' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('Choose what you decided');
	await expect(summary).toContainText('Write a short note of what you did and why');
	await check(page);
	await page.getByRole('radio', { name: 'Support offered' }).check();
	await page.getByLabel('Note', { exact: true }).fill('Talked with Alex and their supporter at school today.');
	await page.getByRole('button', { name: 'Mark as reviewed' }).click();
	await expect(page.getByRole('status')).toHaveText('Flag reviewed. Thank you.');
	await expect(page.getByRole('button', { name: 'Mark as reviewed' })).toHaveCount(0);
	await expect(page.getByText('Talked with Alex and their supporter at school today.')).toBeVisible();
	await expect(page.getByText(SAFEGUARDING_LEAD.name, { exact: true })).toBeVisible();
	await check(page);

	// It moves to "Reviewed", with its outcome.
	await visit(page, '/safeguarding?tab=reviewed');
	const reviewed = page.getByRole('table', { name: 'Reviewed flags, most recent first' });
	await expect(reviewed.getByRole('row').filter({ has: page.locator(`a[href="${flagPath}"]`) })).toContainText('Support offered');

	// The message arrived, from Alex.
	await visit(page, messagePath);
	await expect(page.locator('blockquote')).toHaveText(message);
	await expect(page.getByText('Sent by someone signed in to Chorus:')).toBeVisible();
	await expect(page.getByRole('definition').filter({ hasText: /^Alex$/ })).toBeVisible();

	// The phrase list: a misspelt sentence still matches.
	await visit(page, '/safeguarding/phrases');
	await expect(h1(page)).toHaveText('Phrases Chorus looks for');
	await page.getByLabel('Type a sentence to see which phrases it matches').fill('i wnat to  DIE');
	await page.getByRole('button', { name: 'Check the sentence' }).click();
	await expect(page.getByRole('status')).toContainText('It matches 1 phrase:');
	await expect(page.getByRole('status')).toContainText('want to die (Self-harm or suicide)');
	await check(page);
});

test('a visitor finds where to get help, on the worried page and on the feedback form', async ({ page }) => {
	await visit(page, '/worried');
	await expect(h1(page)).toHaveText("I'm worried about something");
	await expect(page.getByLabel('What are you worried about?')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Sign in with your card' })).toHaveAttribute('href', '/young-people/sign-in');
	await expect(page.getByRole('link', { name: 'Sign in with your email' })).toHaveAttribute('href', '/login?next=%2Fworried');
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);

	await visit(page, '/feedback');
	await expectHelpNow(page);
	await check(page);
});
