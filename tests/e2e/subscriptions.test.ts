import { DEMO_ACCOUNTS, check, expect, signInAs, test, uniqueEmail, visit } from '../fixtures';

/**
 * Subscriptions, end to end (issue 16, point 2), with JavaScript on and off: a visitor asks for
 * emails about an item's service from its page, confirms from the email the app really sent, a
 * service lead answers the item, the email arrives, and the mail program's one-click unsubscribe
 * (RFC 8058: a POST from the mail provider, with no Origin) stops everything.
 */
const LEAD = DEMO_ACCOUNTS[2];
const YOU_SAID = 'Waiting lists for speech and language therapy are too long.';

/** A link of this site written out in an email's text, as a path (the app's public origin may differ from the test's). */
function pathIn(text: string | undefined, path: string): string {
	const found = (text ?? '').match(new RegExp(`https?://[^/\\s]+(${path}\\?s=\\d+&t=[A-Za-z0-9_-]+)`));
	expect(found, `a ${path} link in the email`).not.toBeNull();
	return found![1];
}

test('a visitor subscribes to a service, confirms, hears of an answer, and unsubscribes in one click', async ({ page, newPage, mailbox }, testInfo) => {
	const address = uniqueEmail('subscriber', testInfo.project.name);
	const to = (mail: { to?: unknown }) => JSON.stringify(mail.to ?? '').includes(address);

	await visit(page, '/board');
	await page.getByRole('link', { name: YOU_SAID, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(YOU_SAID);
	await check(page);
	await page.getByRole('link', { name: 'Get emails about this' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Get emails about what changes');
	// what the item is about is ticked already
	await expect(page.getByLabel('The board\'s items about Speech and language therapy')).toBeChecked();
	await expect(page.getByLabel('Everything on the "you said, we did" board')).not.toBeChecked();
	await check(page);

	// a mistyped address: said plainly, and the choices stay
	await page.getByLabel('Your email address').fill('not an address');
	await page.getByRole('button', { name: 'Send me the email to confirm' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter an email address like name@example.org');
	await expect(page.getByLabel('The board\'s items about Speech and language therapy')).toBeChecked();
	await check(page);

	await page.getByLabel('Your email address').fill(address);
	await page.getByRole('button', { name: 'Send me the email to confirm' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await check(page);

	const confirmation = await mailbox.find((mail) => to(mail) && mail.subject === 'Confirm your emails from Chorus');
	await visit(page, pathIn(confirmation.text, '/subscribe/confirm'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your emails');
	await check(page);
	await page.getByRole('button', { name: 'Yes, send me these emails' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your emails are on');
	await check(page);
	// the address's own page: what it follows, ticked, and everything held about it
	await page.getByRole('link', { name: 'Manage my emails' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your emails from Chorus');
	await expect(page.getByLabel("The board's items about Speech and language therapy")).toBeChecked();
	await expect(page.getByRole('region', { name: 'What we hold about this address' })).toContainText(address);
	await check(page);

	// the service lead answers the item
	const lead = await newPage();
	await signInAs(lead, LEAD.email, LEAD.name);
	await visit(lead, '/manage/board');
	await lead.getByRole('link', { name: YOU_SAID, exact: true }).click();
	await expect(lead.getByRole('heading', { level: 1 })).toHaveText(YOU_SAID);
	await check(lead);
	const done = `Drop-in advice every week while families wait (${testInfo.project.name} ${Date.now()})`;
	await lead.getByLabel('What was done or is being done').fill(done);
	await lead.getByRole('group', { name: 'Status after this' }).getByLabel('Working on it', { exact: true }).check();
	await lead.getByRole('button', { name: 'Add response' }).click();
	await expect(lead.getByText('Response added.')).toBeVisible();
	await check(lead);

	const news = await mailbox.find((mail) => to(mail) && (mail.text ?? '').includes(done));
	expect(news.subject).toBe('An answer on the board: Working on it');
	const header = news.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
	expect(news.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toContain('List-Unsubscribe=One-Click');
	const unsubscribe = pathIn(header, '/unsubscribe');
	const manage = pathIn(news.text, '/subscriptions');

	// the link in the email opens a page with one button (opening it stops nothing)
	await visit(page, unsubscribe);
	await expect(page.getByRole('button', { name: 'Stop all emails and delete my address' })).toBeVisible();
	await check(page);
	// the mail program's one click: a plain POST from elsewhere, with no Origin and no cookie
	const response = await page.request.post(unsubscribe, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(response.status()).toBe(200);
	await visit(page, manage);
	await expect(page.getByText('This link does not work.')).toBeVisible();
	await check(page);
});
