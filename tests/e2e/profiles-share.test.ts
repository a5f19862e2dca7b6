import type { Page } from '@playwright/test';
import { check, expect, expectLargeTargets, YOUNG_PEOPLES_TARGET, signInAs, test, visit } from '../fixtures';

/*
 * Who sees a one-page profile: the young person's own choice of supporters, share links that
 * open a read-only copy until they are stopped, and the profile photo. Runs against the demo
 * data: Alex (card BEAR-4827, pictures cat, pizza, football) and Isla, both supported by the
 * demo supporter. Nothing here changes what other tests rely on: the supporters stay linked,
 * and Isla's photo is removed again at the end.
 */

const SUPPORTER = { email: 'supporter@example.org', name: 'Sunita Supporter' };
const ALEX = { code: 'BEAR-4827', pictures: ['Cat', 'Pizza', 'Football'] };

/** A real 2×2 blue PNG. */
const TINY_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWMwTjtjnHaGAUIBACS2BZUFBQd/AAAAAElFTkSuQmCC',
	'base64'
);

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

// Two sign-ins and a dozen pages, each checked with axe: longer than the default 30 s.
test.describe.configure({ timeout: 120_000 });

/** Signs Alex in with the card code and picture passcode; returns the id of Alex's profile. */
async function signInAsAlex(page: Page): Promise<number> {
	await visit(page, '/young-people/sign-in');
	await page.getByRole('textbox', { name: 'Your code' }).fill(ALEX.code);
	await page.getByRole('button', { name: 'Next' }).click();
	for (const picture of ALEX.pictures) {
		await expect(page.getByRole('button', { name: picture, exact: true })).toBeVisible();
		await check(page);
		await page.getByRole('button', { name: picture, exact: true }).click();
	}
	await expect(page).toHaveURL(/\/profiles\/\d+$/);
	await check(page);
	return Number(new URL(page.url()).pathname.split('/').pop());
}

/** The id of a young person's profile, from the supporter's list of young people. */
async function profileIdFromList(page: Page, name: string): Promise<number> {
	await visit(page, '/young-people');
	const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
	return Number(href!.match(/^\/profiles\/(\d+)$/)![1]);
}

/** Makes a share link on the profile's Share page (already open) and returns it. */
async function makeShareLink(page: Page, forWhom: string, days: string): Promise<string> {
	await page.getByRole('textbox', { name: 'Who is it for?' }).fill(forWhom);
	await page.getByRole('radio', { name: days }).check();
	await page.getByRole('button', { name: 'Make the link' }).click();
	await expect(page.getByText('Copy this link now. For safety we cannot show it again.')).toBeVisible();
	await check(page);
	const link = await page.getByRole('textbox', { name: 'The link' }).inputValue();
	expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/shared-profile\/[A-Za-z0-9_-]{20,}$/);
	return link;
}

test('a young person chooses who sees the profile and shares it with a link that stops working when stopped', async ({
	page,
	newPage
}) => {
	const alex = await signInAsAlex(page);

	// Who can see my profile: the linked supporter, with a way to stop them (after "are you sure?").
	await visit(page, `/profiles/${alex}/supporters`);
	await expect(h1(page)).toHaveText('Who can see my profile');
	await expect(page.getByText('Organisers and other staff cannot see the profile.')).toBeVisible();
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await page.getByRole('button', { name: `Stop ${SUPPORTER.name} seeing my profile` }).click();
	await expect(h1(page)).toHaveText(`Stop ${SUPPORTER.name} seeing the profile?`);
	await check(page);
	await page.getByRole('link', { name: 'No, go back' }).first().click();
	await expect(h1(page)).toHaveText('Who can see my profile');
	await check(page);
	// Adding someone who is not a supporter, or one already linked, says so in plain words.
	const email = page.getByRole('textbox', { name: 'Their email address' });
	await email.fill('organiser@example.org');
	await page.getByRole('button', { name: 'Add this supporter' }).click();
	await expect(page.getByRole('alert')).toContainText('Nobody with that email is a supporter here.');
	await expect(email).toHaveValue('organiser@example.org');
	await expect(page.locator('.error-summary')).toBeFocused();
	await check(page);
	await email.fill(SUPPORTER.email);
	await page.getByRole('button', { name: 'Add this supporter' }).click();
	await expect(page.getByRole('alert')).toContainText('That supporter can already see this profile.');
	await check(page);
	await expect(page.getByRole('listitem').getByText(SUPPORTER.name, { exact: true })).toHaveCount(1);

	// Share my profile: 30 days is chosen unless I choose otherwise; saying who it is for is needed.
	await page.getByRole('link', { name: 'Share page' }).click();
	await expect(h1(page)).toHaveText('Share my profile');
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await expect(page.getByRole('radio', { name: '30 days (about 1 month)' })).toBeChecked();
	await page.getByRole('button', { name: 'Make the link' }).click();
	await expect(page.getByRole('alert')).toContainText('Say who the link is for');
	await expect(page).toHaveTitle(/^Error: /);
	await check(page);
	const link = await makeShareLink(page, 'Mr Okafor, my new teacher', '7 days (1 week)');
	const made = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'For Mr Okafor, my new teacher' }) });
	await expect(made).toContainText('Working');
	await expect(made).toContainText('Not opened yet');

	// Someone without an account opens it: the profile, read-only, not cached, not indexed.
	const visitor = await newPage();
	const opened = await visitor.goto(link);
	expect(opened?.status()).toBe(200);
	expect(opened?.headers()['cache-control']).toBe('private, no-store');
	await expect(h1(visitor)).toHaveText("Alex's one-page profile");
	await expect(visitor.getByText(/^This is a read-only copy shared with you\. It works until \d{1,2} \w+ \d{4}\.$/)).toBeVisible();
	await expect(visitor.getByText('My dog Biscuit', { exact: true })).toBeVisible();
	await expect(visitor.locator('meta[name=robots]')).toHaveAttribute('content', 'noindex');
	await expect(visitor.locator('main form')).toHaveCount(0);
	await expect(visitor.locator('main a[href^="/profiles/"]')).toHaveCount(0);
	await check(visitor);
	// It prints on exactly one A4 page (Chromium's own PDF rendering, print stylesheet).
	const pdf = (await visitor.pdf({ format: 'A4' })).toString('latin1');
	expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);

	// The opening is counted (when, not who); then the link is stopped at once.
	await visit(page, `/profiles/${alex}/share`);
	await expect(made).toContainText(/Opened 1 time, last on \d{1,2} \w+ \d{4}/);
	await made.getByRole('button', { name: /^Stop this link now/ }).click();
	await expect(page.getByRole('status')).toContainText('The link has stopped.');
	await expect(made).toContainText('Stopped');
	await expect(made.getByRole('button')).toHaveCount(0);
	await check(page);

	const gone = await visitor.goto(link);
	expect(gone?.status()).toBe(404);
	await expect(h1(visitor)).toHaveText('This link does not work any more');
	await expect(visitor.getByText('Ask the person who shared it with you for a new link.')).toBeVisible();
	await expect(visitor.getByText('My dog Biscuit', { exact: true })).toHaveCount(0);
	await check(visitor);
});

