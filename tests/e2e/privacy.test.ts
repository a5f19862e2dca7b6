import { ADMIN, YOUNG_PEOPLES_TARGET, check, expect, expectLargeTargets, signInAs, test, visit } from '../fixtures';

test.describe.configure({ timeout: 120_000 });

const h1 = (page: import('@playwright/test').Page) => page.getByRole('heading', { level: 1 });

test.describe('privacy notice', () => {
	test('a visitor reads the privacy notice and its easy-read version', async ({ page }) => {
		await visit(page, '/privacy');
		await expect(h1(page)).toHaveText('Privacy notice');
		await expectLargeTargets(page);
		// what matters most, in plain words, with the area's own numbers
		await expect(page.getByText('we cannot find, show or delete them for you later, even if you ask')).toBeVisible();
		await expect(page.getByText('It is not detection')).toBeVisible();
		const periods = page.getByRole('table', { name: 'How long we keep things' });
		await expect(periods.getByRole('row', { name: /Contact details sent with feedback/ })).toContainText('365 days (1 year) after we get the feedback');
		await expect(page.getByRole('link', { name: 'Go to My data' })).toHaveAttribute('href', '/my-data');

		await page.getByRole('link', { name: 'Read the easy-read version' }).click();
		await expect(h1(page)).toHaveText('Privacy: easy read');
		await check(page);
		await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
		await expect(page.getByText('Nobody can tell which answers are yours.')).toBeVisible();
		await expect(page.getByText('Call Childline free on 0800 1111.')).toBeVisible();

		await page.getByRole('link', { name: 'Read the full privacy notice' }).click();
		await expect(h1(page)).toHaveText('Privacy notice');
		await check(page);
	});

	test('an admin changes a retention period and the notice tells people the new one', async ({ page }) => {
		await signInAs(page, ADMIN.email, ADMIN.name);
		await visit(page, '/admin/settings');
		await expect(h1(page)).toHaveText('Area settings');
		await expect(page.getByRole('heading', { name: 'Last retention run' })).toBeVisible();
		const opens = page.getByLabel('Record of shared profile links being opened (days)', { exact: true });
		await expect(opens).toHaveAccessibleDescription(/0 keeps them for ever/);

		await opens.fill('abc');
		await page.getByRole('button', { name: 'Save settings' }).click();
		const problem = 'Enter how many days to keep share link records, a whole number from 0 to 3650';
		await expect(page.getByRole('alert').getByRole('link', { name: problem })).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(opens).toHaveValue('abc');
		await check(page);

		// longer than the usual 90 days, so the daily job removes nothing the other tests need
		await opens.fill('120');
		await page.getByRole('button', { name: 'Save settings' }).click();
		await expect(page.getByText('Settings saved.')).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
		await check(page);

		await visit(page, '/privacy');
		const periods = page.getByRole('table', { name: 'How long we keep things' });
		await expect(periods.getByRole('row', { name: /Notes of share links being opened/ })).toContainText('120 days');
	});
});
