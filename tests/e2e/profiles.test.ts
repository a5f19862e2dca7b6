import type { Locator, Page } from '@playwright/test';
import { ADMIN, check, expect, expectLargeTargets, YOUNG_PEOPLES_TARGET, signInAs, test, visit } from '../fixtures';

/*
 * One-page profiles: the demo young person Alex signs in with the card code and picture passcode
 * and builds their profile by keyboard (pictures alone, then own words), sees each save as a
 * version, changes and removes what they added; the print view fits on exactly one A4 page, even
 * for a profile filled to the maximum; organisers and admins cannot open a profile.
 * Other tests may use Alex too, so this one only adds things and asserts on what it added.
 */

const ALEX = { code: 'BEAR-4827', picks: ['Cat', 'Pizza', 'Football'] };
const SUPPORTER = { email: 'supporter@example.org', name: 'Sunita Supporter' };
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };

// Whole flows with axe on every page: longer than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Presses Tab until `target` has the keyboard focus (no clicks). */
async function tabTo(page: Page, target: Locator, most = 80) {
	for (let i = 0; i < most; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Could not reach ${target} with the Tab key`);
}

/** Presses a key and waits for the page it loads. */
async function pressAndLoad(page: Page, key: string) {
	const loaded = page.waitForEvent('load');
	await page.keyboard.press(key);
	await loaded;
}

/**
 * Signs a young person in on the sign-in page by keyboard alone: "Your code", "Next", then the
 * pictures by name. Lands on their profile; returns its id.
 */
async function signInAsYoungPerson(page: Page, code: string, picks: string[]) {
	await visit(page, '/young-people/sign-in');
	await tabTo(page, page.getByLabel('Your code'));
	await page.keyboard.type(code);
	await pressAndLoad(page, 'Enter');
	await check(page);
	for (const picture of picks) {
		await tabTo(page, page.getByRole('button', { name: picture, exact: true }));
		await pressAndLoad(page, 'Enter');
		await check(page);
	}
	await expect(page).toHaveURL(/\/profiles\/\d+$/);
	return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** The number in "Version 17" on a profile page. */
async function versionOf(page: Page) {
	const text = await page.locator('.pf-facts').textContent();
	return Number(text?.match(/Version (\d+)/)?.[1]);
}

/** Counts the pages of a PDF Chromium made: one "/Type /Page" object per page. */
function pdfPages(pdf: Buffer) {
	return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

test('a young person builds their profile by keyboard, sees the versions, then changes and removes what they added', async ({ page }, testInfo) => {
	const words = `I want to go on a train trip (${testInfo.project.name})`;
	const id = await signInAsYoungPerson(page, ALEX.code, ALEX.picks);
	await expect(h1(page)).toHaveText('My one-page profile');
	await expect(page.getByRole('heading', { name: 'How best to support me' })).toBeVisible();
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	const before = await versionOf(page);
	expect(before).toBeGreaterThan(0);

	// "It is still right": reviewed today, by Alex.
	await page.getByRole('button', { name: 'It is still right — mark as reviewed' }).click();
	await expect(page.getByRole('status')).toHaveText('Thank you. The profile is marked as reviewed today.');
	await expect(page.locator('.pf-facts')).toContainText(/Last reviewed on .+ by Alex/);
	await check(page);
	// Counting the pictures is Alex's choice, undone at any time (and left as it was).
	const consent = page.getByLabel("Count my pictures in the area's summary of what matters to young people");
	await expect(consent).toBeChecked();
	await consent.uncheck();
	await page.getByRole('button', { name: 'Save my choice' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved. Your pictures will not be counted.');
	await expect(consent).not.toBeChecked();
	await check(page);
	await consent.check();
	await page.getByRole('button', { name: 'Save my choice' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved. Your pictures will be counted. Thank you.');
	await expect(consent).toBeChecked();
	await check(page);
	expect(await versionOf(page)).toBe(before);

	// A picture alone, by keyboard: the part's "Add" link, a search, the picture, "Add to my profile".
	await tabTo(page, page.getByRole('link', { name: 'Add to this part: How best to support me' }));
	await pressAndLoad(page, 'Enter');
	await expect(h1(page)).toHaveText('Add to “How best to support me”');
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await tabTo(page, page.getByRole('searchbox', { name: 'Search for a picture' }));
	await page.keyboard.type('ear defenders');
	await pressAndLoad(page, 'Enter');
	await check(page);
	const earDefenders = page.getByRole('radio', { name: 'Ear defenders' });
	await tabTo(page, earDefenders);
	await page.keyboard.press('Space');
	await expect(earDefenders).toBeChecked();
	await tabTo(page, page.getByRole('button', { name: 'Add to my profile' }));
	await pressAndLoad(page, 'Enter');
	await expect(page).toHaveURL(new RegExp(`/profiles/${id}\\?saved=${before + 1}&section=support#section-support$`));
	await expect(page.getByRole('status')).toHaveText(`Added. Your profile is saved as version ${before + 1}.`);
	await check(page);
	const support = page.locator('#section-support');
	await expect(support.getByRole('listitem').filter({ hasText: 'Ear defenders' })).toHaveCount(1);

	// A picture and own words, in another part: a topic link, then the words (Enter sends the form).
	await tabTo(page, page.getByRole('link', { name: 'Add to this part: My hopes for the future' }));
	await pressAndLoad(page, 'Enter');
	await check(page);
	// Words that are too long: the error keeps what was typed.
	await tabTo(page, page.getByLabel('Your own words'));
	await page.keyboard.type('x'.repeat(101));
	await pressAndLoad(page, 'Enter');
	await expect(page.getByRole('alert')).toContainText('Use 100 letters or fewer');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('Your own words')).toHaveValue('x'.repeat(101));
	await check(page);
	await tabTo(page, page.getByRole('link', { name: 'Travel' }));
	await pressAndLoad(page, 'Enter');
	await check(page);
	// Tab goes into the group at its first picture; the arrow keys choose within it.
	await tabTo(page, page.getByRole('radio', { name: 'Walk' }));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('radio', { name: 'Train' })).toBeChecked();
	await tabTo(page, page.getByLabel('Your own words'));
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type(words);
	await pressAndLoad(page, 'Enter');
	await expect(page.getByRole('status')).toHaveText(`Added. Your profile is saved as version ${before + 2}.`);
	await check(page);
	const added = page.locator('#section-hopes').getByRole('listitem').filter({ hasText: words });
	await expect(added.getByRole('img', { name: 'Train' })).toBeVisible();
	expect(await versionOf(page)).toBe(before + 2);

	// Every save is a version; the newest holds what was added, the one before does not.
	await page.getByRole('link', { name: 'Earlier versions' }).click();
	await expect(h1(page)).toHaveText('Earlier versions of my profile');
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	const newest = page.getByRole('row').nth(1);
	await expect(newest).toContainText(`Version ${before + 2}`);
	await expect(newest).toContainText('Added something');
	await expect(newest).toContainText('Alex');
	await newest.getByRole('link', { name: `Version ${before + 2}` }).click();
	await expect(page.getByText(/^This is the newest version, from /)).toBeVisible();
	await expect(page.locator('#section-hopes')).toContainText(words);
	await check(page);
	await visit(page, `/profiles/${id}/versions/${before + 1}`);
	await expect(page.getByText(/^This is an earlier version from /)).toBeVisible();
	await expect(page.locator('#section-support')).toContainText('Ear defenders');
	await expect(page.locator('#section-hopes')).not.toContainText(words);
	await page.getByRole('link', { name: 'See my profile as it is now' }).click();
	await check(page);

	// Change the words, then remove it after saying "yes".
	await page.getByRole('link', { name: `Change: ${words}` }).click();
	await expect(h1(page)).toHaveText('Change something in “My hopes for the future”');
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await page.getByLabel('Your own words').fill(`${words}!`);
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toHaveText(`Changed. Your profile is saved as version ${before + 3}.`);
	await check(page);
	await page.getByRole('link', { name: `Change: ${words}!` }).click();
	await check(page);
	await page.getByRole('link', { name: 'Remove this' }).click();
	await expect(h1(page)).toHaveText('Remove this from the profile?');
	await check(page);
	await page.getByRole('button', { name: 'Yes, remove it' }).click();
	await expect(page.getByRole('status')).toHaveText(`Removed. Your profile is saved as version ${before + 4}.`);
	await expect(page.locator('#section-hopes')).not.toContainText(words);
	await check(page);
});