test('a supporter adds a photo that shows on the profile and through a share link, then removes it', async ({
	page,
	newPage
}) => {
	await signInAs(page, SUPPORTER.email, SUPPORTER.name);
	const isla = await profileIdFromList(page, 'Isla');

	// Only the young person chooses supporters: the supporter sees the list, read-only.
	await visit(page, `/profiles/${isla}/supporters`);
	await expect(h1(page)).toHaveText("Who can see Isla's profile");
	await expect(page.getByText('Only Isla can change who sees this profile.')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Stop / })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Add this supporter' })).toHaveCount(0);

	// A file that is not a photo is refused; the description typed is kept.
	await visit(page, `/profiles/${isla}/photo`);
	await expect(h1(page)).toHaveText("Isla's photo");
	await expect(page.getByText('We make it smaller and remove hidden details like where it was taken.')).toBeVisible();
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	const description = page.getByRole('textbox', { name: 'What does the photo show?' });
	await page.getByLabel('Choose a photo').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
	await description.fill('Isla smiling on the beach');
	await page.getByRole('button', { name: 'Add the photo' }).click();
	await expect(page.getByRole('alert')).toContainText('We cannot use that file. Choose a JPEG or PNG photo.');
	await expect(description).toHaveValue('Isla smiling on the beach');
	await check(page);

	// A real PNG is taken, shrunk and stored as a JPEG, and shown with its description.
	await page.getByLabel('Choose a photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: TINY_PNG });
	await page.getByRole('button', { name: 'Add the photo' }).click();
	await expect(page.getByRole('status')).toContainText('The photo is saved.');
	await check(page);
	const photo = page.getByRole('img', { name: 'Isla smiling on the beach' });
	await expect(photo).toHaveJSProperty('complete', true);
	expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	const served = await page.request.get(`/profiles/${isla}/photo.jpg`);
	expect(served.headers()['content-type']).toBe('image/jpeg');
	expect(served.headers()['cache-control']).toBe('private, no-store');
	await visit(page, `/profiles/${isla}`);
	const onProfile = page.getByRole('img', { name: 'Isla smiling on the beach' });
	await expect(onProfile).toHaveJSProperty('complete', true);
	expect(await onProfile.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

	// Through a share link, the photo shows too.
	await visit(page, `/profiles/${isla}/share`);
	await expect(h1(page)).toHaveText("Share Isla's profile");
	const link = await makeShareLink(page, 'The dentist', '30 days (about 1 month)');
	const visitor = await newPage();
	await visitor.goto(link);
	await expect(h1(visitor)).toHaveText("Isla's one-page profile");
	const shared = visitor.getByRole('img', { name: 'Isla smiling on the beach' });
	await expect(shared).toHaveJSProperty('complete', true);
	expect(await shared.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	await check(visitor);

	// Removing it asks first; afterwards the photo is gone everywhere.
	await visit(page, `/profiles/${isla}/photo`);
	await page.getByRole('link', { name: 'Remove the photo' }).click();
	await expect(h1(page)).toHaveText('Remove the photo?');
	await check(page);
	await page.getByRole('button', { name: 'Yes, remove the photo' }).click();
	await expect(page.getByRole('status')).toContainText('The photo is gone.');
	await expect(page.getByText('There is no photo yet.')).toBeVisible();
	await check(page);
	const photoUrl = `${new URL(link).pathname}/photo.jpg`;
	expect((await visitor.request.get(photoUrl)).status()).toBe(404);
});
