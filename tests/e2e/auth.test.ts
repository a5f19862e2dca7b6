import {
	ADMIN,
	DEMO_ACCOUNTS,
	DEMO_PASSWORD,
	PARENT,
	check,
	expect,
	expectLargeTargets,
	signIn,
	signInAs,
	signOut,
	test,
	visit
} from '../fixtures';

const mainMenu = (page: import('@playwright/test').Page) => page.getByRole('navigation', { name: 'Main menu' });

test.describe('signing in and out', () => {
	for (const account of DEMO_ACCOUNTS) {
		test(`${account.name} (${account.role}) signs in and out`, async ({ page, javaScriptEnabled }) => {
			// the sign-in form is the same for everyone: without JavaScript it runs for the parent and the supporter
			test.skip(!javaScriptEnabled && account.role !== 'parent_carer' && account.role !== 'supporter', 'a staff sign-in: runs with JavaScript on');
			await signInAs(page, account.email, account.name, DEMO_PASSWORD, { fresh: true });
			await expect(page).toHaveURL(/\/$/);
			await expect(page.getByRole('heading', { name: `Welcome, ${account.name}` })).toBeVisible();

			// staff pages sit under "Manage" in the menu, closed until opened: counted whether shown or not
			const people = mainMenu(page).getByRole('link', { name: 'People', exact: true, includeHidden: true });
			if (account.role === 'admin') await expect(people).toHaveCount(1);
			else await expect(people).toHaveCount(0);
			// Everyone signed in can reach their own account page.
			await expect(mainMenu(page).getByRole('link', { name: 'Your account' })).toBeVisible();

			// Their home says what needs them: each count a link to where it is dealt with, or plainly
			// that nothing does. A parent carer has no staff counts (and, in the demo, no actions late).
			const needs = page.getByRole('region', { name: 'What needs you' });
			if (account.role === 'parent_carer') {
				await expect(needs).toHaveCount(0);
				await expect(page.getByRole('navigation', { name: 'Manage' })).toHaveCount(0);
			} else {
				await expect(needs).toBeVisible();
				const counts = await needs.getByRole('link').all();
				if (counts.length === 0) await expect(needs).toContainText('Nothing needs you right now.');
				for (const count of counts) {
					await expect(count).toHaveText(/^\d+ /);
					await expect(count).toHaveAttribute('href', /^\//);
				}
				// and their staff pages, listed on the page as well as under "Manage"
				await expect(page.getByRole('navigation', { name: 'Manage' }).getByRole('link').first()).toBeVisible();
			}
			if (account.role === 'organiser') {
				// the demo board has answers overdue: the count leads to the follow-up list, filtered
				await expect(needs.getByRole('link', { name: /^\d+ answers? (is|are) overdue$/ })).toHaveAttribute('href', '/manage/board?show=overdue');
			}

			await signOut(page);
			await expect(page.getByText(/^Signed in as/)).toHaveCount(0);
			await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
			// A visitor's menu has only the public pages.
			await expect(mainMenu(page).getByRole('link', { name: 'You said, we did' })).toBeVisible();
			await expect(mainMenu(page).getByRole('link', { name: 'Your account' })).toHaveCount(0);
			await expect(mainMenu(page).getByRole('link', { name: 'People', exact: true })).toHaveCount(0);

			// Signed out for real: a members' page sends them back to sign in.
			await visit(page, '/account');
			await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
		});
	}

	test('a parent carer cannot open the people page', async ({ page }) => {
		await signInAs(page, PARENT.email, PARENT.name);
		const response = await visit(page, '/admin/people');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot open this page');
		await expect(page.getByText('Amira Admin')).toHaveCount(0);
	});

	test('a visitor is sent to sign in, then back to the page they asked for', async ({ page }) => {
		await visit(page, '/admin/people');
		await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fpeople$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

		await signIn(page, ADMIN.email);
		await expect(page).toHaveURL(/\/admin\/people$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('People');
		await check(page);
	});
});

test.describe('the sign-in form', () => {
	test('a wrong password shows the error summary and keeps the email', async ({ page, javaScriptEnabled }) => {
		// A real account, one failure per project (each worker has its own database): far
		// below the throttle's five free failures.
		const email = 'Supporter@Example.org';
		await visit(page, '/login');
		await signIn(page, email, 'not-the-password');

		const summary = page.getByRole('alert');
		await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
		const problem = summary.getByRole('link', {
			name: 'The email or password is not right. Check them and try again.'
		});
		await expect(problem).toBeVisible();
		await expect(problem).toHaveAttribute('href', '#email');
		await expect(page.locator('#email')).toHaveAccessibleName('Email');

		await expect(page).toHaveTitle(/^Error: /);
		const emailField = page.getByLabel('Email', { exact: true });
		await expect(emailField).toHaveValue(email);
		await expect(emailField).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
		await expect(page.getByText(/^Signed in as/)).toHaveCount(0);
		if (javaScriptEnabled) {
			// GOV.UK pattern: focus moves to the error summary, so it is read out first.
			await expect(summary).toBeFocused();
		}
		await check(page);

		// The summary's link takes the person to the field.
		await problem.click();
		await expect(page).toHaveURL(/\/login(#email)?$/);
		if (javaScriptEnabled) await expect(emailField).toBeFocused();
		await check(page);
	});

	test('an empty form says what to fill in', async ({ page }) => {
		await visit(page, '/login');
		await page.getByRole('button', { name: 'Sign in', exact: true }).click();
		const summary = page.getByRole('alert');
		await expect(summary.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute('href', '#email');
		await expect(summary.getByRole('link', { name: 'Enter your password' })).toHaveAttribute('href', '#password');
		await expect(page).toHaveTitle(/^Error: /);
		await check(page);
	});

	test('password managers and pasting work', async ({ page }) => {
		await visit(page, '/login');
		await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('autocomplete', 'username');
		await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');

		const inputs = page.locator('input:not([type=hidden])');
		const count = await inputs.count();
		expect(count).toBeGreaterThanOrEqual(2);
		for (let i = 0; i < count; i++) {
			const blocked = await inputs.nth(i).evaluate((input) => {
				const data = new DataTransfer();
				data.setData('text/plain', 'pasted text');
				const event = new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data });
				input.dispatchEvent(event);
				return event.defaultPrevented;
			});
			const name = await inputs.nth(i).getAttribute('name');
			expect(blocked, `pasting into "${name}" is blocked`).toBe(false);
		}
	});

	test('controls on the sign-in page are large enough', async ({ page }) => {
		await visit(page, '/login');
		await expectLargeTargets(page);
		// With an error summary showing too.
		await page.getByRole('button', { name: 'Sign in', exact: true }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await check(page);
		await expectLargeTargets(page);
	});
});
