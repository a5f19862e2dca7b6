import type { Page } from '@playwright/test';
import { ADMIN, check, expect, signInAs, test, visit } from '../fixtures';

/*
 * Who we hear from: an admin imports the local SEND population baseline from a CSV file (a bad
 * line first, then a good file), and the demo parent carer survey's results flag the groups it
 * hears from at under two thirds of their local share. Staff only, so JavaScript on (0044); the
 * import's rules and the comparison's maths are in src/lib/server/reach/*.spec.ts.
 */
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on';
const PARENTS = { id: 1, title: 'How are services working for your family?' };

const BAD = `characteristic,category,count
language,english,6390
language,klingon,40
`;

/** The demo area's figures for two characteristics (src/lib/server/reach/seed.ts), some written as words. */
const GOOD = `characteristic,category,count
Main language at home,English,6030
language,arabic,180
language,Bengali,1080
language,gujarati,90
language,Kurdish,180
language,polish,270
language,punjabi,180
language,romanian,180
language,somali,135
language,turkish,405
language,urdu,270
language,Yiddish,90
language,other,90
phase,early_years,650
phase,primary,3700
phase,secondary,3050
School phase,College or other post-16 setting,1400
phase,not_in_education,200
`;

async function checkFile(page: Page) {
	await page.getByRole('button', { name: 'Check the file', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'What the file holds' })).toBeVisible();
}

test('an admin imports a baseline, and a survey’s results flag the groups it hears from too little', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, STAFF_ONLY);
	await signInAs(page, ADMIN.email, ADMIN.name);
	await visit(page, '/manage/reach');
	await page.getByRole('link', { name: 'Import a new baseline', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import the local baseline');
	await check(page);

	// A file with a bad line: nothing saved, the line and its problem named.
	await page.getByLabel('Date the figures are for', { exact: true }).fill('2025-01-16');
	await page.getByLabel('Where the figures come from', { exact: true }).fill('SEN2 2025 and January 2025 school census');
	await page.getByLabel(/^Or paste the file's text/).fill(BAD);
	await checkFile(page);
	await expect(page.getByRole('alert').getByText('Line 3: “klingon” is not a group of this characteristic.')).toBeVisible();
	await expect(page.getByText('Nothing has been saved.', { exact: false })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Replace the baseline/ })).toHaveCount(0);
	// what was typed is kept
	await expect(page.getByLabel('Where the figures come from', { exact: true })).toHaveValue('SEN2 2025 and January 2025 school census');
	await check(page);

	// The good file, uploaded: every line fine, then confirmed.
	await page.getByLabel(/^Or paste the file's text/).fill('');
	await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'baseline.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD) });
	await checkFile(page);
	await expect(page.getByText('Every line is fine.', { exact: false })).toBeVisible();
	await check(page);
	await page.getByRole('button', { name: 'Replace the baseline with these 18 figures', exact: true }).click();
	await expect(page.getByText('The baseline now has 18 figures.')).toBeVisible();
	await check(page);

	await visit(page, '/manage/reach');
	await expect(page.getByText(/Source: SEN2 2025 and January 2025 school census\./)).toBeVisible();

	// The parent carer survey hears from Bengali-speaking families and post-16 settings too little.
	await visit(page, `/manage/surveys/${PARENTS.id}/results`);
	const heard = page.getByRole('region', { name: 'Who we heard from' });
	await expect(heard.getByText(/is “under-heard” when its share/)).toBeVisible();
	const language = heard.getByRole('table', { name: 'Main language at home: who we heard from, and who lives here' });
	await expect(language.getByRole('row', { name: /^Bengali / })).toContainText('Under-heard');
	await expect(language.getByRole('row', { name: /^English / })).toContainText('Yes');
	await expect(language.getByRole('row', { name: /^Kurdish / })).toContainText('Yes');
	// what families typed under "another language", only counted together
	await expect(heard.getByRole('table', { name: 'Other languages people named' }).getByRole('row', { name: /^Tigrinya / })).toContainText('5');
	const phase = heard.getByRole('table', { name: 'School phase: who we heard from, and who lives here' });
	await expect(phase.getByRole('row', { name: /^College or other post-16 setting / })).toContainText('Under-heard');
	await expect(heard.getByText('Under-heard: Bengali.')).toBeVisible();
	const chart = heard.getByRole('img', { name: /^Bar chart of Main language at home/ });
	await chart.scrollIntoViewIfNeeded();
	await expect(chart).toHaveAttribute('data-chart-drawn', 'yes');
	await check(page);
});
