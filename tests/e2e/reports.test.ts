import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { check, expect, signInAs, test, visit } from '../fixtures';
import { londonDate, periodLabel, quarterFrom } from '../../src/lib/time';
import { parseCsv } from '../../src/lib/server/csv';
import { readXlsx } from '../../src/lib/server/xlsx';

/*
 * The partnership board's report: a board member reads the demo draft, follows its figures to
 * their evidence and comments; an organiser starts a report for one service over other dates,
 * approves and publishes it; a visitor reads it frozen, with its trend table (and chart with
 * JavaScript), and downloads every figure as CSV.
 *
 * Uses the demo reports (src/lib/server/reports/seed.ts): last quarter's is a draft with a board
 * member's comment.
 */
const BOARD = { email: 'board@example.org', name: 'Bea Board' };
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const LEAD = { email: 'service.lead@example.org', name: 'Sam Lead' };
const SALT_STANDARD = 'Families feel speech and language therapy helps their child';

/**
 * Drafts are read only by staff and board members: those tests run with JavaScript on (decision
 * 0031); the comment and report forms and the rating badge are also checked without a browser in
 * src/lib/features/reports/report-forms.spec.ts (0044). The published report a visitor reads runs
 * twice.
 */
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const standard = (page: Page, statement: string) => page.getByRole('region', { name: statement, exact: true });

