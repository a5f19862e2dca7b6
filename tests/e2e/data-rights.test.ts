import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { ADMIN, PARENT, YOUNG_PEOPLES_TARGET, check, expect, expectLargeTargets, signIn, signInAs, signOut, test, uniqueEmail, visit } from '../fixtures';

/*
 * People's data rights: a parent (then the demo young person) downloads everything Chorus holds
 * about them from "My data"; an admin erases a person they invited, after a wrong confirmation.
 * Downloading changes nothing others see; the erased person is made by the test itself.
 */

test.describe.configure({ timeout: 120_000 });

const ALEX = { code: 'BEAR-4827', picks: ['Cat', 'Pizza', 'Football'] };

/** Presses "Download my data" and returns the file's name and what the zip holds. */
async function downloadMyData(page: Page) {
	const started = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download my data', exact: true }).click();
	const download = await started;
	const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
	return { fileName: download.suggestedFilename(), files };
}

test('a parent and a young person download everything Chorus keeps about them', async ({ page }) => {
	// A visitor is asked to sign in first, then comes back to the page.
	await visit(page, '/my-data');
	await expect(page).toHaveURL(/\/login\?next=(%2F|\/)my-data$/);
	await expect(page.getByRole('link', { name: /card/i })).toHaveAttribute('href', '/young-people/sign-in');
	await signIn(page, PARENT.email);
	await expect(page).toHaveURL(/\/my-data$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Get a copy of your data');
	await expect(page.getByText('Here you can get a copy of everything Chorus keeps about you.')).toBeVisible();
	await check(page);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);

	const parent = await downloadMyData(page);
	expect(parent.fileName).toMatch(/^chorus-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
	expect(Object.keys(parent.files)).toEqual(expect.arrayContaining(['my-data.json', 'README.txt', 'account.csv', 'roles.csv']));
	const json = JSON.parse(strFromU8(parent.files['my-data.json'])) as { records: Record<string, { email?: string }[]> };
	expect(json.records.account[0].email).toBe(PARENT.email);
	expect(strFromU8(parent.files['README.txt'])).toContain('Anonymous survey answers');

	// The account page links to it.
	await visit(page, '/account');
	await page.getByRole('link', { name: 'Get a copy of your data' }).click();
	await expect(page).toHaveURL(/\/my-data$/);
	await check(page);
	await signOut(page);

	// A young person has no account page: their profile links to it.
	await visit(page, '/young-people/sign-in');
	await page.getByLabel('Your code').fill(ALEX.code);
	await page.getByRole('button', { name: 'Next', exact: true }).click();
	await check(page);
	for (const picture of ALEX.picks) {
		await page.getByRole('button', { name: picture, exact: true }).click();
		await check(page);
	}
	await expect(page).toHaveURL(/\/profiles\/\d+$/);
	await page.getByRole('link', { name: 'Get a copy of my data' }).click();
	await expect(page).toHaveURL(/\/my-data$/);
	await check(page);
	const alex = await downloadMyData(page);
	const alexJson = JSON.parse(strFromU8(alex.files['my-data.json'])) as { person: { name: string }; records: Record<string, unknown[]> };
	expect(alexJson.person.name).toBe('Alex');
	expect(alexJson.records['profile items'].length).toBeGreaterThan(0);
	expect(Object.keys(alex.files)).toContain('profile-items.csv');
	// never a secret: no hashes of the card code or passcode
	expect(strFromU8(alex.files['my-data.json'])).not.toMatch(/\$argon2|hash/i);
});

test('an admin erases a person on request, after typing their name to confirm', async ({ page }, testInfo) => {
	const person = { name: `Erin Erasable ${testInfo.project.name}`, email: uniqueEmail('erin-erasable', testInfo.project.name) };
	await signInAs(page, ADMIN.email, ADMIN.name);

	await visit(page, '/admin/people/new');
	await page.getByLabel('Name', { exact: true }).fill(person.name);
	await page.getByLabel('Email', { exact: true }).fill(person.email);
	await page.getByLabel('Parent carer', { exact: true }).check();
	await page.getByRole('button', { name: 'Invite', exact: true }).click();
	await expect(page.getByText(`${person.name} is invited.`)).toBeVisible();
	await check(page);

	await visit(page, '/admin/people');
	await page.getByRole('link', { name: person.name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(person.name);
	await check(page);
	await page.getByRole('link', { name: `Erase ${person.name}`, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Erase ${person.name}`);
	await expect(page.getByText('This cannot be undone.', { exact: false }).first()).toBeVisible();
	await expect(page.getByText(/Anonymous survey answers hold no link to anyone/)).toBeVisible();
	await check(page);
	await expectLargeTargets(page);

	// A wrong confirmation: nothing happens, and what was typed stays.
	const confirm = page.getByLabel('To confirm, type their name or email');
	await confirm.fill('Erin Somebody Else');
	await page.getByRole('button', { name: `Erase ${person.name} for good` }).click();
	await expect(page.getByRole('alert')).toContainText('What you typed is not their name or email.');
	await expect(confirm).toHaveValue('Erin Somebody Else');
	await check(page);

	await confirm.fill(person.email.toUpperCase());
	await page.getByRole('button', { name: `Erase ${person.name} for good` }).click();
	await expect(page).toHaveURL(/\/admin\/people\?erased=ER-[A-Z0-9]{8}$/);
	await expect(page.getByRole('status')).toContainText(/Erased\. Reference: ER-[A-Z0-9]{8}\./);
	await check(page);
	await expect(page.getByRole('link', { name: person.name, exact: true })).toHaveCount(0);
	await expect(page.getByText(person.email)).toHaveCount(0);
});
