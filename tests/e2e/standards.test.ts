import type { Page } from '@playwright/test';
import { check, expect, signInAs, test, visit } from '../fixtures';
import { londonDate, periodLabel, quarterFrom } from '../../src/lib/time';

/* Service standards: defining one and linking a survey question; entering and importing figures. */

test.describe.configure({ timeout: 120_000 });

const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const EHC_TEAM = 'SEND assessment and EHC plans team';
const EHC_STANDARD = 'EHC plans are issued within 20 weeks';
const REPLY_STANDARD = 'We reply to families within 10 working days';
const PARENT_SURVEY = 'How are services working for your family?';
const EHC_QUESTION = "How long did your child's EHC needs assessment take?";

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notice = (page: Page) => page.getByRole('status');
const standardOnList = (page: Page, statement: string) => page.getByRole('article', { name: statement, exact: true });

/** The calendar quarter `offset` quarters from today's in England: its first and last days and its name. */
function quarter(offset: number) {
	const q = quarterFrom(londonDate(), offset);
	return { ...q, label: periodLabel(q) };
}

test('an organiser defines a survey standard, links a question to it and sees its rule on the list', async ({ page }, testInfo) => {
	const statement = `Families say assessments finish in time (${testInfo.project.name})`;
	const rule = 'Green at 70% or more; amber from 50% to under 70%; red below 50%.';
	await signInAs(page, ORGANISER.email, ORGANISER.name);

	await visit(page, '/manage/standards');
	await expect(h1(page)).toHaveText('Service standards');
	await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Whole area');
	await page.getByRole('link', { name: 'Add a standard' }).click();
	await expect(h1(page)).toHaveText('Add a standard');
	await check(page);

	// Thresholds the wrong way round: the service's rule comes back on the field, and what was typed stays.
	await page.getByLabel('Who it is for').selectOption({ label: EHC_TEAM });
	await page.getByLabel('The standard', { exact: true }).fill(statement);
	await page.getByLabel('What is measured').fill('Share of families whose assessment took under 20 weeks');
	await page.getByRole('radio', { name: 'Survey answers' }).check();
	await page.getByRole('radio', { name: 'Higher is better' }).check();
	await page.getByLabel('Target', { exact: true }).fill('70');
	await page.getByLabel('Amber from').fill('80');
	await page.getByRole('button', { name: 'Add the standard' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: 'When higher is better, the amber threshold must be at most the target.' })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('The standard', { exact: true })).toHaveValue(statement);
	await check(page);

	await page.getByLabel('Amber from').fill('50');
	await page.getByRole('button', { name: 'Add the standard' }).click();
	await expect(h1(page)).toHaveText(statement);
	await expect(notice(page).getByText('Standard added.')).toBeVisible();
	await expect(notice(page).getByText(`It is rated like this: ${rule}`)).toBeVisible();
	await expect(page.getByText('No survey question measures it yet.')).toBeVisible();
	await check(page);
	const standardId = page.url().match(/\/manage\/standards\/(\d+)/)![1];

	// In the survey builder: the question now measures the new standard.
	await visit(page, '/manage/surveys');
	await page.getByRole('link', { name: PARENT_SURVEY, exact: true }).click();
	await expect(h1(page)).toHaveText(PARENT_SURVEY);
	await check(page);
	await page.locator('li.sb-question').filter({ hasText: EHC_QUESTION }).getByRole('link', { name: /^Edit/ }).click();
	await expect(page.getByLabel('Question wording')).toHaveValue(EHC_QUESTION);
	await check(page);
	const link = page.getByLabel('Service standard this question measures');
	await expect(link).toHaveValue('');
	await link.selectOption({ label: `${statement} (${EHC_TEAM})` });
	await page.getByRole('button', { name: 'Save the link' }).click();
	await expect(notice(page)).toHaveText('The question now measures the standard.');
	await expect(link).toHaveValue(standardId);
	await check(page);

	// On the list: grouped under its service, with its number, its rule in words and its question.
	await visit(page, '/manage/standards');
	const entry = standardOnList(page, statement);
	await expect(entry).toContainText(rule);
	await expect(entry.locator('dd').first()).toHaveText(standardId);
	await expect(entry).toContainText('Measured by 1 survey question.');
	await expect(page.getByRole('heading', { level: 2, name: EHC_TEAM })).toBeVisible();
});

