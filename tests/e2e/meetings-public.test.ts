import type { APIRequestContext, Page } from '@playwright/test';
import { PARENT, check, expect, expectLargeTargets, signIn, test, visit } from '../fixtures';
import { addDays, formatMonth, londonDate, monthEnd } from '../../src/lib/time';

/* Forum meetings as the public sees them: the list and its search, a meeting's agenda, papers
   and minutes, the actions tracker, the calendar feed, and a parent saying if they will come. */

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const mainMenu = (page: Page) => page.getByRole('navigation', { name: 'Main menu' });
const summaries = (page: Page) => page.locator('article.mt-summary');

/** The demo meeting next month has a published agenda: "Parent carer forum meeting, December 2026". */
function nextMonthsTitle() {
	return `Parent carer forum meeting, ${formatMonth(addDays(monthEnd(londonDate()), 1), 'en')}`;
}

/** Opens next month's meeting from the list of meetings. Returns its id. */
async function openUpcoming(page: Page) {
	await visit(page, '/meetings');
	await page.getByRole('link', { name: nextMonthsTitle(), exact: true }).click();
	await expect(h1(page)).toHaveText(nextMonthsTitle());
	await check(page);
	return Number(page.url().match(/\/meetings\/(\d+)/)![1]);
}

/** The calendar feed, with its lines split on CRLF. */
async function calendar(request: APIRequestContext) {
	const response = await request.get('/meetings/calendar.ics');
	expect(response.status()).toBe(200);
	return { response, text: await response.text() };
}

