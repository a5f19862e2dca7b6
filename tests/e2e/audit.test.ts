import { ADMIN, PARENT, check, expect, expectLargeTargets, openStaffPage, signIn, signInAs, test, uniqueEmail, visit } from '../fixtures';
import { londonDate } from '../../src/lib/time';

test.describe('the audit log', () => {
	test.describe.configure({ timeout: 120_000 });

	test('an admin finds a parent’s sign-in and a failed sign-in by person, action and dates', async ({ page, newPage }, testInfo) => {
		const today = londonDate(); // as the filter's date boxes want it
		// One wrong sign-in, with an email that has no account, then the parent signs in.
		const stranger = uniqueEmail('audit-nobody', testInfo.project.name);
		const parent = await newPage();
		await visit(parent, '/login');
		await signIn(parent, stranger, 'not-the-right-password');
		await expect(parent.getByText('The email or password is not right.', { exact: false }).first()).toBeVisible();
		await check(parent);
		await signIn(parent, PARENT.email);
		await expect(parent.getByText(`Signed in as ${PARENT.name}`, { exact: true })).toBeVisible();
		await check(parent);

		await signInAs(page, ADMIN.email, ADMIN.name);
		await openStaffPage(page, 'Audit log');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
		await check(page);

		// A date that does not exist is pointed out, and what was typed stays.
		const filters = page.getByRole('form', { name: 'Find entries' });
		await filters.getByLabel('Person').fill(PARENT.email);
		await filters.getByLabel('Action').selectOption({ label: 'Signed in' });
		await filters.getByLabel('From').fill('2026-02-30');
		await filters.getByLabel('To').fill(today);
		await filters.getByRole('button', { name: 'Show entries' }).click();
		await expect(page.getByRole('alert')).toContainText('Enter the from date as a real date');
		await check(page);
		await expect(filters.getByLabel('Person')).toHaveValue(PARENT.email);
		await expect(filters.getByLabel('Action')).toHaveValue('person.signed_in');
		await expect(filters.getByLabel('From')).toHaveValue('2026-02-30');

		// By person, action and today: the parent's sign-ins only, in words.
		await filters.getByLabel('From').fill(today);
		await filters.getByRole('button', { name: 'Show entries' }).click();
		await expect(page).toHaveURL(/[?&]action=person\.signed_in/);
		await expect(page.getByRole('alert')).toHaveCount(0);
		await check(page);
		await expect(page.getByText(`Entries by or about: ${PARENT.name} (${PARENT.email})`)).toBeVisible();
		const rows = page.getByRole('table').getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
		await expect(rows.first()).toBeVisible();
		const count = await rows.count();
		expect(count).toBeGreaterThanOrEqual(1);
		for (let i = 0; i < count; i++) {
			await expect(rows.nth(i)).toContainText('Signed in');
			await expect(rows.nth(i)).toContainText(PARENT.name);
			await expect(rows.nth(i)).toContainText('With email and password');
		}
		await expect(filters.getByLabel('From')).toHaveValue(today);
		await expect(filters.getByLabel('To')).toHaveValue(today);
		await expectLargeTargets(page);

		// Failed sign-ins: the one above is there, without the email that was typed.
		await filters.getByLabel('Person').fill('');
		await filters.getByLabel('Action').selectOption({ label: 'Sign-in failed' });
		await filters.getByRole('button', { name: 'Show entries' }).click();
		await expect(page).toHaveURL(/[?&]action=person\.sign_in_failed/);
		await check(page);
		const failed = page.getByRole('row').filter({ hasText: 'Sign-in: an email with no account' });
		await expect(failed.first()).toContainText('Someone not signed in');
		await expect(failed.first()).toContainText('No account has that email');
		await expect(page.locator('main')).not.toContainText(stranger);

		// Back to everything.
		await page.getByRole('link', { name: 'Show everything' }).click();
		await expect(page).toHaveURL(/\/admin\/audit$/);
		await check(page);
		await expect(filters.getByLabel('Person')).toHaveValue('');
	});
});
