import type { Locator, Page } from '@playwright/test';
import { ADMIN, check, expect, expectLargeTargets, YOUNG_PEOPLES_TARGET, signInAs, signOut, test, visit } from '../fixtures';

/*
 * Young people's accounts: a supporter adds a young person and prints their sign-in card; the
 * young person signs in with the code and a picture passcode, by keyboard alone; the supporter
 * resets the pictures and makes a new card; an admin chooses who supports a young person.
 * Each test makes its own young person, so it does not depend on what other tests change.
 */

const SUPPORTER = { email: 'supporter@example.org', name: 'Sunita Supporter' };
const CODE = /^[A-Z2-9]{4}-[A-Z2-9]{4}$/;

// Whole sign-in flows with a page load per picture, and axe on each new state.
test.describe.configure({ timeout: 120_000 });

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** A name nobody else in this run has: "Zara" and a few random letters. */
function uniqueName() {
	const letters = 'abcdefghijkmnopqrstuvwxyz';
	const suffix = Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
	return `Zara ${suffix[0].toUpperCase()}${suffix.slice(1)}`;
}

/** As the signed-in supporter: adds a young person and returns their id and the new card's code. */
async function addYoungPerson(page: Page, name: string) {
	await visit(page, '/young-people/new');
	await page.getByLabel('First name or chosen name').fill(name);
	await page.getByLabel('Year group').fill('Year 8');
	await page.getByRole('button', { name: 'Add them and make their card' }).click();
	await expect(page).toHaveURL(/\/young-people\/\d+\/card$/);
	await expect(h1(page)).toHaveText(`Sign-in card for ${name}`);
	await check(page);
	const code = (await page.getByTestId('card-code').textContent())?.trim() ?? '';
	expect(code).toMatch(CODE);
	const id = Number(new URL(page.url()).pathname.split('/')[2]);
	return { id, code };
}

