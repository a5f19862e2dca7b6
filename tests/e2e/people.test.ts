import type { Page } from '@playwright/test';
import {
	ADMIN,
	check,
	expect,
	expectLargeTargets,
	openStaffPage,
	signIn,
	signInAs,
	test,
	uniqueEmail,
	visit
} from '../fixtures';

const NEW_PASSWORD = 'a long enough test password';

/**
 * Only admins use the people pages: those tests run with JavaScript on (decision 0031). What the
 * pages refuse and show is also checked without a browser in
 * src/lib/features/accounts/people-admin.spec.ts (decision 0044). Inviting runs twice: the
 * invited person (a parent carer) sets their password and signs in.
 */
const STAFF_ONLY = 'a staff-only flow: runs with JavaScript on';

/**
 * As a signed-in admin, invites a person: through the menu (People → Invite a person) or
 * straight to the invite page. Returns the set-password link shown on the page and the
 * person's id (from their link in the people list).
 */
async function invite(page: Page, person: { name: string; email: string; role: string }, viaMenu = false) {
	if (viaMenu) {
		await visit(page, '/');
		await openStaffPage(page, 'People');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');
		await check(page);
		await page.getByRole('link', { name: 'Invite a person' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invite a person');
		await check(page);
	} else {
		await visit(page, '/admin/people/new');
	}

	await page.getByLabel('Name', { exact: true }).fill(person.name);
	await page.getByLabel('Email', { exact: true }).fill(person.email);
	await page.getByLabel(person.role, { exact: true }).check();
	await page.getByRole('button', { name: 'Invite', exact: true }).click();

	await expect(page.getByText(`${person.name} is invited.`)).toBeVisible();
	const linkBox = page.getByTestId('password-link');
	await expect(linkBox).toHaveText(/\/set-password\/\S+$/);
	const link = (await linkBox.textContent())!.trim();
	expect(link.startsWith(new URL(page.url()).origin + '/set-password/')).toBe(true);
	// The form is empty again, ready for the next invitation.
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('');
	await check(page);

	await visit(page, '/admin/people');
	const row = page.getByRole('row').filter({ hasText: person.email });
	await expect(row).toContainText(person.role);
	await expect(row).toContainText('Invited, no password yet');
	const href = await row.getByRole('link', { name: person.name }).getAttribute('href');
	const id = Number(href?.match(/\/admin\/people\/(\d+)$/)?.[1]);
	expect(id).toBeGreaterThan(0);
	return { link, id };
}

/** Invites a person and, in a signed-out page of their own, sets their password and signs them in. */
async function inviteAndSignIn(
	page: Page,
	theirs: Page,
	person: { name: string; email: string; role: string }
) {
	const { link, id } = await invite(page, person);
	await setPassword(theirs, link, person);
	await signIn(theirs, person.email, NEW_PASSWORD);
	await expect(theirs.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
	await check(theirs);
	return id;
}

/** In a signed-out page: opens the set-password link and chooses a password. */
async function setPassword(page: Page, link: string, person: { name: string; email: string }) {
	await visit(page, link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set your password');
	await expect(page.getByText(`Hello ${person.name}. Choose a password for your account (${person.email}).`)).toBeVisible();
	await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('Type the new password again', { exact: true }).fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Set password', exact: true }).click();
	await expect(page.getByText('Your password is set. You can sign in now.')).toBeVisible();
	await expect(page).toHaveURL(/\/login\?done=password-set$/);
	await check(page);
}

test.describe('people admin', () => {
	test('an admin invites a person, who sets a password and signs in', async ({ page, newPage }, testInfo) => {
		const person = {
			name: `Ina Invited ${testInfo.project.name}`,
			email: uniqueEmail('ina.invited', testInfo.project.name),
			role: 'Parent carer'
		};
		await signInAs(page, ADMIN.email, ADMIN.name);
		const { link, id } = await invite(page, person, true);

		const theirs = await newPage();
		await setPassword(theirs, link, person);
		await signIn(theirs, person.email, NEW_PASSWORD);
		await expect(theirs.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await expect(theirs.getByText('Your roles: Parent carer')).toBeVisible();
		await check(theirs);

		// The link works once only.
		await visit(theirs, link);
		await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('This link does not work');

		// The admin sees them as active now, and the invitation in the audit log.
		await visit(page, '/admin/people');
		await expect(page.getByRole('row').filter({ hasText: person.email })).toContainText('Active');
		await openStaffPage(page, 'Audit log');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
		await check(page);
		const entry = page
			.getByRole('row')
			.filter({ hasText: 'Invited a person' })
			.filter({ has: page.getByRole('link', { name: `Person ${id}`, exact: true }) });
		await expect(entry).toHaveCount(1);
		await expect(entry).toContainText(ADMIN.name);
		await expect(
			page.getByRole('row').filter({ hasText: 'Set a password from a link' }).filter({
				has: page.getByRole('link', { name: `Person ${id}`, exact: true })
			})
		).toHaveCount(1);
	});

	test('the invite form with nothing filled in says what is missing', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ADMIN.email, ADMIN.name);
		await visit(page, '/admin/people/new');
		await page.getByRole('button', { name: 'Invite', exact: true }).click();

		const summary = page.getByRole('alert');
		await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		await expect(summary.getByRole('link', { name: "Enter the person's name" })).toHaveAttribute('href', '#name');
		await expect(summary.getByRole('link', { name: 'Choose at least one role' })).toHaveAttribute('href', '#roles');
		await expect(summary.getByRole('link')).toHaveCount(3);
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByTestId('password-link')).toHaveCount(0);
		await check(page);
		await expectLargeTargets(page);
	});

	test('an admin changes a person\'s roles', async ({ page, newPage, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		const person = {
			name: `Rae Roles ${testInfo.project.name}`,
			email: uniqueEmail('rae.roles', testInfo.project.name),
			role: 'Parent carer'
		};
		await signInAs(page, ADMIN.email, ADMIN.name);
		const theirs = await newPage();
		const id = await inviteAndSignIn(page, theirs, person);
		await expect(theirs.getByText('Your roles: Parent carer')).toBeVisible();

		// From parent carer to supporter.
		await visit(page, '/admin/people');
		await page.getByRole('link', { name: person.name, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`/admin/people/${id}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.name);
		await check(page);
		await expectLargeTargets(page);
		await page.getByLabel('Supporter', { exact: true }).check();
		await page.getByLabel('Parent carer', { exact: true }).uncheck();
		await page.getByRole('button', { name: 'Save roles' }).click();
		await expect(page.getByText('Roles saved.')).toBeVisible();
		await check(page);
		await expect(page.getByLabel('Supporter', { exact: true })).toBeChecked();
		await expect(page.getByLabel('Parent carer', { exact: true })).not.toBeChecked();

		// New roles end their sessions (a role may need two-step sign-in): they sign in again and see it.
		await visit(theirs, '/account');
		await expect(theirs).toHaveURL(/\/login\?next=%2Faccount$/);
		await signIn(theirs, person.email, NEW_PASSWORD);
		await expect(theirs.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await check(theirs);
		await visit(theirs, '/');
		await expect(theirs.getByText('Your roles: Supporter')).toBeVisible();

		// Taking every role away is refused.
		await page.getByLabel('Supporter', { exact: true }).uncheck();
		await page.getByRole('button', { name: 'Save roles' }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: 'Choose at least one role' })).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);
		await check(page);
	});

	test('an admin disables an account and re-enables it', async ({ page, newPage, javaScriptEnabled }, testInfo) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		const person = {
			name: `Dev Disabled ${testInfo.project.name}`,
			email: uniqueEmail('dev.disabled', testInfo.project.name),
			role: 'Supporter'
		};
		await signInAs(page, ADMIN.email, ADMIN.name);
		const theirs = await newPage();
		const id = await inviteAndSignIn(page, theirs, person);

		// Disable: they are signed out at once and cannot sign in.
		await visit(page, `/admin/people/${id}`);
		await page.getByRole('button', { name: 'Disable account' }).click();
		await expect(page.getByText('The account is disabled and they are signed out.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Re-enable account' })).toBeVisible();
		await check(page);

		await visit(theirs, '/');
		await expect(theirs.getByText(/^Signed in as/)).toHaveCount(0);
		await visit(theirs, '/login');
		await signIn(theirs, person.email, NEW_PASSWORD);
		await expect(
			theirs.getByRole('alert').getByRole('link', {
				name: 'The email or password is not right. Check them and try again.'
			})
		).toBeVisible();
		await expect(theirs.getByText(/^Signed in as/)).toHaveCount(0);
		await check(theirs);

		await visit(page, '/admin/people');
		await expect(page.getByRole('row').filter({ hasText: person.email })).toContainText('Disabled');

		// Re-enable: they can sign in again.
		await visit(page, `/admin/people/${id}`);
		await page.getByRole('button', { name: 'Re-enable account' }).click();
		await expect(page.getByText('The account is re-enabled.')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Disable account' })).toBeVisible();
		await check(page);

		await signIn(theirs, person.email, NEW_PASSWORD);
		await expect(theirs.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await check(theirs);
	});

	test('the people pages have large enough controls', async ({ page, javaScriptEnabled }) => {
		test.skip(!javaScriptEnabled, STAFF_ONLY);
		await signInAs(page, ADMIN.email, ADMIN.name);
		await expectLargeTargets(page);
		await visit(page, '/admin/people');
		await expectLargeTargets(page);
		await visit(page, '/admin/people/new');
		await expectLargeTargets(page);
	});
});

test.describe('your account', () => {
	test('a person changes their own password, which signs them out everywhere else', async ({ page, newPage }, testInfo) => {
		const person = {
			name: `Cai Changer ${testInfo.project.name}`,
			email: uniqueEmail('cai.changer', testInfo.project.name),
			role: 'Supporter'
		};
		await signInAs(page, ADMIN.email, ADMIN.name);
		const phone = await newPage();
		await inviteAndSignIn(page, phone, person);
		const laptop = await newPage();
		await visit(laptop, '/login');
		await signIn(laptop, person.email, NEW_PASSWORD);
		await expect(laptop.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await check(laptop);

		await visit(phone, '/account');
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Your account');
		const newer = 'an even longer new password';
		await phone.getByLabel('Current password', { exact: true }).fill('not my password');
		await phone.getByLabel('New password', { exact: true }).fill(newer);
		await phone.getByLabel('Type the new password again', { exact: true }).fill(newer);
		await phone.getByRole('button', { name: 'Change password', exact: true }).click();
		await expect(phone.getByRole('alert').getByRole('link', { name: 'Your current password is not right' })).toBeVisible();
		await expect(phone).toHaveTitle(/^Error: /);
		await check(phone);

		await phone.getByLabel('Current password', { exact: true }).fill(NEW_PASSWORD);
		await phone.getByLabel('New password', { exact: true }).fill(newer);
		await phone.getByLabel('Type the new password again', { exact: true }).fill(newer);
		await phone.getByRole('button', { name: 'Change password', exact: true }).click();
		await expect(phone.getByText('Your password is changed. You are now signed out on every other device.')).toBeVisible();
		await check(phone);

		// This browser stays signed in; the other one is signed out.
		await visit(phone, '/account');
		await expect(phone.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await visit(laptop, '/account');
		await expect(laptop).toHaveURL(/\/login\?next=%2Faccount$/);
		await signIn(laptop, person.email, NEW_PASSWORD);
		await expect(laptop.getByText('The email or password is not right. Check them and try again.').first()).toBeVisible();
		await check(laptop);
		await signIn(laptop, person.email, newer);
		await expect(laptop).toHaveURL(/\/account$/);
		await expect(laptop.getByText(`Signed in as ${person.name}`, { exact: true })).toBeVisible();
		await check(laptop);
	});
});
