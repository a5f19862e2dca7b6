import type { Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { PARENT, check, expect, expectLargeTargets, signInAs, test, visit } from '../fixtures';
import { readXlsx } from '../../src/lib/server/xlsx';

/*
 * Survey results: counts and percentages, filters, written answers with themes and quotes, the
 * CSV download and the printable poster; and who may see them.
 *
 * Uses the demo surveys (src/lib/server/surveys/seed.ts), made in this order when the app
 * starts on its fresh database, so their ids are fixed.
 */
const PARENTS = { id: 1, title: 'How are services working for your family?' }; // about speech and language therapy, EHC plans, short breaks
const YOUNG_PEOPLE = { id: 2, title: 'What is school like for you?' }; // about the specialist teaching service
const DRAFT = { id: 4, title: 'Getting ready for adulthood' };

const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const LEAD = { email: 'service.lead@example.org', name: 'Sam Lead' }; // leads speech and language therapy

/**
 * Only organisers and service leads read results: those tests run with JavaScript on (decision
 * 0031). The tagging form's rules and the answers and figures as these pages render them are also
 * checked without a browser in src/lib/features/surveys/results/results-pages.spec.ts (0044). That
 * a parent carer is refused runs twice.
 */
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const results = (id: number) => `/manage/surveys/${id}/results`;
const question = (page: Page, n: number) => page.getByRole('region', { name: new RegExp(`^Question ${n}: `) });

/** "58 people answered." → 58 */
async function answered(section: Locator): Promise<number> {
	const text = await section.getByText(/^\d+ (people|person) answered\.$/).innerText();
	return Number(text.match(/^(\d+)/)![1]);
}

/** The table's rows as [answer, count, percent]. */
async function tableRows(table: Locator): Promise<[string, number, number][]> {
	const rows = table.locator('tbody tr');
	const out: [string, number, number][] = [];
	for (let i = 0; i < (await rows.count()); i++) {
		const row = rows.nth(i);
		const answer = (await row.getByRole('rowheader').innerText()).trim();
		const [count, percent] = await row.getByRole('cell').allInnerTexts();
		expect(percent, `percent of ${answer}`).toMatch(/^\d{1,3}(\.\d)?%$/);
		out.push([answer, Number(count), Number(percent.replace('%', ''))]);
	}
	return out;
}

/** Splits CSV text into records (RFC 4180: quoted fields may hold commas, quotes and line ends). */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			i++;
		} else field += c;
	}
	expect(field + record.join(''), 'the file ends with a line end').toBe('');
	return records;
}

