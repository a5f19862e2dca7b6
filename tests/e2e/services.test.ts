import { ADMIN, check, expect, expectLargeTargets, openStaffPage, signInAs, test, visit } from '../fixtures';

test.describe('services admin', () => {
	test('an admin adds a service with a lead', async ({ page }, testInfo) => {
		const name = `Portage home visiting (${testInfo.project.name})`;
		const description = 'Home visits that help families support their young child to learn.';
		await signInAs(page, ADMIN.email, ADMIN.name);
		await openStaffPage(page, 'Services');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Services');
		await check(page);
		await expectLargeTargets(page);

		await page.getByRole('link', { name: 'Add a service' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a service');
		await check(page);
		await expectLargeTargets(page);

		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByRole('group', { name: 'Sector' }).getByLabel('Health', { exact: true }).check();
		await page.getByLabel('Description').fill(description);
		await page.getByLabel('Sam Lead').check();
		await page.getByRole('button', { name: 'Save service' }).click();

		await expect(page.getByText('Service saved.')).toBeVisible();
		await expect(page).toHaveURL(/\/admin\/services\/\d+\?done=saved$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		await expect(page.getByLabel('Description')).toHaveValue(description);
		await expect(page.getByLabel('Sam Lead')).toBeChecked();
		await check(page);

		await page.getByRole('link', { name: 'Back to services' }).click();
		await expect(page).toHaveURL(/\/admin\/services$/);
		await check(page);
		const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('Health');
		await expect(row).toContainText('Sam Lead');

		await visit(page, '/admin/audit');
		await expect(page.getByRole('row').filter({ hasText: 'Added a service' }).first()).toBeVisible();
	});

	test('a service without a name is not saved, and what was typed stays', async ({ page }) => {
		const description = 'A description typed before the name was forgotten.';
		await signInAs(page, ADMIN.email, ADMIN.name);
		await visit(page, '/admin/services/new');
		await page.getByRole('group', { name: 'Sector' }).getByLabel('Education', { exact: true }).check();
		await page.getByLabel('Description').fill(description);
		await page.getByRole('button', { name: 'Save service' }).click();

		const summary = page.getByRole('alert');
		await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(summary.getByRole('link', { name: "Enter the service's name" })).toHaveAttribute('href', '#name');
		await expect(summary.getByRole('link')).toHaveCount(1);
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page).toHaveURL(/\/admin\/services\/new$/);
		await expect(page.getByLabel('Description')).toHaveValue(description);
		await expect(page.getByRole('group', { name: 'Sector' }).getByLabel('Education', { exact: true })).toBeChecked();
		await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
		await check(page);
		await expectLargeTargets(page);
	});

	test('people without the admin role cannot manage services', async ({ page }) => {
		await signInAs(page, 'service.lead@example.org', 'Sam Lead');
		await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Services', includeHidden: true })).toHaveCount(0);
		const response = await visit(page, '/admin/services/new');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot open this page');
	});
});