test.describe('the board report', () => {
	test.describe.configure({ timeout: 120_000 });

	test('a board member reads the draft, follows a figure to its evidence and comments on it', async ({ page, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, BOARD.email, BOARD.name);
		await visit(page, '/manage/reports');
		await expect(h1(page)).toHaveText('Board reports');
		const draftTitle = `Partnership board report: ${periodLabel(quarterFrom(londonDate(), -1))}`;
		await page.getByRole('table', { name: 'Drafts' }).getByRole('link', { name: draftTitle, exact: true }).click();
		await expect(h1(page)).toHaveText(draftTitle);
		await check(page);
		await expect(page.getByText('Worked out from today\'s data each time it is opened.')).toBeVisible();
		await expect(page.getByTestId('report-scope')).toHaveText('Whole area');
		await expect(page.getByTestId('report-summary')).toHaveText(/^Standards: \d+ green, \d+ amber, \d+ red, \d+ not rated\.$/);

		// An entered figure: its value, a rating in words, and its note; who entered it (staff only).
		const ehc = standard(page, 'EHC plans are issued within 20 weeks');
		await expect(ehc.getByTestId('value')).toHaveText('71%');
		await expect(ehc.locator('.rp-fact-now')).toContainText('Amber: close to target');
		await expect(ehc.getByText('Green at 75% or more; amber from 60% to under 75%; red below 60%.')).toBeVisible();
		await expect(ehc.getByText('Steady; educational psychology reports still the main delay.').first()).toBeVisible();
		const entered = ehc.getByRole('table', { name: 'Figures entered' });
		await expect(entered.getByRole('columnheader', { name: 'Entered by' })).toBeVisible();
		await expect(entered.getByRole('row').filter({ hasText: 'Two caseworkers on long-term leave.' })).toContainText(ORGANISER.name);

		// A survey figure: responses behind it and its margin of error; a board member may not read
		// survey results, so the question is named but not linked.
		const salt = standard(page, SALT_STANDARD);
		await expect(salt.getByText(/^from \d+ responses$/)).toBeVisible();
		await expect(salt.getByText(/^give or take [\d.]+ points \(95%\)/)).toBeVisible();
		await expect(salt.getByText(/"How good is speech and language therapy for your child\?", in the survey/)).toBeVisible();
		await expect(salt.getByRole('link', { name: /How good is speech and language therapy/ })).toHaveCount(0);
		await expect(salt.getByRole('table', { name: `${SALT_STANDARD}: the last five periods` }).getByRole('row')).toHaveCount(6);

		// A board measure's evidence: the items behind it, on the public board.
		const onTime = standard(page, 'We answer what families tell us by the date we promised');
		const item = onTime.getByRole('link', { name: /^Board item \d+$/ }).first();
		const href = (await item.getAttribute('href'))!;
		expect(href).toMatch(/^\/board\/\d+$/);
		await item.click();
		await expect(page).toHaveURL(new RegExp(`${href}$`));
		await check(page);
		await expect(h1(page)).not.toHaveText('Page not found');

		// Back on the draft: the comments so far, and a new one.
		await page.goBack();
		await expect(h1(page)).toHaveText(draftTitle);
		await check(page);
		const comments = page.locator('.rp-comment-list > li');
		await expect(comments.filter({ hasText: 'Please add what families said about waiting times to the summary.' })).toContainText(BOARD.name);
		await expect(page.getByRole('button', { name: 'Approve and publish' })).toHaveCount(0);
		const words = `Can we hear from the CAMHS lead at the next meeting? (${testInfo.project.name})`;
		await page.getByLabel('Your comment').fill(words);
		await page.getByRole('button', { name: 'Add the comment' }).click();
		await expect(page.getByText('Your comment has been added.')).toBeVisible();
		await check(page);
		await expect(comments.filter({ hasText: words })).toContainText(BOARD.name);
	});

	test('a service lead follows only the questions whose survey results they may open', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, LEAD.email, LEAD.name);
		await visit(page, '/manage/reports');
		const draftTitle = `Partnership board report: ${periodLabel(quarterFrom(londonDate(), -1))}`;
		await page.getByRole('table', { name: 'Drafts' }).getByRole('link', { name: draftTitle, exact: true }).click();
		await expect(h1(page)).toHaveText(draftTitle);
		await check(page);
		// The young people's survey is about specialist teaching, not their service: its question is
		// named, with no link to results that would refuse them.
		const school = standard(page, 'Young people know an adult at school they can ask for help');
		await expect(school.getByText(/"Is there an adult at school you can ask for help\?", in the survey/)).toBeVisible();
		await expect(school.getByRole('link', { name: /Is there an adult at school/ })).toHaveCount(0);
		// The families' survey is about speech and language therapy, which they lead: the link opens.
		const own = standard(page, SALT_STANDARD).getByRole('link', { name: /How good is speech and language therapy/ });
		await expect(own).toHaveAttribute('href', /^\/manage\/surveys\/\d+\/results#question-\d+$/);
		await own.click();
		await expect(page).toHaveURL(/\/manage\/surveys\/\d+\/results#question-\d+$/);
		await expect(h1(page)).toHaveText('Results: How are services working for your family?');
		await check(page);
	});

	test('an organiser publishes a report for one service, and a visitor reads it frozen and downloads it', async ({ page, newPage }, testInfo) => {
		const title = `Speech and language therapy, half year (${testInfo.project.name})`;
		const period = { start: quarterFrom(londonDate(), -2).start, end: quarterFrom(londonDate(), -1).end };
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, '/manage/reports');
		await page.getByRole('link', { name: 'Start a report' }).click();
		await expect(h1(page)).toHaveText('Start a report');
		await check(page);

		// Other dates without the dates: the error says which one, and keeps what was chosen.
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Other dates').check();
		await page.getByRole('button', { name: 'Start the draft' }).click();
		await expect(page.getByRole('alert')).toContainText('Give the first day as a date');
		await check(page);
		await expect(page.getByLabel('Title')).toHaveValue(title);
		await page.getByLabel('First day').fill(period.start);
		await page.getByLabel('Last day').fill(period.end);
		await page.getByLabel('What the report covers').selectOption({ label: 'Speech and language therapy' });
		await page.getByRole('button', { name: 'Start the draft' }).click();
		await expect(page.getByText('The draft has been started.')).toBeVisible();
		await expect(page).toHaveURL(/\/manage\/reports\/\d+\?done=created$/);
		await check(page);
		const id = Number(page.url().match(/\/manage\/reports\/(\d+)/)![1]);
		await expect(h1(page)).toHaveText(title);
		await expect(page.getByTestId('report-period')).toHaveText(periodLabel(period));
		await expect(page.getByTestId('report-scope')).toHaveText('Speech and language therapy');
		// An organiser may read survey results: the question links to them.
		const question = standard(page, SALT_STANDARD).getByRole('link', { name: /How good is speech and language therapy/ });
		await expect(question).toHaveAttribute('href', /^\/manage\/surveys\/\d+\/results#question-\d+$/);

		// A draft does not exist for visitors, nor does its CSV.
		const visitor = await newPage();
		// Chart.js comes in a file of its own, asked for only when a chart nears the screen (0052)
		const chartCode: string[] = [];
		visitor.on('request', (r) => {
			if (/\/chart-draw-[\w-]+\.js$/.test(new URL(r.url()).pathname)) chartCode.push(r.url());
		});
		expect((await visitor.request.get(`/reports/${id}`)).status()).toBe(404);
		expect((await visitor.request.get(`/reports/${id}/report.csv`)).status()).toBe(404);

		await expect(page.getByText('Publishing freezes the report with today\'s figures')).toBeVisible();
		await page.getByRole('button', { name: 'Approve and publish' }).click();
		await expect(page.getByText('The report is published and frozen.')).toBeVisible();
		await check(page);
		await expect(page.getByTestId('published-on')).toContainText(`by ${ORGANISER.name}.`);
		await expect(page.getByRole('heading', { name: 'Add a comment' })).toHaveCount(0);

		// The visitor finds it among the published reports and reads it.
		await visit(visitor, '/reports');
		await visitor.getByRole('link', { name: title, exact: true }).click();
		await expect(h1(visitor)).toHaveText(title);
		await check(visitor);
		await expect(visitor.getByTestId('published-on')).toContainText('It is frozen');
		// Staff names (who published it, who entered figures) are not sent to the public, not even in the page's data.
		expect(await visitor.content()).not.toContain(ORGANISER.name);
		const salt = standard(visitor, SALT_STANDARD);
		await expect(salt.locator('.rp-rag').first()).toHaveText(/^\s*(Green: on target|Amber: close to target|Red: not on target|Not rated: no figure to rate)$/);
		await expect(salt.getByText(/"How good is speech and language therapy for your child\?", in the survey/)).toBeVisible();
		await expect(salt.getByRole('link', { name: /How good is speech and language therapy/ })).toHaveCount(0);

		// The trend: a table of the five periods, the chart beside it only with JavaScript.
		const trend = salt.getByRole('table', { name: `${SALT_STANDARD}: the last five periods` });
		await expect(trend.getByRole('rowheader')).toHaveCount(5);
		await expect(trend.getByRole('rowheader').last()).toHaveText(`${periodLabel(period)} this report`);
		const chart = salt.getByRole('img', { name: `Line chart of the trend for: ${SALT_STANDARD}. The table gives the same figures.` });
		const box = await chart.boundingBox();
		const screen = visitor.viewportSize()!;
		if (box && box.y > screen.height + 400 && (await visitor.evaluate(() => window.scrollY)) === 0) {
			// far below the screen and not yet scrolled to: no chart code fetched, nothing drawn
			expect(chartCode).toEqual([]);
			await expect(chart).not.toHaveAttribute('data-chart-drawn', 'yes');
		}
		await chart.scrollIntoViewIfNeeded();
		if (testInfo.project.name === 'js') {
			await expect(chart).toHaveAttribute('data-chart-drawn', 'yes');
			await expect(chart).toHaveAttribute('style', /width/);
			expect(chartCode).toHaveLength(1);
		} else {
			await expect(chart).not.toHaveAttribute('style', /width/);
			expect(chartCode).toEqual([]);
		}

		// Every figure as CSV.
		const downloading = visitor.waitForEvent('download');
		await visitor.getByRole('link', { name: 'Download every figure (CSV file)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe(`report-${id}.csv`);
		const csv = await readFile((await download.path())!, 'utf8');
		const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe(
			'Standard,Service,Measure,Period start,Period end,Breakdown,Value,Unit,Target,RAG,Responses or items,Margin of error (points),Why no value,Local share,Ratio to local share,Under-heard'
		);
		expect(lines.filter((l) => l.startsWith(`${SALT_STANDARD},Speech and language therapy,`)).length).toBeGreaterThanOrEqual(5);
		// co-production this period, by rung, as the page shows it
		expect(lines.filter((l) => l.startsWith('Co-production: how families were involved,Speech and language therapy,Decisions recorded,'))).toHaveLength(5);

		// The same figures as a spreadsheet file: every cell read back equals the CSV's
		const gettingSheet = visitor.waitForEvent('download');
		await visitor.getByRole('link', { name: 'Download every figure (spreadsheet, .xlsx)' }).click();
		const sheet = await gettingSheet;
		expect(sheet.suggestedFilename()).toBe(`report-${id}.xlsx`);
		const cells = readXlsx(await readFile((await sheet.path())!));
		// a spreadsheet has no empty cells at the end of a row; the CSV writes them
		const trimmed = (rows: string[][]) => rows.map((row) => row.slice(0, row.findLastIndex((c) => c !== '') + 1));
		expect(trimmed(cells)).toEqual(trimmed(parseCsv(csv)));
		expect(cells[0][0]).toBe('Standard');
	});
});