test('an organiser enters a figure with a note, then imports figures from CSV all or nothing', async ({ page }, testInfo) => {
	const typed = quarter(-8);
	const imported = quarter(-7);
	const note = `Typed in for a test (${testInfo.project.name})`;
	const badNote = `From the file with a bad line (${testInfo.project.name})`;
	const goodNote = `From the fixed file (${testInfo.project.name})`;
	await signInAs(page, ORGANISER.email, ORGANISER.name);

	await visit(page, '/manage/standards');
	await standardOnList(page, EHC_STANDARD).getByRole('link', { name: /^Enter a figure/ }).click();
	await expect(h1(page)).toHaveText(`Enter a figure: ${EHC_STANDARD}`);
	// The last whole quarter is chosen unless another is picked.
	await expect(page.getByRole('radio', { name: quarter(-1).label })).toBeChecked();
	await check(page);
	const ehcId = page.url().match(/\/manage\/standards\/(\d+)\/figures/)![1];

	await page.getByRole('radio', { name: 'Other dates' }).check();
	await page.getByLabel('First day').fill(typed.start);
	await page.getByLabel('Last day').fill(typed.end);
	await page.getByLabel('The figure', { exact: true }).fill('58.5');
	await page.getByLabel('Note').fill(note);
	await page.getByRole('button', { name: 'Save the figure' }).click();
	await expect(notice(page)).toHaveText('Figure saved.');
	const row = page.getByRole('row').filter({ hasText: typed.label });
	await expect(row).toContainText('58.5%');
	await expect(row).toContainText(note);
	await expect(row).toContainText(ORGANISER.name);
	await check(page);

	// Import: the page lists each standard's number; a file with one bad line saves nothing.
	await visit(page, '/manage/standards/import');
	await expect(page.getByRole('link', { name: /^Download a file to fill in/ })).toHaveAttribute('href', '/manage/standards/import/template');
	const replyId = (await page.getByRole('row').filter({ hasText: REPLY_STANDARD }).getByRole('cell').first().textContent())!.trim();
	const header = 'standard,period_start,period_end,value,note';
	const lines = (n: string) => [`${ehcId},${imported.start},${imported.end},59,"${n}"`, `${replyId},${imported.start},${imported.end},16,`];
	const box = page.getByLabel("Or paste the file's text here");
	await box.fill([header, ...lines(badNote), `999,${imported.start},${imported.end},40,`].join('\n'));
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByRole('alert')).toContainText('Line 4: Standard 999 is not one you can enter figures for.');
	await expect(page.getByText('Nothing was saved. Fix the lines with problems and check the file again.')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Save/ })).toHaveCount(0);
	await check(page);

	await box.fill([header, ...lines(goodNote)].join('\n'));
	await page.getByRole('button', { name: 'Check the file' }).click();
	await expect(page.getByText('Every line is fine. Nothing is saved yet.')).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: goodNote })).toContainText(EHC_STANDARD);
	await check(page);
	await page.getByRole('button', { name: 'Save 2 figures' }).click();
	await expect(notice(page)).toHaveText('2 figures saved.');
	await check(page);

	// The standard's page shows both figures with their notes; nothing from the bad file.
	await visit(page, `/manage/standards/${ehcId}`);
	await expect(page.getByRole('row').filter({ hasText: imported.label })).toContainText(goodNote);
	await expect(page.getByRole('row').filter({ hasText: typed.label })).toContainText(note);
	await expect(page.getByText(badNote)).toHaveCount(0);
});
