import type { Locator, Page, TestInfo } from '@playwright/test';
import { PARENT, check, expect, expectLargeTargets, openStaffPage, signIn, signInAs, test, visit } from '../fixtures';

/* Forum meetings as organisers run them: planning, the agenda and its papers, the state steps,
   the minutes with decisions, actions, a "you said" item, attendance and an easy-read summary,
   and changes after the minutes are out. */

const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
const notice = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const agendaTitles = (page: Page) => page.locator('.mm-item h3');

/** Words nobody else uses: a label, this project's name and a random suffix. */
function unique(label: string, testInfo: TestInfo) {
	return `${label} ${testInfo.project.name} ${Math.random().toString(36).slice(2, 8)}`;
}

/** The smallest file every PDF reader opens: one empty page. */
function tinyPdf() {
	return Buffer.from(
		'%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
			'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
			'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
			'trailer << /Root 1 0 R >>\n%%EOF\n'
	);
}

/** The error summary that has just appeared: its heading, and a link per problem to its field. */
async function expectProblems(page: Page, problems: [message: string, field: string][]) {
	const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
	await expect(summary).toBeVisible();
	for (const [message, field] of problems) {
		await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', `#${field}`);
	}
	await expect(page).toHaveTitle(/^Error: /);
}

/** Fills the meeting form: title, day and times, place, access and who it is for. */
async function fillMeeting(page: Page, m: { title: string; date: string; start: string; end: string; place?: string }) {
	await page.getByLabel('Title', { exact: true }).fill(m.title);
	await page.getByLabel('Date', { exact: true }).fill(m.date);
	await page.getByLabel('Start time', { exact: true }).fill(m.start);
	await page.getByLabel('End time', { exact: true }).fill(m.end);
	await page.getByLabel('Place').fill(m.place ?? '');
}

/** On a meeting's page: adds an agenda item and waits for the confirmation. */
async function addItem(page: Page, title: string, lead: string, minutes: string, kind: 'Information' | 'Discussion' | 'Decision') {
	const form = page.getByRole('form', { name: 'Add an item' });
	await form.getByLabel('What the item is about').fill(title);
	await form.getByLabel('Who leads it').fill(lead);
	await form.getByLabel('Time allowed, in minutes').fill(minutes);
	await form.getByRole('group', { name: 'Kind of item' }).getByLabel(kind, { exact: true }).check();
	await form.getByRole('button', { name: 'Add the item' }).click();
	await expect(notice(page)).toHaveText('Item added to the agenda.');
	await expect(agendaTitles(page).last()).toContainText(title);
	await check(page);
	// The form is empty again for the next item.
	await expect(form.getByLabel('What the item is about')).toHaveValue('');
}

/** Plans a meeting through the form and lands on its page. Returns its id. */
async function planMeeting(page: Page, title: string, date = '2027-03-02') {
	await visit(page, '/manage/meetings/new');
	await fillMeeting(page, { title, date, start: '18:00', end: '20:00', place: 'Riverside Family Centre, 12 Mill Lane' });
	await page.getByRole('button', { name: 'Save the meeting' }).click();
	await expect(page).toHaveURL(/\/manage\/meetings\/\d+\?done=created$/);
	await expect(h1(page)).toHaveText(title);
	await check(page);
	return Number(page.url().match(/\/manage\/meetings\/(\d+)/)![1]);
}

/** The minutes' section for one agenda item, by its title. */
const itemSection = (page: Page, title: string): Locator => page.getByRole('region', { name: new RegExp(`^Item \\d+ ${title}$`) });