test.describe('survey results', () => {
	test('an organiser reads the counts, filters them by an "about you" answer and downloads every response', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		test.slow();
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, results(PARENTS.id));
		await expect(h1(page)).toHaveText(`Results: ${PARENTS.title}`);
		await expect(page.getByText('State: Open for answers')).toBeVisible();
		const total = Number((await page.getByText(/^\d+ responses$/).innerText()).match(/^(\d+)/)![1]);
		expect(total).toBeGreaterThan(100);
		await expect(page.getByText("Showing everyone's answers.")).toBeVisible();

		// Question 1, a five-face smiley scale: a real table with counts and percentages, and a chart beside it.
		const first = question(page, 1);
		await expect(first.getByText('Kind of question: smiley faces (5 faces)')).toBeVisible();
		const table = first.getByRole('table', { name: 'Answers to question 1' });
		await expect(table.getByRole('columnheader')).toHaveText(['Answer', 'Number of people', 'Percent']);
		const rows = await tableRows(table);
		expect(rows.map(([answer]) => answer)).toEqual(['Very bad', 'Bad', 'Okay', 'Good', 'Very good']);
		const people = await answered(first);
		expect(people).toBeGreaterThan(0);
		expect(rows.reduce((sum, [, count]) => sum + count, 0)).toBe(people);
		for (const [answer, count, percent] of rows) expect(percent, answer).toBeCloseTo((count / people) * 100, 0);
		const positive = ((rows[3][1] + rows[4][1]) / people) * 100;
		const share = await first.getByText(/gave a positive answer \(Good or Very good\)\.$/).innerText();
		expect(Number(share.match(/^([\d.]+)%/)![1])).toBeCloseTo(positive, 0);
		const bars = first.getByRole('img', { name: /^Bar chart of the answers to question 1/ });
		await expect(bars).toHaveCount(1);
		// the staff area has the app: its attachment draws the chart once it is in view (0052)
		await bars.scrollIntoViewIfNeeded();
		await expect(bars).toHaveAttribute('data-chart-drawn', 'yes');
		// "Pick any": the percentages may add up past 100, and the page says so.
		await expect(question(page, 4).getByText('People could pick more than one answer')).toBeVisible();
		await expectLargeTargets(page);

		// Only the people who live in the North.
		await page.getByLabel('Which part of the area do you live in?', { exact: true }).selectOption({ label: 'North' });
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await expect(page).toHaveURL(/[?&]o=\d+/);
		await expect(page.getByText('Showing only answers from: Which part of the area do you live in?: North.')).toBeVisible();
		await check(page);
		const matching = page.getByText(/^\d+ of \d+ responses match these filters\.$/);
		const [some, of] = (await matching.innerText()).match(/\d+/g)!.map(Number);
		expect(of).toBe(total);
		expect(some).toBeGreaterThan(0);
		expect(some).toBeLessThan(total);
		expect(await answered(question(page, 1))).toBeLessThan(people);
		const north = await tableRows(question(page, 8).getByRole('table', { name: 'Answers to question 8' }));
		expect(north.find(([answer]) => answer === 'North')).toEqual(['North', some, 100]);
		await expect(page.getByLabel('Which part of the area do you live in?', { exact: true }).locator('option:checked')).toHaveText('North');

		// ...and in Turkish too: a group small enough to point to people (and those who answered in
		// Turkish are nearly all who speak Turkish at home): nothing about it is shown.
		await page.getByLabel('Language they answered in', { exact: true }).selectOption({ label: 'Turkish' });
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await expect(page).toHaveURL(/[?&]language=tr/);
		await expect(page.getByText(/Language they answered in: Turkish\.$/)).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Too few to show' })).toBeVisible();
		await expect(page.getByText(/We do not show the answers of fewer than 10 people/)).toBeVisible();
		await expect(matching).toHaveCount(0);
		await expect(page.getByRole('table')).toHaveCount(0);
		await check(page);

		await page.getByRole('link', { name: 'Clear filters' }).click();
		await expect(page).toHaveURL(new RegExp(`${results(PARENTS.id)}$`));
		await expect(page.getByText(`${total} responses`, { exact: true })).toBeVisible();
		await check(page);

		// The CSV file: a header row, then one row per response.
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download all responses (CSV file)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toMatch(new RegExp(`^survey-${PARENTS.id}-responses-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
		const text = await readFile((await download.path())!, 'utf8');
		expect(text.startsWith('\uFEFF'), 'starts with a byte-order mark for Excel').toBe(true);
		const records = parseCsv(text.slice(1));
		expect(records[0].slice(0, 6)).toEqual([
			'Response',
			'Sent on',
			'Language',
			'Entered from paper',
			'Respondent group',
			'How good is speech and language therapy for your child?'
		]);
		expect(records).toHaveLength(total + 1);
		for (const record of records) expect(record).toHaveLength(records[0].length);
		expect(records[1][1]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	test('a survey nobody has answered yet says so', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, results(DRAFT.id));
		await expect(h1(page)).toHaveText(`Results: ${DRAFT.title}`);
		await expect(page.getByText('State: Draft (not open for answers yet)')).toBeVisible();
		await expect(page.getByText('No responses yet.')).toBeVisible();
		await expect(page.getByRole('table')).toHaveCount(0);
	});

	test('an organiser reads the written answers, tags one with a new theme and quotes it', async ({ page, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		// A page of 50 answers, each with its tagging form, takes axe about 10 s per check.
		test.setTimeout(180_000);
		const theme = `e2e theme ${testInfo.project.name} ${Math.random().toString(36).slice(2, 8)}`;
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, results(PARENTS.id));
		const written = question(page, 5);
		await expect(written.getByText('Kind of question: long written answer')).toBeVisible();
		const count = Number((await written.getByText(/^\d+ written answers\.$/).innerText()).match(/^(\d+)/)![1]);
		await written.getByRole('link', { name: `Read the ${count} answers` }).click();
		await expect(h1(page)).toHaveText('Answers to question 5');
		await expect(page.getByText('What is one thing that would make services better for your family?')).toBeVisible();
		await expect(page.getByRole('heading', { name: `${count} answers` })).toBeVisible();
		// The demo answers already carry themes.
		await expect(page.getByText(/^Themes in this survey: .*waiting times \(\d+\)/)).toBeVisible();
		await check(page);
		await expectLargeTargets(page);

		const cards = page.locator('article.sr-answer');
		await expect(cards).toHaveCount(Math.min(50, count));
		if (count > 50) await expect(page.getByRole('navigation', { name: 'Pages of answers' }).getByRole('link', { name: 'Next page' })).toBeVisible();
		const id = await cards.first().getAttribute('id');
		const card = page.locator(`#${id}`);
		const words = await card.locator('blockquote').innerText();

		// A theme that is too long: the error is shown and what was typed stays.
		await card.getByLabel('New theme').fill('x'.repeat(61));
		await card.getByRole('button', { name: /^Save/ }).click();
		const summary = page.getByRole('alert');
		await expect(summary.getByRole('link', { name: 'Each theme must be 60 characters or fewer' })).toHaveAttribute('href', `#${id}-new-theme`);
		await expect(page).toHaveTitle(/^Error: /);
		await expect(card.getByLabel('New theme')).toHaveAttribute('aria-invalid', 'true');
		await expect(card.getByLabel('New theme')).toHaveValue('x'.repeat(61));
		await check(page);

		await card.getByLabel('New theme').fill(theme);
		await card.getByLabel('Quote this in reports').check();
		await card.getByRole('button', { name: /^Save/ }).click();
		// Back at the same answer, on the same page, with the theme ticked and the quote kept.
		await expect(page).toHaveURL(new RegExp(`\\?page=1&saved=${id!.replace('answer-', '')}#${id}$`));
		await expect(card.getByText('Saved.')).toBeVisible();
		await expect(card.locator('blockquote')).toHaveText(words);
		await expect(card.getByRole('checkbox', { name: theme, exact: true })).toBeChecked();
		await expect(card.getByLabel('Quote this in reports')).toBeChecked();
		await expect(card.getByLabel('New theme')).toHaveValue('');
		await expect(page.getByText(`${theme} (1)`, { exact: false })).toBeVisible();
		await check(page);

		// It was stored: the same after loading the page again (the page axe has just checked).
		await page.reload();
		await expect(card.getByRole('checkbox', { name: theme, exact: true })).toBeChecked();
		await expect(card.getByLabel('Quote this in reports')).toBeChecked();
		// Every other answer can now be given the theme too.
		await expect(cards.nth(1).getByRole('checkbox', { name: theme, exact: true })).not.toBeChecked();
	});

	test('an organiser opens the printable poster with its QR code', async ({ page, baseURL, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, results(PARENTS.id));
		await page.getByRole('link', { name: 'Poster with a QR code' }).click();
		await expect(h1(page)).toHaveText(PARENTS.title);
		await check(page);
		const code = page.locator('svg[role="img"]');
		await expect(code).toHaveCount(1);
		await expect(code).toHaveAccessibleName(`QR code that opens the survey ${PARENTS.title}`);
		await expect(page.getByText('Scan the code or type the link')).toBeVisible();
		await expect(page.getByRole('link', { name: `${baseURL}/surveys/${PARENTS.id}`, exact: true })).toHaveAttribute(
			'href',
			`${baseURL}/surveys/${PARENTS.id}`
		);
		await expect(page.getByText(/^Please answer by \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
		await expect(page.getByText(/use your browser's Print command/)).toBeVisible();

		// Printed, the site's header and footer are left out.
		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('header.site-header')).toBeHidden();
		await expect(page.locator('footer.site-footer')).toBeHidden();
		await expect(page.getByRole('link', { name: 'Results of this survey' })).toBeHidden();
		await expect(code).toBeVisible();
		await page.emulateMedia({ media: 'screen' });
	});

	test('a service lead reads the results of surveys about their service only, and tags nothing', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		test.slow();
		await signInAs(page, LEAD.email, LEAD.name);
		await visit(page, results(PARENTS.id));
		await expect(h1(page)).toHaveText(`Results: ${PARENTS.title}`);
		await expect(question(page, 1).getByRole('table', { name: 'Answers to question 1' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Poster with a QR code' })).toHaveCount(0);
		// Their file protects small groups: months, not days, and it says so.
		await expect(page.getByText(/it gives the month, not the day, and leaves out the “about you” answers and written answers of any group of fewer than 10 people/)).toBeVisible();
		const file = await page.request.get(`/manage/surveys/${PARENTS.id}/export.csv`);
		expect(file.status()).toBe(200);
		const [header, first] = parseCsv((await file.text()).slice(1));
		expect(header[1]).toBe('Sent in (month)');
		expect(first[1]).toMatch(/^(\d{4}-\d{2}|hidden \(small group\))$/);
		// the same file as a spreadsheet, offered beside it: the same protection, cell for cell
		await expect(page.getByRole('link', { name: 'Download all responses (spreadsheet, .xlsx)' })).toHaveAttribute('href', `/manage/surveys/${PARENTS.id}/export.xlsx`);
		const sheet = await page.request.get(`/manage/surveys/${PARENTS.id}/export.xlsx`);
		expect(sheet.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const cells = readXlsx(await sheet.body());
		expect(cells[0][1]).toBe('Sent in (month)');
		expect(cells.length).toBe(parseCsv((await file.text()).slice(1)).length);

		await question(page, 5).getByRole('link', { name: /^Read the \d+ answers$/ }).click();
		await expect(h1(page)).toHaveText('Answers to question 5');
		await check(page);
		await expect(page.locator('article.sr-answer').first()).toBeVisible();
		// A lead sees the month an answer was sent, not the day.
		await expect(page.locator('article.sr-answer h3').first()).toHaveText(/^Answer sent in [A-Z][a-z]+ \d{4}$/);
		await expect(page.getByLabel('New theme')).toHaveCount(0);
		await expect(page.getByRole('button', { name: /^Save/ })).toHaveCount(0);

		// Not about speech and language therapy: not theirs to read.
		const response = await visit(page, results(YOUNG_PEOPLE.id));
		expect(response?.status()).toBe(403);
		await expect(h1(page)).toHaveText('You cannot open this page');
		await expect(page.getByText(YOUNG_PEOPLE.title)).toHaveCount(0);
		expect((await page.request.get(`/manage/surveys/${YOUNG_PEOPLE.id}/export.csv`)).status()).toBe(403);
		// The poster is the organisers'.
		expect((await visit(page, `/manage/surveys/${PARENTS.id}/poster`))?.status()).toBe(403);
	});

	test('a parent carer cannot see results, answers, the CSV file or the poster', async ({ page }) => {
		await signInAs(page, PARENT.email, PARENT.name);
		for (const path of [results(PARENTS.id), `${results(PARENTS.id)}/answers/5`, `/manage/surveys/${PARENTS.id}/poster`]) {
			const response = await visit(page, path);
			expect(response?.status(), path).toBe(403);
			await expect(h1(page)).toHaveText('You cannot open this page');
		}
		expect((await page.request.get(`/manage/surveys/${PARENTS.id}/export.csv`)).status()).toBe(403);
	});
});
