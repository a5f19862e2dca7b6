import type { Page } from '@playwright/test';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { ADMIN, PARENT, check, expect, expectLargeTargets, signIn, signInAs, signOut, test, visit, YOUNG_PEOPLES_TARGET } from '../fixtures';

/*
 * What the Trust issue added that people see: two-step sign-in on one's own account (set up with a
 * QR code or the secret typed, recovery codes, signing in with a code or a recovery code, turning it
 * off), a young person's card locked after too many wrong pictures (kind words; the supporter sees it
 * and unlocks it), the demo banner, and an admin who cannot change their own roles but sees every
 * grant. Attacks themselves are in tests/security/.
 */

test.describe.configure({ timeout: 120_000 });

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The code an authenticator app would show now for a secret written as on the set-up page. */
function codeFor(typedSecret: string, offsetSteps = 0) {
	const step = Math.floor(Date.now() / 30_000) + offsetSteps;
	return generateHOTP(decodeBase32IgnorePadding(typedSecret.replace(/\s/g, '')), BigInt(step), 6);
}

/** Signs the parent in with their password, up to the page that asks for the code. */
async function passwordThenCodePage(page: Page) {
	await visit(page, '/login');
	await page.getByLabel('Email', { exact: true }).fill(PARENT.email);
	await page.getByLabel('Password', { exact: true }).fill('chorus-demo-2026');
	await page.getByRole('button', { name: 'Sign in', exact: true }).click();
	await expect(h1(page)).toHaveText('Enter the code from your app');
	await check(page);
}

/** On the code page: types a code (from the app, or a recovery code) and expects to be signed in. */
async function enterCodeAndSignIn(page: Page, code: string) {
	await page.getByLabel('Code', { exact: true }).fill(code);
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.getByText(`Signed in as ${PARENT.name}`, { exact: true })).toBeVisible();
	await check(page);
}

test('every page says it is a demo site while the demo accounts exist', async ({ page }) => {
	for (const path of ['/', '/board', '/login', '/young-people/sign-in']) {
		await visit(page, path);
		await expect(page.getByText('Demo site: do not enter real information.', { exact: true })).toBeVisible();
	}
});

test('a parent turns on two-step sign-in, signs in with a code and with a recovery code, then turns it off', async ({ page }) => {
	await signInAs(page, PARENT.email, PARENT.name);
	await visit(page, '/account');
	await expect(page.getByText('Two-step sign-in is off.', { exact: false })).toBeVisible();
	await page.getByRole('link', { name: 'Turn on two-step sign-in' }).click();
	await expect(h1(page)).toHaveText('Two-step sign-in');
	await check(page);
	await expectLargeTargets(page);
	await expect(page.getByRole('img', { name: 'QR code to add Chorus to your authenticator app' })).toBeVisible();
	const secret = (await page.locator('.secret code').textContent())!.trim();
	expect(secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);

	// a wrong code: a clear message, and the same secret again (the app already has it)
	await page.getByLabel('Code from the app').fill('000000');
	await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	await expect(page.getByRole('alert').getByRole('link', { name: /That code is not right/ })).toBeVisible();
	await expect(page).toHaveTitle(/^Error: /);
	await check(page);
	await expect(page.locator('.secret code')).toHaveText(secret);

	await page.getByLabel('Code from the app').fill(codeFor(secret));
	await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
	await expect(page.getByText('Two-step sign-in is on. From now on', { exact: false })).toBeVisible();
	const codes = (await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allTextContents()).map((c) => c.trim());
	expect(codes).toHaveLength(10);
	await check(page);
	await page.getByRole('link', { name: 'I have saved my codes, continue' }).click();
	await check(page);
	await signOut(page);

	// signing in now asks for the code
	await passwordThenCodePage(page);
	await expectLargeTargets(page);
	await page.getByLabel('Code', { exact: true }).fill('12');
	await page.getByRole('button', { name: 'Continue', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the 6 numbers from your app');
	await check(page);
	// the next step's code (the one used to turn it on cannot be used again)
	await enterCodeAndSignIn(page, codeFor(secret, 1));
	await signOut(page);

	// a lost phone: a recovery code instead, once
	await passwordThenCodePage(page);
	await enterCodeAndSignIn(page, codes[0]);

	// turning it off: they signed in a moment ago, so no password is asked again
	await visit(page, '/account/two-step');
	await expect(page.getByText('You have 9 unused recovery codes.')).toBeVisible();
	await page.getByRole('button', { name: 'Turn off two-step sign-in' }).click();
	await expect(page.getByText('Two-step sign-in is off. You sign in with your password only.')).toBeVisible();
	await check(page);
});

test("an admin's own roles cannot be changed by them, and every grant is shown to admins", async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'a staff-only page: runs with JavaScript on');
	await signInAs(page, ADMIN.email, ADMIN.name);
	await visit(page, '/admin/people');
	await page.getByRole('link', { name: ADMIN.name, exact: true }).click();
	await expect(h1(page)).toHaveText(ADMIN.name);
	await check(page);
	await expect(page.getByText('You cannot change your own roles. Another admin must', { exact: false })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save roles' })).toHaveCount(0);

	// a new supporter (invited here, so no other test's demo account changes): the grant shows at the top
	const name = `Gail Grant ${Math.random().toString(36).slice(2, 7)}`;
	await visit(page, '/admin/people/new');
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Email', { exact: true }).fill(`${name.replace(/ /g, '.').toLowerCase()}@example.org`);
	await page.getByLabel('Supporter', { exact: true }).check();
	await page.getByRole('button', { name: 'Invite', exact: true }).click();
	await expect(page.getByText(`${name} is invited.`)).toBeVisible();
	await check(page);
	await visit(page, '/admin/people');
	const grants = page.getByRole('table', { name: 'Roles given lately' });
	await expect(grants.getByRole('row').nth(1)).toContainText(`${ADMIN.name} made ${name} Supporter`);
	await expectLargeTargets(page);
});

/** Ten wrong pictures for a card, sent as a browser without JavaScript would (a lost card being tried). */
async function tryWrongPictures(page: Page, code: string, times: number) {
	for (let i = 0; i < times; i++) {
		let response;
		for (const [n, pick] of ['dog', 'dog', 'dog'].entries()) {
			const form = new URLSearchParams({ code, stage: 'passcode', pick });
			for (let k = 0; k < n; k++) form.append('picked', 'dog');
			response = await page.request.post('/young-people/sign-in?/pick', {
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: new URL(page.url()).origin },
				data: form.toString()
			});
		}
		expect([400, 423]).toContain(response!.status());
	}
}