test('the print view fits on one A4 page, even when full; organisers and admins cannot open profiles', async ({ page, newPage }, testInfo) => {
	await signInAs(page, SUPPORTER.email, SUPPORTER.name);

	// Alex, as seeded (and as other tests leave it).
	await visit(page, '/young-people');
	const alexId = Number((await page.getByRole('link', { name: 'Alex', exact: true }).getAttribute('href'))?.split('/')[2]);
	expect(alexId).toBeGreaterThan(0);
	await visit(page, `/profiles/${alexId}/print`);
	await expect(h1(page)).toHaveText("Alex's one-page profile");
	if (testInfo.project.name === 'js') await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
	else await expect(page.getByText(/use your browser's Print/)).toBeVisible();
	expect(pdfPages(await page.pdf({ format: 'A4', printBackground: true }))).toBe(1);

	// A new young person's profile filled to the maximum: 6 things in each part, the longest words.
	await visit(page, '/young-people/new');
	await page.getByLabel('First name or chosen name').fill('Maxine');
	await page.getByRole('button', { name: 'Add them and make their card' }).click();
	await expect(page).toHaveURL(/\/young-people\/\d+\/card$/);
	await check(page);
	const fullId = Number(new URL(page.url()).pathname.split('/')[2]);
	const long = 'I like it when people give me time and tell me what is going to happen before it happens. Thank you!';
	expect(long).toHaveLength(100);
	const pictures = ['give-me-time', 'quiet-space', 'music', 'family', 'football', 'ear-defenders'];
	for (const section of ['admire', 'important', 'support', 'communicate', 'hopes']) {
		for (const symbolId of pictures) {
			const response = await page.request.post(`/profiles/${fullId}/add?section=${section}`, {
				form: { symbolId, words: long },
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(response.status()).toBe(303);
		}
	}
	// One more is refused, plainly.
	await visit(page, `/profiles/${fullId}/add?section=hopes`);
	await expect(page.getByText(/^This part is full\. It has 6 things/)).toBeVisible();
	await visit(page, `/profiles/${fullId}/print`);
	await expect(page.locator('#section-hopes').getByRole('listitem')).toHaveCount(6);
	expect(pdfPages(await page.pdf({ format: 'A4', printBackground: true }))).toBe(1);

	// Organisers and admins are refused; a visitor is asked to sign in.
	for (const account of [ORGANISER, ADMIN]) {
		const other = await newPage();
		await signInAs(other, account.email, account.name);
		const response = await other.goto(`/profiles/${alexId}`);
		expect(response?.status()).toBe(403);
		await expect(h1(other)).toHaveText('You cannot open this page');
		await check(other);
	}
	const visitor = await newPage();
	await visitor.goto(`/profiles/${alexId}`);
	await expect(visitor).toHaveURL(new RegExp(`/login\\?next=%2Fprofiles%2F${alexId}$`));
	await check(visitor);
});
