import { DEMO_ACCOUNTS, check, expect, signInAs, test, uniqueEmail, visit } from '../fixtures';

/**
 * The parent carer forum, end to end (issue 18, point 2), with JavaScript on and off: a parent
 * carer reads what the forum is and who represents it, joins with an email address (consents and
 * "about you", "another language" with its name typed), confirms from the email the app really sent, sees and changes their details, and
 * leaves, after which the link opens nothing.
 */

/** A link of this site written out in an email's text, as a path (the app's public origin may differ from the test's). */
function pathIn(text: string | undefined, path: string): string {
	const found = (text ?? '').match(new RegExp(`https?://[^/\\s]+(${path}\\?s=\\d+&t=[A-Za-z0-9_-]+)`));
	expect(found, `a ${path} link in the email`).not.toBeNull();
	return found![1];
}

test('a parent carer joins the forum by email, changes what they agreed to, and leaves', async ({ page, mailbox }, testInfo) => {
	const address = uniqueEmail('forum', testInfo.project.name);
	const to = (mail: { to?: unknown }) => JSON.stringify(mail.to ?? '').includes(address);

	// what the forum is, and who represents it: a name only where the person agreed
	await visit(page, '/forum');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The parent carer forum');
	const reps = page.getByRole('table', { name: "The forum's representatives by board or group" });
	await expect(reps.getByRole('row', { name: /SEND partnership board/ })).toContainText('Hannah Okafor');
	await expect(reps.getByRole('row', { name: /EHCP quality assurance panel/ })).toContainText('A forum member');
	await expect(reps).not.toContainText('Claire Dunmore');
	// a term that ended is not shown
	await expect(reps).not.toContainText('Joint commissioning group');
	await check(page);

	const fonts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'font') fonts.push(new URL(request.url()).pathname.split('/').pop()!);
	});
	await page.getByRole('link', { name: 'Join the forum' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Join the parent carer forum');
	// the languages' own names (Urdu, Bengali, Yiddish among them) load no script font on an English page (0060)
	await page.evaluate(() => document.fonts.ready);
	expect(fonts.filter((f) => !f.startsWith('atkinson'))).toEqual([]);
	// nothing is agreed for them
	await expect(page.getByLabel('Send me forum news by email (the forum meetings\' agendas and minutes)')).not.toBeChecked();
	await expect(page.getByLabel("Count me in the forum's reach figures")).not.toBeChecked();
	await check(page);

	// a mistyped address: said plainly, and what they chose stays
	await page.getByLabel('Your email address').fill('not an address');
	await page.getByLabel("Count me in the forum's reach figures").check();
	await page.getByLabel("Your child's main area of need").selectOption({ label: 'Sensory and/or physical' });
	// the main language: each language with its own name beside it, and "another language" with a box for which
	const language = page.getByRole('group', { name: /^The main language at home/ });
	await expect(language.getByRole('radio', { name: 'Polish (polski)' })).toBeVisible();
	await expect(language.locator('.endonym[lang=ur]')).toHaveText('اردو');
	await language.getByRole('radio', { name: 'Another language' }).check();
	await language.getByRole('textbox', { name: /^Which language\?/ }).fill('Tigrinya');
	await page.getByRole('button', { name: 'Join the forum' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter an email address like name@example.org');
	await expect(page.getByLabel("Count me in the forum's reach figures")).toBeChecked();
	await expect(page.getByLabel("Your child's main area of need")).toHaveValue('sensory_physical');
	await expect(language.getByRole('radio', { name: 'Another language' })).toBeChecked();
	await expect(language.getByRole('textbox', { name: /^Which language\?/ })).toHaveValue('Tigrinya');
	await check(page);

	await page.getByLabel('Your email address').fill(address);
	await page.getByRole('button', { name: 'Join the forum' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await check(page);

	const confirmation = await mailbox.find((mail) => to(mail) && mail.subject === 'Confirm that you want to join the parent carer forum');
	await visit(page, pathIn(confirmation.text, '/forum/confirm'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm that you want to join');
	await check(page);
	await page.getByRole('button', { name: 'Yes, I want to join' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to the forum');
	await check(page);

	// their own page: what they said, to change
	await page.getByRole('link', { name: 'Manage my membership' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your forum membership');
	await expect(page.getByText(`Your membership's email address: ${address}`)).toBeVisible();
	await expect(page.getByLabel("Count me in the forum's reach figures")).toBeChecked();
	await expect(language.getByRole('radio', { name: 'Another language' })).toBeChecked();
	await expect(language.getByRole('textbox', { name: /^Which language\?/ })).toHaveValue('Tigrinya');
	await check(page);
	const membership = page.url();
	await page.getByLabel('Send me forum news by email (the forum meetings\' agendas and minutes)').check();
	await page.getByLabel("Count me in the forum's reach figures").uncheck();
	await page.getByLabel('Your child\'s school phase').selectOption({ label: 'College or other post-16 setting' });
	await page.getByRole('button', { name: 'Save my details' }).click();
	await expect(page.getByText('Your details are saved.')).toBeVisible();
	await expect(page.getByLabel("Count me in the forum's reach figures")).not.toBeChecked();
	await expect(page.getByLabel('Send me forum news by email (the forum meetings\' agendas and minutes)')).toBeChecked();
	await check(page);

	// leaving deletes them; the link opens nothing any more
	await page.getByRole('button', { name: 'Leave the forum and delete my details' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have left the forum');
	await check(page);
	await visit(page, new URL(membership).pathname + new URL(membership).search);
	await expect(page.getByText('This link does not work.')).toBeVisible();
	await check(page);
});

test('an organiser sees membership over time and who the members are, and records a representative', async ({ page, javaScriptEnabled }, testInfo) => {
	test.skip(!javaScriptEnabled, 'a staff-only flow: runs with JavaScript on');
	const organiser = DEMO_ACCOUNTS[1];
	await signInAs(page, organiser.email, organiser.name);
	await visit(page, '/manage/forum');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forum membership');
	await expect(page.getByRole('table', { name: "Members at each month's end, joined and left" }).getByRole('row')).toHaveCount(13);
	await expect(page.getByRole('table', { name: 'Main language at home', exact: true })).toContainText('[c]');
	// beside it, the members against the local SEND population (the reach feature's protected comparison)
	await expect(page.getByRole('table', { name: /^Main language at home: who we/ })).toBeVisible();
	// the languages counted members typed under "another language": only counted together, few left out
	await expect(page.getByRole('table', { name: 'Other languages people named' }).getByRole('row', { name: /^Tigrinya / })).toBeVisible();
	await check(page);

	await page.getByRole('link', { name: "The forum's representatives" }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("The forum's representatives");
	await check(page);
	const body = `Short breaks review group (${testInfo.project.name} ${Date.now()})`;
	await page.getByLabel('Their name', { exact: true }).fill('Ayesha Rahman');
	await page.getByLabel('Their role', { exact: true }).fill('Parent carer member');
	await page.getByLabel('The board or group').fill(body);
	await page.getByLabel('First day', { exact: true }).fill('2026-01-01');
	await page.getByLabel(/^Last day/).fill('2025-01-01');
	await page.getByRole('button', { name: 'Add representative' }).click();
	await expect(page.getByRole('alert')).toContainText('The last day must be on or after the first day');
	await check(page);
	await page.getByLabel(/^Last day/).fill('');
	await page.getByRole('button', { name: 'Add representative' }).click();
	await expect(page.getByText('Representative added.')).toBeVisible();
	await expect(page.getByRole('table', { name: 'Representatives, current, future and past' }).getByRole('row', { name: new RegExp(body.replace(/[()]/g, '\\$&')) })).toContainText('Ayesha Rahman');
	await check(page);

	// the public page says "a forum member": no consent to show the name was recorded
	const row = new RegExp(body.replace(/[()]/g, '\\$&'));
	await visit(page, '/forum');
	await expect(page.getByRole('row', { name: row })).toContainText('A forum member');
	await check(page);

	// she agrees: the record is changed, and the public page names her
	await visit(page, '/manage/forum/representatives');
	await page.getByRole('link', { name: `Change Ayesha Rahman, ${body}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Change a representative's record");
	await check(page);
	await page.getByLabel('They agreed that their name may be shown publicly').check();
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText("Representative's record saved.")).toBeVisible();
	await check(page);
	await visit(page, '/forum');
	await expect(page.getByRole('row', { name: row })).toContainText('Ayesha Rahman');
	await check(page);
});