/** Presses Tab until `target` has the keyboard focus (no clicks). */
async function tabTo(page: Page, target: Locator) {
	for (let i = 0; i < 40; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Could not reach ${target} with the Tab key`);
}

/** Picks pictures by keyboard alone: Tab to each and press Enter or Space (in turn). Each is a page load. */
async function pickByKeyboard(page: Page, pictures: string[]) {
	for (const [i, picture] of pictures.entries()) {
		await tabTo(page, page.getByRole('button', { name: picture, exact: true }));
		const loaded = page.waitForEvent('load');
		await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
		await loaded;
	}
}

/** Picks pictures with the mouse, for the test that is not about the keyboard. */
async function pick(page: Page, pictures: string[]) {
	for (const picture of pictures) {
		const loaded = page.waitForEvent('load');
		await page.getByRole('button', { name: picture, exact: true }).click();
		await loaded;
	}
}

/** Opens the card's link (as the QR code does) and presses Next. */
async function openCard(page: Page, code: string) {
	await visit(page, `/young-people/sign-in?code=${code}`);
	await expect(page.getByLabel('Your code')).toHaveValue(code);
	await page.getByRole('button', { name: 'Next', exact: true }).click();
}

test('a supporter adds a young person, who signs in with their card and pictures by keyboard alone', async ({ page, newPage }) => {
	await signInAs(page, SUPPORTER.email, SUPPORTER.name);
	await visit(page, '/young-people');
	await expect(h1(page)).toHaveText('Young people I support');
	// the demo young person is listed: their profile, and their sign-in card beside it
	const alex = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Alex', exact: true }) });
	await expect(alex.getByRole('link', { name: 'Alex', exact: true })).toHaveAttribute('href', /^\/profiles\/\d+$/);
	await expect(alex.getByRole('link', { name: 'Sign-in card for Alex' })).toHaveAttribute('href', /^\/young-people\/\d+\/card$/);

	// Adding without a name: the error summary, and nothing asked about surname or birthday
	await page.getByRole('link', { name: 'Add a young person' }).click();
	await expect(h1(page)).toHaveText('Add a young person');
	await expect(page.getByText('We do not need a surname or date of birth.', { exact: false })).toBeVisible();
	await check(page);
	await page.getByRole('button', { name: 'Add them and make their card' }).click();
	await expect(page.getByRole('alert')).toContainText('Give their first name or chosen name.');
	await check(page);

	const name = uniqueName();
	const { id, code } = await addYoungPerson(page, name);
	// the printable card: code, a QR code with a text alternative, and the three steps
	const card = page.getByRole('article', { name });
	await expect(card.getByRole('img', { name: /^QR code/ })).toBeVisible();
	await expect(card.getByRole('listitem')).toHaveText([/^Go to http:\/\/.+\/young-people\/sign-in or scan the code\.$/, 'Type your code.', 'Choose your 3 pictures.']);

	// The young person, in their own browser, opens the link the QR code holds
	const yp = await newPage();
	await visit(yp, `/young-people/sign-in?code=${code}`);
	await expect(h1(yp)).toHaveText('Sign in with your card');
	await expect(yp.getByLabel('Your code')).toHaveValue(code);
	await expect(yp.getByRole('link', { name: 'Sign in here' })).toHaveAttribute('href', '/login');
	await expectLargeTargets(yp, YOUNG_PEOPLES_TARGET);
	await tabTo(yp, yp.getByRole('button', { name: 'Next', exact: true }));
	await yp.keyboard.press('Enter');

	// First sign-in: choose 3 pictures, then the same again to check
	await expect(h1(yp)).toHaveText(`Hello ${name}. Choose 3 pictures you will remember.`);
	await expect(yp.getByRole('heading', { level: 2, name: 'Picture 1 of 3' })).toBeVisible();
	await expect(yp).toHaveTitle(/^Picture 1 of 3/);
	await check(yp);
	await expectLargeTargets(yp, YOUNG_PEOPLES_TARGET);
	// nine big picture buttons, in a 3 by 3 grid
	const grid = yp.getByRole('group', { name: 'Picture 1 of 3' });
	const sizes = await grid.getByRole('button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()));
	expect(sizes).toHaveLength(9);
	for (const box of sizes) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(96);
	expect(new Set(sizes.map((b) => Math.round(b.top))).size).toBe(3);

	await pickByKeyboard(yp, ['Dog']);
	// progress as words and dots only: which picture was picked is not on the screen
	await expect(yp.getByRole('heading', { level: 2, name: 'Picture 2 of 3' })).toBeVisible();
	await expect(yp.locator('.yp-dot-filled')).toHaveCount(1);
	await expect(yp.locator('main')).not.toContainText(/Dog[\s\S]*Dog/);
	await check(yp);
	await pickByKeyboard(yp, ['Sun', 'Car']);
	await expect(h1(yp)).toHaveText(`Hello ${name}. Now pick the same 3 pictures again, to check.`);
	await expect(yp.getByRole('heading', { level: 2, name: 'Picture 1 of 3' })).toBeVisible();
	await pickByKeyboard(yp, ['Dog', 'Sun', 'Car']);
	// signed in: "my profile" opens their own profile
	await expect(yp).toHaveURL(new RegExp(`/profiles/${id}$`));
	await check(yp);
	await signOut(yp);

	// Signing in again: the code and the same 3 pictures
	await openCard(yp, code);
	await expect(h1(yp)).toHaveText(`Hello ${name}. Choose your 3 pictures, in order.`);
	await check(yp);
	await pickByKeyboard(yp, ['Dog', 'Sun', 'Car']);
	await expect(yp).toHaveURL(new RegExp(`/profiles/${id}$`));
	await signOut(yp);

	// The wrong pictures: back to picture 1, with the error first
	await openCard(yp, code);
	await pickByKeyboard(yp, ['Car', 'Sun', 'Dog']);
	await expect(yp.getByRole('alert')).toContainText(
		'Those pictures were not right. Try again, or ask the adult who helps you to reset them.'
	);
	await expect(yp.locator('.error-summary')).toBeFocused();
	await expect(yp).toHaveTitle(/^Error: Picture 1 of 3/);
	await expect(yp.getByRole('heading', { level: 2, name: 'Picture 1 of 3' })).toBeVisible();
	await check(yp);
	await expectLargeTargets(yp, YOUNG_PEOPLES_TARGET);
});

test('a supporter resets pictures and makes a new card; an admin chooses who supports a young person', async ({ page, newPage }) => {
	await signInAs(page, SUPPORTER.email, SUPPORTER.name);
	const name = uniqueName();
	const { id, code } = await addYoungPerson(page, name);

	// The young person chooses their pictures and is signed in
	const yp = await newPage();
	await openCard(yp, code);
	await check(yp);
	await pick(yp, ['Fish']);
	await check(yp);
	await pick(yp, ['Fish', 'Pizza', 'Fish', 'Fish', 'Pizza']);
	await expect(yp).toHaveURL(new RegExp(`/profiles/${id}$`));
	await check(yp);

	// Later (the new card's code is kept for the card page 15 minutes only): no code to show
	await page.context().clearCookies({ name: 'chorus_new_card' });
	await visit(page, `/young-people/${id}/card`);
	await expect(page.getByText('The code is only shown when a card is made.', { exact: false })).toBeVisible();
	await expect(page.getByTestId('card-code')).toHaveCount(0);

	// Reset: they choose new pictures at their next sign-in
	await expect(page.getByText(`${name} has chosen their 3 pictures.`)).toBeVisible();
	await page.getByRole('button', { name: 'Reset their pictures' }).click();
	await expect(page.getByRole('status')).toHaveText(`Their pictures are reset. ${name} will choose new pictures the next time they sign in.`);
	await expect(page.getByText(`${name} has not chosen their pictures yet.`, { exact: false })).toBeVisible();
	await check(page);
	await openCard(yp, code);
	await expect(h1(yp)).toHaveText(`Hello ${name}. Choose 3 pictures you will remember.`);

	// A new card: a new code, and the old card stops working
	await page.getByRole('button', { name: 'Make a new card' }).click();
	await expect(page.getByTestId('card-code')).not.toHaveText(code);
	const newCode = (await page.getByTestId('card-code').textContent())?.trim() ?? '';
	expect(newCode).toMatch(CODE);
	await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
	await check(page);
	await openCard(yp, code);
	await expect(yp.getByRole('alert')).toContainText(
		'We could not find that code. Check it with your card, or ask the adult who helps you.'
	);
	// what was typed stays in the box
	await expect(yp.getByLabel('Your code')).toHaveValue(code);
	await check(yp);
	await openCard(yp, newCode);
	await expect(h1(yp)).toHaveText(`Hello ${name}. Choose 3 pictures you will remember.`);

	// An admin sees the young person without an email, and chooses their supporters
	const admin = await newPage();
	await signInAs(admin, ADMIN.email, ADMIN.name);
	await visit(admin, '/admin/people');
	const row = admin.getByRole('row').filter({ has: admin.getByRole('link', { name, exact: true }) });
	await expect(row).toContainText('Young person (signs in with a card)');
	await row.getByRole('link', { name, exact: true }).click();
	await expect(h1(admin)).toHaveText(name);
	await expect(admin.getByRole('heading', { name: 'Change roles' })).toHaveCount(0);
	await expect(admin.getByRole('button', { name: /link/i })).toHaveCount(0);
	await expect(admin.getByRole('heading', { name: 'Supporters who can see this profile' })).toBeVisible();
	await check(admin);

	await admin.getByRole('button', { name: `Remove ${SUPPORTER.name}` }).click();
	await expect(admin.getByRole('status')).toHaveText(`${SUPPORTER.name} can no longer see this profile.`);
	await expect(admin.getByText('No supporters can see this profile.')).toBeVisible();
	await check(admin);
	// the supporter no longer has them on their list
	await visit(page, '/young-people');
	await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);

	await admin.getByLabel("Supporter's email").fill('parent@example.org');
	await admin.getByRole('button', { name: 'Add supporter' }).click();
	await expect(admin.getByRole('alert')).toContainText('Nobody with that email is a supporter here.');
	await check(admin);
	await admin.getByLabel("Supporter's email").fill(SUPPORTER.email);
	await admin.getByRole('button', { name: 'Add supporter' }).click();
	await expect(admin.getByRole('status')).toHaveText(`${SUPPORTER.name} can now see this profile.`);
	await expect(admin.getByRole('button', { name: `Remove ${SUPPORTER.name}` })).toBeVisible();
	await check(admin);

	// Inviting by email never offers the young person role
	await visit(admin, '/admin/people/new');
	await expect(admin.getByLabel('Supporter', { exact: true })).toBeVisible();
	await expect(admin.getByLabel('Young person', { exact: true })).toHaveCount(0);
});