test.describe('forum meetings for everyone', () => {
	test('a visitor finds past minutes by words and year and reads them', async ({ page }) => {
		await visit(page, '/');
		await mainMenu(page).getByRole('link', { name: 'Meetings', exact: true }).click();
		await expect(h1(page)).toHaveText('Forum meetings');
		await check(page);
		await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible();
		await expect(page.getByRole('heading', { name: /^Past meetings \(\d+\)$/ })).toBeVisible();
		// A cancelled meeting stays listed, marked and with its reason; a moved one says so.
		const cancelled = summaries(page).filter({ hasText: 'Cancelled: Too few people could come' });
		await expect(cancelled).toHaveCount(1);
		await expect(cancelled.locator('.tag')).toHaveText('Cancelled');
		await expect(summaries(page).filter({ hasText: /Moved from \w+day \d+ \w+ \d{4}, 10am/ })).toHaveCount(1);
		await expect(summaries(page).filter({ hasText: 'Minutes published' }).first()).toBeVisible();
		await expect(summaries(page).filter({ hasText: 'Online' }).first()).toBeVisible();
		await expect(page.getByText(/^\w+day \d{1,2} \w+ \d{4}, 10am to midday$/).first()).toBeVisible();

		// Words that are only in one meeting's minutes (a plain GET form: the address carries them).
		await page.getByLabel('Words to look for').fill('sensory');
		await page.getByRole('button', { name: 'Find meetings' }).click();
		await expect(page).toHaveURL(/\/meetings\?(.+&)?q=sensory(&|$)/);
		await check(page);
		await expect(page.getByText('You looked for "sensory".')).toBeVisible();
		await expect(page.getByTestId('found-count')).toHaveText('1 meeting found');
		await expect(summaries(page)).toHaveCount(1);
		await expect(page.getByLabel('Words to look for')).toHaveValue('sensory');
		const found = summaries(page).first();
		const title = (await found.getByRole('link').textContent())!.trim();
		const year = (await found.locator('time').getAttribute('datetime'))!.slice(0, 4);

		// The same words in the meeting's year: still found. In another year: nothing.
		await page.getByLabel('Year', { exact: true }).selectOption(year);
		await page.getByRole('button', { name: 'Find meetings' }).click();
		await expect(page).toHaveURL(new RegExp(`[?&]year=${year}(&|$)`));
		await check(page);
		await expect(page.getByText(`You looked for "sensory" in ${year}.`)).toBeVisible();
		await expect(page.getByTestId('found-count')).toHaveText('1 meeting found');
		await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();
		const years = await page.getByLabel('Year', { exact: true }).locator('option').evaluateAll((options) =>
			options.map((o) => (o as HTMLOptionElement).value).filter(Boolean)
		);
		expect(years.length).toBeGreaterThanOrEqual(2);
		const other = years.find((y) => y !== year)!;
		await page.getByLabel('Year', { exact: true }).selectOption(other);
		await page.getByRole('button', { name: 'Find meetings' }).click();
		await expect(page).toHaveURL(new RegExp(`[?&]year=${other}(&|$)`));
		await check(page);
		await expect(page.getByTestId('found-count')).toHaveText('0 meetings found');
		await expect(summaries(page)).toHaveCount(0);

		// A year alone lists only that year's meetings.
		await page.getByLabel('Words to look for').fill('');
		await page.getByLabel('Year', { exact: true }).selectOption(year);
		await page.getByRole('button', { name: 'Find meetings' }).click();
		await expect(page).toHaveURL(new RegExp(`[?&]q=&year=${year}$`));
		await check(page);
		await expect(page.getByText(`You looked for meetings in ${year}.`)).toBeVisible();
		for (const time of await summaries(page).locator('time').all()) {
			expect((await time.getAttribute('datetime'))!.slice(0, 4)).toBe(year);
		}

		// The meeting's published minutes: notes, decisions, actions with their status, who came.
		await page.getByRole('link', { name: 'Show all meetings' }).click();
		await expect(page).toHaveURL(/\/meetings$/);
		await check(page);
		await page.getByRole('link', { name: title, exact: true }).click();
		await expect(h1(page)).toHaveText(title);
		await check(page);
		await expect(page.getByText(/^Minutes published on \d{1,2} \w+ \d{4}$/)).toBeVisible();
		await expect(page.getByText(/^Minutes updated on \d{1,2} \w+ \d{4}$/)).toBeVisible();
		const item = page.locator('li.mt-item').filter({ has: page.getByRole('heading', { name: /Waiting rooms$/ }) });
		await expect(item.getByText('For discussion')).toBeVisible();
		await expect(item.locator('.mt-notes strong')).toHaveText('sensory-friendly');
		await expect(item.getByRole('heading', { name: 'Decisions' })).toBeVisible();
		await expect(item.getByText('Every clinic will have a quiet room families can ask for.')).toBeVisible();
		const action = item.locator('.mt-item-actions > li').filter({ hasText: 'Set up a quiet room at every CAMHS clinic' });
		await expect(action).toContainText('Who: Child and adolescent mental health service (CAMHS)');
		await expect(action.locator('.mt-action-status')).toHaveText('Done');
		await expect(page.getByRole('heading', { name: 'Who was there' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Came', exact: true })).toBeVisible();
		await expect(page.getByText('Priya Shah (forum chair)', { exact: true })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Sent apologies', exact: true })).toBeVisible();
		// A past meeting takes no replies, and shows no matters arising of today.
		await expect(page.getByRole('heading', { name: 'Will you come?' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Sign in to say if you will come' })).toHaveCount(0);
		await expect(page.getByRole('listitem').filter({ hasText: 'Step-free access' })).toBeVisible();
	});

	test('the minutes with an easy-read summary, and an action that was dropped', async ({ page }) => {
		await visit(page, '/meetings?q=adulthood');
		await expect(page.getByTestId('found-count')).toHaveText('2 meetings found');
		const cancelled = summaries(page).filter({ hasText: 'Cancelled' });
		await cancelled.getByRole('link').click();
		await expect(page).toHaveURL(/\/meetings\/\d+$/);
		await check(page);
		await expect(page.getByText('This meeting is cancelled.')).toBeVisible();
		await expect(page.getByText('Why: Too few people could come in the half-term holiday.', { exact: false })).toBeVisible();

		await visit(page, '/meetings?q=adulthood');
		await summaries(page).filter({ hasNotText: 'Cancelled' }).getByRole('link').click();
		await expect(page).toHaveURL(/\/meetings\/\d+$/);
		await check(page);
		await expect(page.getByText(/^This meeting has moved\. It was going to be on \w+day \d+ \w+ \d{4}, 10am\.$/)).toBeVisible();

		await visit(page, '/meetings?q=training');
		await summaries(page).filter({ hasText: 'Minutes published' }).first().getByRole('link').click();
		await expect(page).toHaveURL(/\/meetings\/\d+$/);
		await check(page);
		const easyRead = page.locator('section.mt-easy-read');
		await expect(easyRead.getByRole('heading', { name: 'Easy read summary' })).toBeVisible();
		await expect(easyRead.getByRole('listitem')).toHaveCount(6);
		await expect(easyRead.locator('img.symbol')).toHaveCount(6);
		await expect(easyRead.getByText('We will run 2 training evenings.')).toBeVisible();
		// It comes before everything else on the page.
		const before = await page.evaluate(() => {
			const summary = document.querySelector('section.mt-easy-read')!;
			const agenda = [...document.querySelectorAll('h2')].find((h) => h.textContent === 'Agenda')!;
			return Boolean(summary.compareDocumentPosition(agenda) & Node.DOCUMENT_POSITION_FOLLOWING);
		});
		expect(before).toBe(true);

		await visit(page, '/meetings?q=summer+clubs');
		await summaries(page).first().getByRole('link').click();
		await expect(page).toHaveURL(/\/meetings\/\d+$/);
		await check(page);
		const dropped = page.locator('.mt-item-actions > li').filter({ hasText: 'Find a club venue with a quiet room' });
		await expect(dropped.locator('.mt-action-status')).toHaveText('Dropped');
		await expect(dropped).toContainText('Why: The community centre closed.');
	});

	test('a visitor reads the next agenda with matters arising and downloads its papers', async ({ page }) => {
		const id = await openUpcoming(page);
		await expect(page.getByText('Agenda published', { exact: true })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Join online' })).toHaveAttribute('href', /^https:\/\//);
		await expect(page.getByRole('link', { name: 'Sign in to say if you will come' })).toHaveAttribute(
			'href',
			`/login?next=${encodeURIComponent(`/meetings/${id}`)}`
		);

		// Open actions from earlier meetings, carried over; done ones are not.
		const arising = page.getByRole('table', { name: 'Matters arising' });
		await expect(arising).toBeVisible();
		await expect(arising.getByRole('row').filter({ hasText: 'Invite the adult social care team to a forum meeting' })).toHaveCount(1);
		await expect(arising.getByRole('row').filter({ hasText: 'Test the local offer website with five parents on their phones' })).toContainText(
			'Overdue'
		);
		await expect(arising.getByRole('row').filter({ hasText: 'Set up a quiet room at every CAMHS clinic' })).toHaveCount(0);
		await expect(arising.getByRole('row').filter({ hasText: 'Find a club venue with a quiet room' })).toHaveCount(0);
		// No minutes before the meeting.
		await expect(page.getByRole('heading', { name: 'Who was there' })).toHaveCount(0);

		// The agenda in order, with papers described in words.
		const items = page.locator('li.mt-item');
		await expect(items).toHaveCount(4);
		await expect(items.nth(0).getByRole('heading')).toHaveText('1. Welcome, introductions and apologies');
		await expect(items.nth(1)).toContainText('Led by Sam Lead, speech and language therapy');
		await expect(items.nth(1)).toContainText('30 minutes');
		await expect(items.nth(2)).toContainText('For a decision');
		await expect(items.nth(1).locator('.mt-paper-details')).toHaveText(/^\(PDF, (\d+ bytes|\d+ KB)\)$/);
		await expect(items.nth(2).locator('.mt-paper-details')).toHaveText(/^\(OpenDocument text, (\d+ bytes|\d+ KB)\)$/);

		const pdfLink = page.getByRole('link', { name: 'Waiting times report', exact: true });
		const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		expect(pdf.headers()['content-disposition']).toBe('attachment; filename="waiting-times-report.pdf"');
		expect(pdf.headers()['x-content-type-options']).toBe('nosniff');
		expect(pdf.headers()['cache-control']).toBe('private, max-age=300');
		expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

		const odtLink = page.getByRole('link', { name: 'Draft survey questions', exact: true });
		const odt = await page.request.get((await odtLink.getAttribute('href'))!);
		expect(odt.headers()['content-type']).toBe('application/vnd.oasis.opendocument.text');
		expect(odt.headers()['content-disposition']).toBe('attachment; filename="draft-survey-questions.odt"');
		expect((await odt.body()).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

		// Pressing the link downloads the file; the page stays.
		const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
		expect(download.suggestedFilename()).toBe('waiting-times-report.pdf');
		await expect(h1(page)).toHaveText(nextMonthsTitle());

		const missing = await page.request.get('/meetings/papers/999999');
		expect(missing.status()).toBe(404);
	});

	test('the actions tracker: overdue first, and by owner', async ({ page }) => {
		await visit(page, '/meetings');
		await page.getByRole('link', { name: 'Actions we are following up' }).click();
		await expect(h1(page)).toHaveText('Actions we are following up');
		await check(page);
		const rows = page.getByRole('table', { name: 'Open actions' }).locator('tbody tr');
		const count = await rows.count();
		expect(count).toBeGreaterThanOrEqual(4);
		await expect(page.getByTestId('actions-count')).toHaveText(`${count} open actions`);
		const overdue = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent!.includes('Overdue')));
		expect(overdue[0]).toBe(true);
		expect(overdue.includes(false)).toBe(true);
		// Once a row is not overdue, none after it is.
		expect(overdue.slice(overdue.indexOf(false)).includes(true)).toBe(false);
		await expect(page.getByText(`${overdue.filter(Boolean).length} are overdue.`)).toBeVisible();
		// Overdue is said in words, with an icon, not by colour alone.
		await expect(rows.first().locator('.overdue-tag svg')).toHaveCount(1);
		await expect(rows.filter({ hasText: 'Set up a quiet room at every CAMHS clinic' })).toHaveCount(0);

		// Narrowed to one owner (a plain GET form).
		const owner = 'SEND assessment and EHC plans team';
		await page.getByLabel('Who it is for').selectOption({ label: owner });
		await page.getByRole('button', { name: 'Show actions' }).click();
		await expect(page).toHaveURL(/\/meetings\/actions\?owner=SEND/);
		await check(page);
		const mine = await rows.count();
		expect(mine).toBeGreaterThanOrEqual(1);
		expect(mine).toBeLessThan(count);
		for (const row of await rows.all()) await expect(row.locator('td').nth(1)).toHaveText(owner);
		await expect(page.getByTestId('actions-count')).toHaveText(new RegExp(`^${mine} open actions? for ${owner}$`));

		// Each action links to the meeting it came from.
		const from = rows.first().locator('td').nth(3).getByRole('link');
		const meetingTitle = (await from.textContent())!.trim();
		await from.click();
		await expect(h1(page)).toHaveText(meetingTitle);
		await check(page);

		await visit(page, '/meetings/actions');
		await expectLargeTargets(page);
	});

	test('the calendar feed lists every public meeting', async ({ page, request }) => {
		await visit(page, '/meetings');
		await expect(page.locator('link[rel=alternate][type="text/calendar"]')).toHaveAttribute('href', '/meetings/calendar.ics');
		await expect(page.getByTestId('calendar-address')).toHaveText(/^https?:\/\/[^/]+\/meetings\/calendar\.ics$/);
		await expect(page.getByRole('heading', { name: "Add the meetings to your phone's calendar" })).toBeVisible();
		const past = Number((await page.getByRole('heading', { name: /^Past meetings \(\d+\)$/ }).textContent())!.match(/\d+/)![0]);
		const upcoming = await page
			.locator('h2:text-is("Coming up") ~ article.mt-summary')
			.evaluateAll((articles) =>
				articles.filter((a) => {
					const heading = [...document.querySelectorAll('h2')].find((h) => /^Past meetings/.test(h.textContent ?? ''))!;
					return Boolean(a.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING);
				}).length
			);
		expect(upcoming).toBeGreaterThanOrEqual(1);

		const { response, text } = await calendar(request);
		expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
		expect(response.headers()['content-disposition']).toBe('inline; filename="forum-meetings.ics"');
		expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		// Every line ends with CRLF: no bare line feeds, and no line longer than 75 octets.
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		expect(text).toContain('X-WR-CALNAME:Forum meetings\r\n');
		expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n');
		const events = text.match(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g) ?? [];
		expect(events).toHaveLength(past + upcoming);
		expect(text.match(/END:VEVENT/g)).toHaveLength(events.length);
		const uids = events.map((e) => e.match(/\r\nUID:([^\r]+)\r\n/)![1]);
		expect(new Set(uids).size).toBe(events.length);
		for (const e of events) expect(e).toMatch(/\r\nDTSTART;TZID=Europe\/London:\d{8}T\d{6}\r\n/);
		expect(events.filter((e) => e.includes('STATUS:CANCELLED')).length).toBeGreaterThanOrEqual(1);
		expect(text).toContain(`SUMMARY:${nextMonthsTitle().replace(/,/g, '\\,')}\r\n`);
		expect(text).not.toContain('Steering group meeting');
	});

	test('a draft meeting is not found', async ({ page, request }) => {
		const { text } = await calendar(request);
		const ids = new Set([...text.matchAll(/\r\nUID:meeting-(\d+)@/g)].map((m) => Number(m[1])));
		// The demo's draft is the one seeded meeting the feed leaves out.
		let draft = 1;
		while (ids.has(draft)) draft++;
		const response = await visit(page, `/meetings/${draft}`);
		expect(response?.status()).toBe(404);
		await expect(h1(page)).toHaveText('Page not found');
		expect((await request.get(`/meetings/${draft}`)).status()).toBe(404);
		expect((await request.get('/meetings/not-a-number')).status()).toBe(404);
	});

	test('a parent sends apologies, then says they will come', async ({ page }) => {
		const id = await openUpcoming(page);
		await page.getByRole('link', { name: 'Sign in to say if you will come' }).click();
		await expect(page).toHaveURL(new RegExp(`/login\\?next=%2Fmeetings%2F${id}$`));
		await expect(h1(page)).toHaveText('Sign in');
		await check(page);
		await signIn(page, PARENT.email);
		await expect(page.getByText(`Signed in as ${PARENT.name}`, { exact: true })).toBeVisible();
		await expect(page).toHaveURL(new RegExp(`/meetings/${id}$`));
		await expect(h1(page)).toHaveText(nextMonthsTitle());
		await check(page);
		await expect(page.getByRole('heading', { name: 'Will you come?' })).toBeVisible();
		await expect(page.getByTestId('reply-current')).toBeVisible();
		await expectLargeTargets(page);

		await page.getByRole('button', { name: 'I cannot come (send apologies)' }).click();
		await expect(page.getByText('Thank you. We have noted your apologies.')).toBeVisible();
		await expect(page.getByTestId('reply-current')).toHaveText('You sent apologies. You can change your answer.');
		await check(page);

		await page.getByRole('button', { name: 'I will come' }).click();
		await expect(page.getByText('Thank you. We have noted that you will come.')).toBeVisible();
		await expect(page.getByTestId('reply-current')).toHaveText('You said you will come. You can change your answer.');
		await check(page);

		// The answer is kept.
		await visit(page, `/meetings/${id}`);
		await expect(page.getByTestId('reply-current')).toHaveText('You said you will come. You can change your answer.');
		await expect(page.getByText('Thank you. We have noted that you will come.')).toHaveCount(0);
	});

	test('controls are large enough', async ({ page }) => {
		await visit(page, '/meetings');
		await expectLargeTargets(page);
		await openUpcoming(page);
		await expectLargeTargets(page);
	});
});