test.describe('organisers run forum meetings', () => {
	test('an organiser plans a meeting, builds and publishes the agenda with a paper, writes and publishes the minutes', async ({
		page
	}, testInfo) => {
		test.setTimeout(240_000);
		const title = unique('Forum meeting', testInfo);

		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await openStaffPage(page, 'Plan meetings');
		await expect(h1(page)).toHaveText('Meetings');
		await check(page);
		// The demo year of meetings is listed newest first, each with its day written out and its state in words.
		const rows = page.getByRole('table', { name: 'All meetings, newest first' }).getByRole('row');
		await expect(rows.nth(1)).toContainText(/\w+day \d{1,2} \w+ \d{4}, /);
		await expect(rows.filter({ hasText: 'Minutes published' }).first()).toBeVisible();
		await expect(rows.filter({ hasText: 'Cancelled' })).not.toHaveCount(0);
		await expectLargeTargets(page);

		await page.getByRole('link', { name: 'Plan a meeting' }).click();
		await expect(h1(page)).toHaveText('Plan a meeting');
		await check(page);

		// Nothing typed: every problem in the summary, each linked to its field.
		await page.getByRole('button', { name: 'Save the meeting' }).click();
		await expectProblems(page, [
			['Enter a title', 'title'],
			['Enter the date as a real date, for example 2026-03-03', 'date'],
			['Enter the start time, for example 18:00', 'startTime'],
			['Enter the end time, for example 20:00', 'endTime']
		]);
		await check(page);

		// The service's own check (ends before it starts) shows against the end time; what was typed stays.
		await fillMeeting(page, { title, date: '2027-03-02', start: '18:00', end: '17:00', place: 'Riverside Family Centre, 12 Mill Lane' });
		await page.getByLabel('Online link').fill('https://meet.example.org/forum');
		const access = page.getByRole('group', { name: 'Access' });
		await access.getByLabel('Step-free access').check();
		await access.getByLabel('British Sign Language (BSL) interpreter').check();
		await access.getByLabel('Quiet room').check();
		await page.getByLabel('More about access').fill('Free parking behind the centre.');
		await page.getByRole('group', { name: 'Who it is for' }).getByLabel('Forum members').check();
		await page.getByRole('button', { name: 'Save the meeting' }).click();
		await expectProblems(page, [['The end time must be after the start time', 'endTime']]);
		await expect(page.getByLabel('End time', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
		await expect(page.getByLabel('Start time', { exact: true })).toHaveValue('18:00');
		await expect(access.getByLabel('Step-free access')).toBeChecked();
		await expect(access.getByLabel('Hearing loop')).not.toBeChecked();
		await expect(page.getByRole('group', { name: 'Who it is for' }).getByLabel('Forum members')).toBeChecked();
		await check(page);

		await page.getByLabel('End time', { exact: true }).fill('20:00');
		await page.getByRole('button', { name: 'Save the meeting' }).click();
		await expect(page).toHaveURL(/\/manage\/meetings\/\d+\?done=created$/);
		await expect(notice(page)).toHaveText('Meeting saved. Now add the agenda.');
		await expect(h1(page)).toHaveText(title);
		// Winter: 18:00 in London is 18:00 UTC, shown with the day written out.
		await expect(page.getByText('Tuesday 2 March 2027, 6pm to 8pm', { exact: true })).toBeVisible();
		await expect(page.getByRole('listitem').filter({ hasText: /^Step-free access$/ })).toBeVisible();
		await expect(page.getByRole('listitem').filter({ hasText: /^Quiet room$/ })).toBeVisible();
		await expect(page.locator('dd').getByText('Free parking behind the centre.')).toBeVisible();
		await expect(page.getByText('Draft: only organisers can see it')).toBeVisible();
		await check(page);
		const meetingId = Number(page.url().match(/\/manage\/meetings\/(\d+)/)![1]);

		// An agenda cannot be published empty.
		await page.getByRole('button', { name: 'Publish the agenda' }).click();
		await expectProblems(page, [['Add at least one item to the agenda before you publish it', 'next-step-first']]);
		await check(page);

		// The agenda: a mistake first, then three items.
		const addForm = page.getByRole('form', { name: 'Add an item' });
		await addForm.getByLabel('Time allowed, in minutes').fill('ten');
		await addForm.getByRole('button', { name: 'Add the item' }).click();
		await expectProblems(page, [
			['Enter what the item is about', 'item-title'],
			['Enter the time as a whole number of minutes, from 1 to 480', 'item-minutesAllotted']
		]);
		await expect(addForm.getByLabel('Time allowed, in minutes')).toHaveValue('ten');
		await check(page);
		await addItem(page, 'Welcome and introductions', 'Chair', '5', 'Information');
		await addItem(page, 'Short breaks review', 'Olu Organiser', '30', 'Discussion');
		await addItem(page, 'Transport to school', 'Chair', '20', 'Decision');
		await expect(agendaTitles(page)).toHaveText([/Welcome and introductions$/, /Short breaks review$/, /Transport to school$/]);
		await expect(page.getByText('Decision · 20 minutes · Led by Chair')).toBeVisible();

		// Reordering without JavaScript too: each button says which item it moves.
		await expect(page.getByRole('button', { name: 'Move item 1 up' })).toHaveCount(0);
		await page.getByRole('button', { name: 'Move item 3 up' }).click();
		await expect(notice(page)).toHaveText('Item moved. It is now item 2.');
		await expect(agendaTitles(page)).toHaveText([/Welcome and introductions$/, /Transport to school$/, /Short breaks review$/]);
		await check(page);

		// A paper for "Short breaks review" (now item 3): only PDF, Word or ODT.
		await page.getByRole('link', { name: 'Edit item 3 and its papers' }).click();
		await expect(h1(page)).toHaveText('Item 3: Short breaks review');
		await check(page);
		await page.getByLabel('Title of the paper').fill('Short breaks report');
		await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a pdf') });
		await page.getByRole('button', { name: 'Upload the paper' }).click();
		await expectProblems(page, [['The file must be a PDF, a Word document or an OpenDocument text (ODT)', 'paper-file']]);
		await expect(page.getByLabel('Title of the paper')).toHaveValue('Short breaks report');
		await check(page);
		await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
		await page.getByRole('button', { name: 'Upload the paper' }).click();
		await expect(notice(page)).toHaveText('Paper uploaded.');
		const paperLink = page.getByRole('link', { name: 'Short breaks report (PDF, 1 KB)' });
		await expect(paperLink).toBeVisible();
		await check(page);
		const download = await page.request.get((await paperLink.getAttribute('href'))!);
		expect(download.status()).toBe(200);
		expect((await download.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

		// The item itself can be changed here too.
		await page.getByLabel('Time allowed, in minutes').fill('35');
		await page.getByRole('button', { name: 'Save the item' }).click();
		await expect(page.getByText('Item saved.')).toBeVisible();
		await check(page);
		await page.getByRole('link', { name: title }).click();
		await expect(h1(page)).toHaveText(title);
		await check(page);
		await expect(page.getByText('Discussion · 35 minutes · Led by Olu Organiser')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Short breaks report (PDF, 1 KB)' })).toBeVisible();

		// Publish the agenda, then start the minutes.
		await page.getByRole('button', { name: 'Publish the agenda' }).click();
		await expect(notice(page)).toHaveText('Agenda published. Everyone can now see this meeting.');
		await expect(page.getByText('Agenda published', { exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'See the public page' })).toHaveAttribute('href', `/meetings/${meetingId}`);
		await check(page);
		await page.getByRole('button', { name: 'Start the minutes' }).click();
		await expect(notice(page)).toHaveText('You can now write the minutes.');
		await expect(page.getByRole('button', { name: 'Stop writing the minutes' })).toBeVisible();
		await check(page);

		await page.getByRole('link', { name: 'Write the minutes' }).click();
		await expect(h1(page)).toHaveText(`Minutes: ${title}`);
		await check(page);
		await expectLargeTargets(page);

		// Notes in Markdown and a decision.
		const breaks = itemSection(page, 'Short breaks review');
		await breaks.getByRole('textbox', { name: /^Notes/ }).fill('Families said **short breaks** are hard to book.\n\n- Too few places\n- The forms are long');
		await breaks.getByRole('textbox', { name: /^Decisions/ }).fill('Ask the council to publish the short breaks places each month');
		await breaks.getByRole('button', { name: 'Save notes and decisions' }).click();
		await expect(breaks.getByText('Notes and decisions saved.')).toBeVisible();
		await expect(breaks.locator('.mm-preview strong')).toHaveText('short breaks');
		await expect(breaks.locator('.mm-preview li')).toHaveText(['Too few places', 'The forms are long']);
		await expect(breaks.getByRole('textbox', { name: /^Decisions/ })).toHaveValue('Ask the council to publish the short breaks places each month');
		await check(page);

		// Two actions: one for a service, one for someone named in words. A mistake first.
		const addAction = breaks.getByRole('form', { name: 'Add an action' });
		await addAction.getByLabel('A service').check();
		await addAction.getByRole('button', { name: 'Add the action' }).click();
		await expectProblems(page, [['Enter what needs to be done', `n${await itemIdOf(breaks)}-what`]]);
		await check(page);
		await addAction.getByLabel('What needs to be done').fill('Write to the council about short breaks places');
		await addAction.getByLabel('A service').check();
		await addAction.getByLabel('Service', { exact: true }).selectOption({ label: 'Short breaks' });
		await addAction.getByLabel('Due date').fill('2027-04-30');
		await addAction.getByRole('button', { name: 'Add the action' }).click();
		await expect(breaks.getByText('Action added.')).toBeVisible();
		await expect(addAction.getByLabel('What needs to be done')).toHaveValue('');
		const actions = breaks.locator('.mm-action');
		await expect(actions).toHaveCount(1);
		await expect(actions.first()).toContainText('Who: Short breaks · Due: 30 April 2027');
		await check(page);

		await addAction.getByLabel('What needs to be done').fill('Invite the transport team to the next meeting');
		await addAction.getByLabel('Someone else (type their name)').check();
		await addAction.getByLabel('Name', { exact: true }).fill('Chair of the forum');
		await addAction.getByRole('button', { name: 'Add the action' }).click();
		await expect(breaks.getByText('Action added.')).toBeVisible();
		await expect(actions).toHaveCount(2);
		await expect(actions.filter({ hasText: 'Invite the transport team' })).toContainText('Who: Chair of the forum · No due date');
		await expect(actions.filter({ hasText: 'Invite the transport team' }).locator('.tag')).toHaveText('Open');
		await check(page);

		// Changing an action: dropping it needs a reason; marking it done does not.
		const invite = actions.filter({ hasText: 'Invite the transport team' });
		await invite.locator('summary').click();
		await invite.getByRole('radio', { name: 'Dropped' }).check();
		await invite.getByRole('button', { name: 'Save the action' }).click();
		await expect(invite.getByText('Say why the action was dropped').first()).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);
		await check(page);
		await invite.getByRole('radio', { name: 'Done' }).check();
		await invite.getByRole('button', { name: 'Save the action' }).click();
		await expect(invite.getByText('Action saved.')).toBeVisible();
		await expect(invite.locator('.tag')).toHaveText('Done');
		await check(page);

		// A "you said" item for the board, in one step, linked from here.
		await breaks.getByRole('button', { name: "Raise a 'you said' item from Short breaks review" }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Board item raised.' })).toHaveText('Board item raised. Word it and publish it on the board.');
		await check(page);
		const raised = itemSection(page, 'Short breaks review').getByRole('link', { name: 'open it' });
		await expect(raised).toHaveAttribute('href', /^\/manage\/board\/\d+$/);
		await raised.click();
		await expect(h1(page)).toHaveText(/^Short breaks review: Families said/);
		await check(page);
		await visit(page, `/manage/meetings/${meetingId}/minutes`);

		// Attendance, one name per line.
		await page.getByLabel('Who came').fill('Olu Organiser\nAmina Khan\nTom Price');
		await page.getByLabel('Apologies').fill('Sam Lead');
		await page.getByLabel('Guests').fill('Jo Bloggs, council transport team');
		await page.getByRole('button', { name: 'Save attendance' }).click();
		await expect(page.getByText('Attendance saved.')).toBeVisible();
		await check(page);
		await expect(page.getByLabel('Apologies')).toHaveValue('Sam Lead');

		// The easy-read summary: short sentences with symbols.
		await page.getByLabel('Sentence 1', { exact: true }).fill('We talked about short breaks.');
		await page.getByLabel('Symbol for sentence 1').selectOption({ label: 'Family' });
		await page.getByLabel('Sentence 2', { exact: true }).fill('We will write to the council.');
		await page.getByRole('button', { name: 'Save the easy-read summary' }).click();
		await expect(page.getByText('Easy-read summary saved.')).toBeVisible();
		await check(page);
		await expect(page.getByLabel('Symbol for sentence 1').locator('option:checked')).toHaveText('Family');

		// Publish the minutes.
		await page.getByRole('link', { name: title }).click();
		await check(page);
		await page.getByRole('button', { name: 'Publish the minutes' }).click();
		await expect(notice(page)).toHaveText('Minutes published. Everyone can now read them.');
		await expect(page.getByText('Minutes published', { exact: true })).toBeVisible();
		await check(page);

		// Edits after publishing keep the earlier version and show "updated on".
		await page.getByRole('link', { name: 'Write the minutes' }).click();
		await expect(page.getByText('These minutes are published.', { exact: false })).toBeVisible();
		await expect(page.getByText(/^Updated on /)).toHaveCount(0);
		await check(page);
		const welcome = itemSection(page, 'Welcome and introductions');
		await welcome.getByRole('textbox', { name: /^Notes/ }).fill('Everyone said hello. Two new members joined.');
		await welcome.getByRole('button', { name: 'Save notes and decisions' }).click();
		await expect(welcome.getByText('Notes and decisions saved.')).toBeVisible();
		await expect(page.getByText(/^Updated on \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
		await expect(page.getByText('Earlier versions kept: 1.')).toBeVisible();
		await check(page);

		// The list shows it with its state in words.
		await visit(page, '/manage/meetings');
		await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Tuesday 2 March 2027, 6pm to 8pm');
		await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Minutes published');
	});

	test('an organiser moves and cancels a meeting, and cannot remove an item with minutes', async ({ page }, testInfo) => {
		test.setTimeout(180_000);
		const title = unique('Summer planning evening', testInfo);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		const meetingId = await planMeeting(page, title);
		await addItem(page, 'Budget for next year', 'Treasurer', '15', 'Decision');
		await page.getByRole('button', { name: 'Publish the agenda' }).click();
		await expect(notice(page)).toHaveText('Agenda published. Everyone can now see this meeting.');
		await check(page);

		// Moved to a summer evening: BST, and the page says it moved.
		const details = page.getByRole('form', { name: 'Change the details' });
		await details.getByLabel('Date', { exact: true }).fill('2027-07-13');
		await details.getByLabel('Start time', { exact: true }).fill('18:30');
		await details.getByLabel('End time', { exact: true }).fill('20:00');
		await details.getByRole('button', { name: 'Save the details' }).click();
		await expect(notice(page)).toHaveText('Meeting details saved.');
		await expect(page.getByText('Tuesday 13 July 2027, 6:30pm to 8pm', { exact: true })).toBeVisible();
		await expect(page.getByText('Moved from Tuesday 2 March 2027, 6pm')).toBeVisible();
		await expect(page.locator('.tag', { hasText: 'Moved' })).toBeVisible();
		await expect(details.getByLabel('Start time', { exact: true })).toHaveValue('18:30');
		await check(page);

		// An item with an action in the minutes cannot be removed.
		await visit(page, `/manage/meetings/${meetingId}/minutes`);
		const budget = itemSection(page, 'Budget for next year');
		const addAction = budget.getByRole('form', { name: 'Add an action' });
		await addAction.getByLabel('What needs to be done').fill('Send the budget to every member');
		await addAction.getByLabel('A person with an account').check();
		await addAction.getByLabel('Person', { exact: true }).selectOption({ label: ORGANISER.name });
		await addAction.getByRole('button', { name: 'Add the action' }).click();
		await expect(budget.getByText('Action added.')).toBeVisible();
		await expect(budget.locator('.mm-action')).toContainText(`Who: ${ORGANISER.name}`);
		await check(page);
		await visit(page, `/manage/meetings/${meetingId}`);
		await page.getByRole('button', { name: 'Remove item 1' }).click();
		await expect(page.getByRole('alert')).toContainText('This item cannot be removed: the minutes have decisions or actions for it.');
		await expect(agendaTitles(page)).toHaveCount(1);
		await check(page);

		// Cancelling needs a reason; the meeting stays listed, marked cancelled, and can be taken back.
		await page.getByRole('button', { name: 'Cancel the meeting' }).click();
		await expectProblems(page, [['Say why the meeting is cancelled', 'cancel-reason']]);
		await check(page);
		await page.getByLabel('Why it is cancelled').fill('The venue is closed for repairs.');
		await page.getByRole('button', { name: 'Cancel the meeting' }).click();
		await expect(notice(page)).toHaveText('Meeting cancelled. It stays listed as cancelled.');
		await expect(page.getByText('Cancelled: The venue is closed for repairs.').first()).toBeVisible();
		await expect(page.getByRole('button', { name: 'Start the minutes' })).toHaveCount(0);
		await check(page);
		await visit(page, '/manage/meetings');
		await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Cancelled');
		await expect(page.getByRole('row').filter({ hasText: title })).toContainText('Moved');
		await page.getByRole('link', { name: title }).click();
		await check(page);
		await page.getByRole('button', { name: 'Take back the cancellation' }).click();
		await expect(notice(page)).toHaveText('The cancellation is taken back.');
		await expect(page.getByRole('button', { name: 'Start the minutes' })).toBeVisible();
		await check(page);
	});

	test('a parent carer cannot plan meetings, and a visitor must sign in', async ({ page }) => {
		await visit(page, '/manage/meetings');
		await expect(page).toHaveURL(/\/login\?next=%2Fmanage%2Fmeetings$/);

		await signIn(page, PARENT.email);
		await expect(page.getByText(`Signed in as ${PARENT.name}`, { exact: true })).toBeVisible();
		await check(page);
		await expect(mainMenu(page).getByRole('link', { name: 'Plan meetings', includeHidden: true })).toHaveCount(0);
		for (const path of ['/manage/meetings', '/manage/meetings/new', '/manage/meetings/1', '/manage/meetings/1/minutes']) {
			const response = await visit(page, path);
			expect(response?.status(), path).toBe(403);
			await expect(h1(page)).toHaveText('You cannot open this page');
		}
	});
});

/** The agenda item id behind a minutes section (its element id is "item-<id>"). */
async function itemIdOf(section: Locator) {
	return Number((await section.getAttribute('id'))!.replace('item-', ''));
}