test("a young person's card locks after ten wrong pictures, kindly; their supporter sees it and unlocks it", async ({ page, newPage }) => {
	const supporter = { email: 'supporter@example.org', name: 'Sunita Supporter' };
	await signInAs(page, supporter.email, supporter.name);
	// a young person of their own, with pictures chosen
	await visit(page, '/young-people/new');
	const name = `Lock ${Math.random().toString(36).slice(2, 7)}`;
	await page.getByLabel('First name or chosen name').fill(name);
	await page.getByRole('button', { name: 'Add them and make their card' }).click();
	await check(page);
	const code = (await page.getByTestId('card-code').textContent())!.trim();
	const yp = await newPage();
	await visit(yp, `/young-people/sign-in?code=${code}`);
	await yp.getByRole('button', { name: 'Next', exact: true }).click();
	await check(yp);
	for (const round of [0, 1]) {
		for (const picture of ['Cat', 'Pizza', 'Football']) {
			const loaded = yp.waitForEvent('load');
			await yp.getByRole('button', { name: picture, exact: true }).click();
			await loaded;
		}
		await check(yp);
		if (round === 0) await expect(h1(yp)).toContainText('again');
	}
	await expect(yp).toHaveURL(/\/my-profile|\/profiles\//);
	await check(yp);

	// someone with the card tries wrong pictures ten times
	await tryWrongPictures(yp, code, 10);
	const stranger = await newPage();
	await visit(stranger, `/young-people/sign-in?code=${code}`);
	await stranger.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(h1(stranger)).toHaveText('Your card is locked');
	await expect(stranger.getByText('This keeps your profile safe.', { exact: false })).toBeVisible();
	await expect(stranger.getByText('Ask your supporter to unlock it.', { exact: false })).toBeVisible();
	await check(stranger);
	await expectLargeTargets(stranger, YOUNG_PEOPLES_TARGET);

	// the supporter sees the lock and unlocks it by resetting the pictures
	await visit(page, '/young-people');
	const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
	await expect(row.getByText('Card locked')).toBeVisible();
	await page.getByRole('link', { name: `${name}'s card locked after too many wrong pictures`, exact: false }).click();
	// with JavaScript the link navigates in the page: wait for its card page before checking it
	await expect(page).toHaveURL(/\/young-people\/\d+\/card$/);
	await check(page);
	await page.getByRole('button', { name: 'Reset their pictures' }).click();
	await expect(page).toHaveURL(/done=reset$/);
	await expect(page.getByText(`${name}'s card locked`, { exact: false })).toHaveCount(0);
	await check(page);
	await visit(stranger, `/young-people/sign-in?code=${code}`);
	await stranger.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(h1(stranger)).toContainText('Choose 3 pictures');
	await check(stranger);
});

test('a person who signs in needs no JavaScript for the code page, and a wrong password still says nothing about two-step sign-in', async ({ page }) => {
	await visit(page, '/login');
	await signIn(page, ADMIN.email, 'not the password at all');
	await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
	await expect(page.getByText('code from your app')).toHaveCount(0);
	await check(page);
});
