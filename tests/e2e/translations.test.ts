import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { ADMIN, check, expect, openStaffPage, signInAs, test, visit } from '../fixtures';
import { readXlsx, toXlsx } from '../../src/lib/server/xlsx';

/*
 * Review by the community (decision 0058): an admin downloads Polish for a translator, uploads it
 * back with a broken placeholder (refused, row by row), fixes it, confirms, and the next public
 * page speaks the reviewed Polish. Staff only, so JavaScript on (0044).
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAGLINE = 'Wasz głos w usługach SEND (sprawdzone)';

/** The sheet with some rows' current text and status changed. */
function edited(sheet: string[][], changes: Record<string, [string, string]>): Buffer {
	return Buffer.from(toXlsx(sheet.map((row) => (row[0] in changes ? [row[0], row[1], ...changes[row[0]]] : row)), 'pl'));
}

async function upload(page: Page, file: Buffer) {
	await page.getByLabel('Language of the spreadsheet').selectOption('pl');
	await page.getByLabel('Spreadsheet (.xlsx or .csv)').setInputFiles({ name: 'polski.xlsx', mimeType: XLSX, buffer: file });
	await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
}

test('an admin has Polish checked by a translator, and public pages speak it at once', async ({ page }) => {
	await signInAs(page, ADMIN.email, ADMIN.name);
	await openStaffPage(page, 'Languages');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Languages and translations');
	await check(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Polski as a spreadsheet (.xlsx)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^chorus-messages-pl-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const sheet = readXlsx(await readFile((await download.path())!));
	expect(sheet[0]).toEqual(['key', 'English', 'current text', 'status']);
	const signedInRow = sheet.findIndex((r) => r[0] === 'site_signed_in_as') + 1;
	expect(sheet[signedInRow - 1]).toEqual(['site_signed_in_as', 'Signed in as {name}', 'Zalogowano jako {name}', 'draft']);

	// the translator renamed a placeholder: refused, naming the row, and nothing is saved
	await upload(page, edited(sheet, { site_tagline: [TAGLINE, 'reviewed'], site_signed_in_as: ['Zalogowano jako {imie}', 'reviewed'] }));
	await expect(page).toHaveTitle(/^Error: /);
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('link', { name: `Row ${signedInRow}: the text has {imie}, which English does not. Keep the words in curly brackets as they are in English.` })).toBeVisible();
	await expect(summary.getByRole('link', { name: `Row ${signedInRow}: the text must keep {name} as in English: Chorus puts a name or number there.` })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Save/ })).toHaveCount(0);
	await check(page);

	// fixed: the preview shows old and new text and the status moving, then saves on confirming
	await upload(page, edited(sheet, { site_tagline: [TAGLINE, 'reviewed'], site_signed_in_as: ['Zalogowano jako {name}', 'reviewed'] }));
	await expect(page.getByText('No problems found. Nothing is saved until you confirm.')).toBeVisible();
	await expect(page.getByText(`${sheet.length - 3} rows stay as they are.`)).toBeVisible();
	const changes = page.getByRole('table', { name: 'Changes in Polski' });
	await expect(changes.getByRole('row', { name: /site_tagline/ })).toContainText(TAGLINE);
	await expect(changes.getByRole('row', { name: /site_signed_in_as/ })).toContainText('draft → reviewed');
	await check(page);
	await page.getByRole('button', { name: 'Save 2 changes' }).click();
	await expect(page.getByRole('status').getByText('Saved 2 changes. Pages show them now.')).toBeVisible();
	await check(page);

	// a public page in Polish: the reviewed tagline, and the language menu's reviewed share
	await visit(page, '/board');
	await page.locator('#footer-language').selectOption('pl');
	await page.getByRole('button', { name: 'Change language' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(page.getByText(TAGLINE)).toBeVisible();
	await expect(page.getByText(`Zalogowano jako ${ADMIN.name}`)).toBeVisible();
	await expect(page.locator('#footer-language option[value="pl"]')).toHaveText(/^Polski \(sprawdzono \d+%\)$/);
	await check(page);
});
