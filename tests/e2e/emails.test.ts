import { ADMIN, DEMO_ACCOUNTS, SAFEGUARDING_LEAD, check, expect, openStaffPage, signInAs, test, visit } from '../fixtures';

/**
 * The outbox, end to end (decision 0048): a flag's email that the mail server refuses for good is
 * given up on, an admin sees it on the Emails page and tries it again, and it arrives. The emails
 * are read from the worker's real SMTP server (the `mailbox` fixture).
 */
test('an email the mail server refused is shown to an admin, who tries it again, and it arrives', async ({ page, mailbox, javaScriptEnabled }, testInfo) => {
	test.skip(!javaScriptEnabled, 'a staff-only flow: runs with JavaScript on');
	const toLead = (mail: { to?: unknown }) => JSON.stringify(mail.to ?? '').includes(SAFEGUARDING_LEAD.email);

	// once the app has sent what it had (the demo's flags, at start), the next email is refused for
	// good ("550 no such mailbox")
	await mailbox.quiet();
	mailbox.refuse(550, 1);
	const before = mailbox.received.length;
	// a visitor's feedback with words on the safeguarding list raises a flag (feedback, not a signed-in
	// message: the safeguarding test counts the messages waiting in the leads' queue)
	await visit(page, '/feedback');
	await check(page);
	await page.getByLabel('What happened?').fill(`We have to sleep in the car this week (${testInfo.project.name})`);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page).toHaveURL(/\/feedback\/sent\?ref=FB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	await check(page);

	await signInAs(page, ADMIN.email, ADMIN.name);
	await openStaffPage(page, 'Emails');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails');
	// the worker gives up within a second or so: the page shows it once it has
	await expect(async () => {
		await page.reload();
		await expect(page.getByRole('table', { name: 'Emails given up on' }).getByRole('row').filter({ hasText: SAFEGUARDING_LEAD.name })).toHaveCount(1, { timeout: 500 });
	}).toPass({ timeout: 15_000 });
	const row = page.getByRole('table', { name: 'Emails given up on' }).getByRole('row').filter({ hasText: SAFEGUARDING_LEAD.name });
	await expect(row).toContainText('A safeguarding flag was raised');
	await expect(row).toContainText('smtp 550');
	await check(page);
	expect(mailbox.received.slice(before).filter(toLead)).toHaveLength(0);

	await row.getByRole('button', { name: `Try again: email to ${SAFEGUARDING_LEAD.name} about A safeguarding flag was raised` }).click();
	await expect(page.getByText('Emails to try again: 1. Chorus tries them within a minute.')).toBeVisible();
	await check(page);
	const email = await mailbox.find(toLead, { from: before });
	expect(email.subject).toBe('A safeguarding flag is waiting');
	expect(email.text).not.toContain('car');
});

test('a service lead turns off the weekly late-answer reminders; the choice is kept', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'a staff-only flow: runs with JavaScript on');
	const LEAD = DEMO_ACCOUNTS[2];
	await signInAs(page, LEAD.email, LEAD.name);
	await visit(page, '/account');
	await page.getByRole('link', { name: 'Choose which emails we send you' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emails we send you');
	await check(page);
	const choices = page.getByRole('group', { name: 'Send me an email when' });
	const late = choices.getByLabel('An answer to a "you said" is overdue');
	await expect(late).toBeChecked();
	await late.uncheck();
	await page.getByRole('button', { name: 'Save my choices' }).click();
	await expect(page.getByText('Your choices are saved.')).toBeVisible();
	await check(page);
	await page.reload();
	await expect(choices.getByLabel('An answer to a "you said" is overdue')).not.toBeChecked();
	await expect(choices.getByLabel('An answer to a "you said" is due within a week')).toBeChecked();
	// put it back: other tests of this worker expect the demo lead's reminders
	await choices.getByLabel('An answer to a "you said" is overdue').check();
	await page.getByRole('button', { name: 'Save my choices' }).click();
	await expect(page.getByText('Your choices are saved.')).toBeVisible();
	await check(page);
});
