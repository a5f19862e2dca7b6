import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { check, expect, signInAs, test, visit } from '../fixtures';
import { londonDate, partnershipYearOf } from '../../src/lib/time';
import { parseCsv } from '../../src/lib/server/csv';
import { readXlsx } from '../../src/lib/server/xlsx';

/*
 * Yearly reports (issue 18): an organiser publishes a year's Local Offer report; a visitor finds
 * last year's (published by the demo data, src/lib/server/yearly/seed.ts) at its stable address,
 * reads it and its easy read version, prints it and downloads it as CSV and .xlsx; and the
 * feedback form asks whether what someone tells us is about the Local Offer.
 *
 * Publishing is a staff flow: it runs with JavaScript on only (0044); its rules (once per year,
 * only when the year is over, every role) are in src/lib/server/yearly/service.spec.ts.
 */
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on';
const THIS_YEAR = partnershipYearOf(londonDate());
const LAST_YEAR = THIS_YEAR - 1;
const yearName = (y: number) => `April ${y} to March ${y + 1}`;
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe('the Local Offer report', () => {
	test('an organiser previews a year\'s report and publishes it, frozen at its public address (and the forum\'s)', async ({ page, newPage, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		const year = THIS_YEAR - 2;
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		await visit(page, '/manage/yearly');
		await expect(h1(page)).toHaveText('Yearly reports');
		await check(page);
		const reports = page.getByRole('table', { name: 'Local Offer: what you told us and what we did' });
		await expect(reports.getByRole('row').filter({ hasText: yearName(LAST_YEAR) })).toContainText('Published on');
		await expect(reports.getByRole('row').filter({ hasText: yearName(THIS_YEAR) })).toContainText('The year is not over');
		await reports.getByRole('link', { name: yearName(year) }).click();
		await expect(h1(page)).toHaveText(`Local Offer: what you told us and what we did, ${yearName(year)}`);
		await check(page);
		await expect(page.getByText('A draft, worked out from today\'s data each time it is opened.')).toBeVisible();
		await expect(page.getByText(`Publishing freezes the report with today's data at /local-offer/${year}.`)).toBeVisible();

		// not public until published
		const visitor = await newPage();
		expect((await visitor.request.get(`/local-offer/${year}`)).status()).toBe(404);

		await page.getByRole('button', { name: 'Publish the report' }).click();
		await expect(page.getByText('The report is published and frozen.')).toBeVisible();
		await check(page);
		await expect(page.getByTestId('published-on')).toContainText(`by ${ORGANISER.name}.`);
		await expect(page.getByRole('button', { name: 'Publish the report' })).toHaveCount(0);

		await visit(visitor, `/local-offer/${year}`);
		await expect(h1(visitor)).toHaveText(`Local Offer: what you told us and what we did, ${yearName(year)}`);
		await check(visitor);
		await expect(visitor.getByTestId('published-on')).toContainText('It is frozen');
		// who published it is for staff
		expect(await visitor.content()).not.toContain(ORGANISER.name);

		// the forum's report, the same way: its sections, then public at its own address
		await visit(page, '/manage/yearly');
		await page.getByRole('table', { name: 'Forum report for members and funders' }).getByRole('link', { name: yearName(LAST_YEAR) }).click();
		await expect(h1(page)).toHaveText(`Forum report, ${yearName(LAST_YEAR)}`);
		await check(page);
		await page.getByRole('button', { name: 'Publish the report' }).click();
		await expect(page.getByText('The report is published and frozen.')).toBeVisible();
		await check(page);
		await visit(visitor, '/forum-report');
		await visitor.getByRole('link', { name: `The latest report: ${yearName(LAST_YEAR)}` }).click();
		await expect(h1(visitor)).toHaveText(`Forum report, ${yearName(LAST_YEAR)}`);
		await check(visitor);
		for (const section of ['Meetings held and who came', 'Surveys and responses', '"You said": raised, answered on time and done']) {
			await expect(visitor.getByRole('region', { name: section })).toBeVisible();
		}
		await expect(visitor.getByRole('region', { name: 'Meetings held and who came' }).locator('.board-figures li').first()).toHaveText(/^\d+ Meetings held$/);
	});

	test('a visitor reads last year\'s report and its easy read version, prints it and downloads it', async ({ page }) => {
		await visit(page, '/local-offer');
		await expect(h1(page)).toHaveText('Local Offer: what you told us and what we did');
		await check(page);
		await page.getByRole('link', { name: `The latest report: ${yearName(LAST_YEAR)}` }).click();
		await expect(h1(page)).toHaveText(`Local Offer: what you told us and what we did, ${yearName(LAST_YEAR)}`);
		await expect(page).toHaveURL(new RegExp(`/local-offer/${LAST_YEAR}$`));
		await check(page);

		// grouped by aspect: what people said (the board's words), what was done, and counts
		const content = page.getByRole('region', { name: 'What it says' });
		const clubs = content.getByRole('article', { name: 'You said: The Local Offer lists clubs that closed years ago.' });
		await expect(clubs.locator('.status-badge')).toHaveText('Done');
		await expect(clubs).toContainText('Every page now shows when it was last checked');
		await expect(page.getByRole('region', { name: 'How it was made' }).getByText('Received')).toBeVisible();
		const glance = page.getByRole('table', { name: /^Items about the Local Offer on the board/ });
		await expect(glance.getByRole('row', { name: /^How easy it is to use/ })).toBeVisible();
		// feedback sent privately is counted, never quoted
		expect(await page.content()).not.toContain('Who decides what goes on the Local Offer website?');

		// on paper: no header menu, no buttons
		await page.emulateMedia({ media: 'print' });
		await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeHidden();
		await expect(page.getByRole('link', { name: 'Download it (CSV file)' })).toBeHidden();
		await expect(clubs).toBeVisible();
		await page.emulateMedia({ media: 'screen' });

		// its easy read version
		await page.getByRole('link', { name: 'Easy read version' }).click();
		await expect(h1(page)).toHaveText(`What you told us about the Local Offer, ${yearName(LAST_YEAR)}`);
		await check(page);
		await expect(page.getByRole('heading', { name: 'What the website says' })).toBeVisible();
		await expect(page.getByText('Some clubs on the website had closed.')).toBeVisible();
		await expect(page.locator('.easy-item img.symbol').first()).toBeVisible();
		await page.getByRole('link', { name: 'The full report' }).click();
		await expect(h1(page)).toHaveText(`Local Offer: what you told us and what we did, ${yearName(LAST_YEAR)}`);
		await check(page);

		// the same as a CSV file and as a spreadsheet
		const downloading = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download it (CSV file)' }).click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe(`local-offer-${LAST_YEAR}.csv`);
		const csv = await readFile((await download.path())!, 'utf8');
		const rows = parseCsv(csv);
		expect(rows[0].slice(0, 3)).toEqual(['About', 'Board item', 'You said']);
		expect(rows.find((r) => r[2] === 'The Local Offer lists clubs that closed years ago.')).toEqual(expect.arrayContaining(['What it says', 'Done', 'yes']));
		expect(csv).not.toContain('Who decides what goes on the Local Offer website?');

		const gettingSheet = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download it (spreadsheet, .xlsx)' }).click();
		const sheet = await gettingSheet;
		expect(sheet.suggestedFilename()).toBe(`local-offer-${LAST_YEAR}.xlsx`);
		const cells = readXlsx(await readFile((await sheet.path())!));
		const trimmed = (r: string[][]) => r.map((row) => row.slice(0, row.findLastIndex((c) => c !== '') + 1));
		expect(trimmed(cells)).toEqual(trimmed(rows));

		// the address that always leads to the newest year
		const latest = await page.request.get('/local-offer/latest', { maxRedirects: 0 });
		expect(latest.status()).toBe(302);
		expect(latest.headers().location).toBe(`/local-offer/${LAST_YEAR}`);
	});
});

test('the feedback form asks whether it is about the Local Offer, and keeps the answer on an error', async ({ page }) => {
	await visit(page, '/feedback');
	await check(page);
	const question = page.getByRole('group', { name: 'Is this about the Local Offer website?' });
	await expect(question.getByLabel('No, or not sure')).toBeChecked();
	await question.getByLabel('Yes: how easy it is to find things and use it').check();
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Tell us what happened');
	await check(page);
	await expect(question.getByLabel('Yes: how easy it is to find things and use it')).toBeChecked();
	await page.getByLabel('What happened?').fill('The search on the Local Offer finds nothing for "autism".');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(h1(page)).toHaveText('Thank you, we got it');
	await check(page);
});
