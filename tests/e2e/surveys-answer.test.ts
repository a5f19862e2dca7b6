import type { Page } from '@playwright/test';
import { check, expect, expectLargeTargets, signInAs, test, visit } from '../fixtures';

/*
 * Answering an easy-read survey: one question per page, errors, check your answers, sending
 * exactly once, coming back later, languages, closed surveys and read aloud. Runs against the
 * demo surveys the app seeds.
 */

const YOUNG_PEOPLE = 'What is school like for you?';
const FAMILIES = 'How are services working for your family?';
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
/** 12 characters of Crockford's base32 (60 bits) in three groups of four. */
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

// Whole surveys, with axe on every page: longer than the default 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** Opens a survey from the public list and presses "Start now" (in `language` when offered). */
async function startSurvey(page: Page, title: string, language?: string) {
	await visit(page, '/surveys');
	await page.getByRole('link', { name: title }).click();
	await expect(h1(page)).toHaveText(title);
	await check(page);
	if (language) await page.getByLabel(language).check();
	await page.getByRole('button', { name: 'Start now' }).click();
	await expect(page.getByText(/^Question 1 of \d+$/)).toBeVisible();
	await check(page);
}

/** Answers the question on the page with its first answer (or some words) and presses Continue. */
async function answerCurrent(page: Page, words = 'More help with reading, please.') {
	const choices = page.locator('input[name=answer]');
	if (await choices.count()) await choices.first().check();
	else await page.locator('[name=text]').fill(words);
	const before = page.url();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.waitForURL((url) => url.href !== before);
}

/** Answers every question from where the page is until "Check your answers". */
async function answerToTheEnd(page: Page) {
	while (!new URL(page.url()).pathname.endsWith('/check')) {
		await check(page);
		await answerCurrent(page);
	}
	await expect(h1(page)).toHaveText('Check your answers');
	await check(page);
}

/** The number in "Question 3 of 8". */
async function questionNumber(page: Page) {
	const text = await page.getByText(/^Question \d+ of \d+$/).textContent();
	return Number(text!.match(/Question (\d+)/)![1]);
}

test('a young person answers to the confirmation, fixing an error and changing an answer on the way', async ({ page }) => {
	await startSurvey(page, YOUNG_PEOPLE);
	await expectLargeTargets(page);
	// Every answer is a big target: the whole row, at least 48 px tall.
	const rows = page.locator('.answer label');
	expect(await rows.count()).toBeGreaterThan(1);
	for (const box of await rows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(48);
	// The question is the page's heading and the group's legend.
	const question = (await h1(page).textContent())!.trim();
	await expect(page.getByRole('group', { name: question })).toBeVisible();

	// Continue without choosing: the error summary, which takes focus, and "Error:" in the title.
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('alert')).toContainText('Choose an answer');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.locator('.error-summary')).toBeFocused();
	await check(page);
	// The summary's link goes to the first answer.
	await page.getByRole('alert').getByRole('link', { name: 'Choose an answer' }).click();
	await expect(page.locator('#answer')).toBeFocused();
	// The next page opens at its top, not at "#answer" carried over from the error link.

	await answerCurrent(page);
	expect(await questionNumber(page)).toBe(2);
	expect(new URL(page.url()).hash).toBe('');
	await answerToTheEnd(page);

	// Change the first answer from "check your answers": back there afterwards.
	const firstRow = page.locator('.check-row').first();
	const before = (await firstRow.locator('dd').first().textContent())!.trim();
	await firstRow.getByRole('link', { name: /^Change/ }).click();
	await check(page);
	await expect(page.locator('input[name=answer]:checked')).toHaveCount(1);
	await page.locator('input[name=answer]').last().check();
	await page.getByRole('button', { name: 'Save and go back to your answers' }).click();
	await expect(h1(page)).toHaveText('Check your answers');
	await check(page);
	const after = (await page.locator('.check-row').first().locator('dd').first().textContent())!.trim();
	expect(after).not.toBe(before);

	await page.getByRole('button', { name: 'Send my answers' }).click();
	await expect(h1(page)).toHaveText('Thank you. Your answers have been sent');
	await expect(page.locator('.receipt')).toHaveText(RECEIPT);
	await expect(page.getByRole('link', { name: 'See what we heard and what we did' })).toHaveAttribute('href', '/board');
	await check(page);

	// Back and send again (a resent form): still the same confirmation, nothing new stored.
	const sentUrl = page.url();
	await page.goBack();
	await check(page);
	await expect(page).toHaveURL(sentUrl);
});

test('answers are kept after an error, and text answers say nobody can follow them up', async ({ page }) => {
	await startSurvey(page, YOUNG_PEOPLE);
	// Walk to the first text question.
	while (!(await page.locator('[name=text]').count())) {
		await answerCurrent(page);
		await check(page);
	}
	await expect(page.getByText(/we cannot reply to what you write/)).toBeVisible();
	const tooLong = 'x'.repeat(5001);
	await page.locator('[name=text]').fill(tooLong);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('alert')).toContainText('Your answer is too long');
	await expect(page).toHaveTitle(/^Error: /);
	await check(page);
	await expect(page.locator('[name=text]')).toHaveValue(tooLong);
});

test('a respondent comes back with the link, then with the code, and a sent response stays sent', async ({ page, newPage }) => {
	await startSurvey(page, FAMILIES);
	await answerCurrent(page);
	await check(page);
	expect(await questionNumber(page)).toBe(2);
	await page.getByText('Stop now and come back later').click();
	const link = (await page.locator('.resume-link a').textContent())!.trim();
	const code = (await page.locator('.come-back .receipt').textContent())!.trim();
	expect(code).toMatch(RECEIPT);

	// Another browser (a different phone): the link goes to the first question still to answer.
	const other = await newPage();
	await other.goto(link);
	await check(other);
	expect(await questionNumber(other)).toBe(2);
	// The first answer is still there.
	await other.locator('a.back-link').click();
	await check(other);
	await expect(other.locator('input[name=answer]:checked')).toHaveCount(1);

	// A third browser with just the code, typed in lower case without the dash.
	const third = await newPage();
	await visit(third, '/surveys');
	await third.getByRole('link', { name: FAMILIES }).click();
	await check(third);
	await third.getByLabel('Your code').fill('nope-nope');
	await third.getByRole('button', { name: 'Find my answers' }).click();
	await expect(third.getByRole('alert')).toContainText('We cannot find that code');
	await expect(third).toHaveTitle(/^Error: /);
	await check(third);
	await third.getByLabel('Your code').fill(code.replaceAll('-', '').toLowerCase());
	await third.getByRole('button', { name: 'Find my answers' }).click();
	await expect(third.getByText(/^Question \d+ of \d+$/)).toBeVisible();
	await check(third);
	expect(await questionNumber(third)).toBe(2);
	// Resuming by code gives a new link and code (the old ones stop working): the page says so.
	await expect(third.getByText('Welcome back. Your answers so far are here.')).toBeVisible();
	const newCode = (await third.locator('.receipt-inline').textContent())!.trim();
	expect(newCode).toMatch(RECEIPT);
	expect(newCode).not.toBe(code);
	const oldLink = await third.context().request.get(link, { maxRedirects: 0 });
	expect(oldLink.status()).toBe(404);
	await answerToTheEnd(third);
	await third.getByRole('button', { name: 'Send my answers' }).click();
	await expect(h1(third)).toHaveText('Thank you. Your answers have been sent');
	await expect(third.locator('.receipt')).toHaveText(newCode);
	await check(third);

	// The code now says the answers were sent.
	await visit(third, '/surveys');
	await third.getByRole('link', { name: FAMILIES }).click();
	await check(third);
	await third.getByLabel('Your code').fill(newCode);
	await third.getByRole('button', { name: 'Find my answers' }).click();
	await expect(third.getByText(/The answers with this code were sent on/)).toBeVisible();
	await check(third);
});

test('a code tried again and again is refused for a while, kindly, and what was typed stays', async ({ page }, testInfo) => {
	await visit(page, '/surveys');
	await page.getByRole('link', { name: FAMILIES }).click();
	await check(page);
	// A code nobody has, of this project only (each project's tries are counted apart).
	const code = `${testInfo.project.name === 'js' ? 'JJJJ' : 'NNNN'}-${String(Date.now()).slice(-4)}-WRNG`.replace(/[ILOU]/g, '9');
	for (let i = 0; i < 5; i++) {
		await page.getByLabel('Your code').fill(code);
		await page.getByRole('button', { name: 'Find my answers' }).click();
		await expect(page.getByRole('alert')).toContainText('We cannot find that code');
	}
	await check(page);
	await page.getByLabel('Your code').fill(code);
	await page.getByRole('button', { name: 'Find my answers' }).click();
	await expect(page.getByRole('alert')).toContainText('You have tried a lot of codes. Please wait 1 minute, then try again. Your code is still in the box.');
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('Your code')).toHaveValue(code);
	await check(page);
});

test('the same answers sent 50 times at once are stored once', async ({ page, baseURL }) => {
	await signInAs(page, ORGANISER.email, ORGANISER.name);
	const responses = async () => {
		await visit(page, '/manage/surveys');
		const row = page.getByRole('row').filter({ hasText: YOUNG_PEOPLE });
		return Number((await row.getByTestId('responses').textContent())!.replace(/\D/g, ''));
	};
	const before = await responses();

	await startSurvey(page, YOUNG_PEOPLE);
	await answerToTheEnd(page);
	const checkUrl = page.url();
	const sends = await Promise.all(
		Array.from({ length: 50 }, () =>
			page.request.post(checkUrl, { form: {}, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 })
		)
	);
	// Every one of them is told the answers were sent.
	for (const r of sends) {
		expect(r.status()).toBe(303);
		expect(r.headers()['location']).toMatch(/\/sent$/);
	}
	await page.goto(checkUrl.replace(/\/check$/, '/sent'));
	await expect(h1(page)).toHaveText('Thank you. Your answers have been sent');
	await check(page);
	expect(await responses()).toBe(before + 1);
});

test('a survey in two languages can be answered in Turkish', async ({ page }) => {
	await visit(page, '/surveys');
	await page.getByRole('link', { name: FAMILIES }).click();
	await check(page);
	await expect(page.getByRole('group', { name: 'Which language do you want to answer in?' })).toBeVisible();
	await page.getByLabel('Türkçe').check();
	await page.getByRole('button', { name: 'Start now' }).click();
	await check(page);
	// The survey's words are in Turkish and marked as Turkish; so is the site around them.
	await expect(page.locator('.field[lang=tr]')).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'tr');

	// The main language question (the 9th): every language with its own name beside it, marked as
	// that language, and a box for which language right after "another language" (no script needed).
	await visit(page, new URL(page.url()).pathname.replace(/\/1$/, '/9'));
	await expect(page.getByRole('radio', { name: 'Kürtçe (Kurdî, کوردی)' })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'İngiliz İşaret Dili (BSL)' })).toBeVisible();
	await expect(page.locator('.endonym[lang=yi]')).toHaveText('ייִדיש');
	await page.getByRole('radio', { name: 'Başka bir dil' }).check();
	const which = page.getByRole('textbox', { name: /^Hangi dil\?/ });
	await which.fill('Tigrinya '.repeat(7));
	await page.getByRole('button', { name: 'Devam' }).click();
	await expect(page.getByRole('alert')).toContainText('Dilin adını en fazla 60 harfle yazın.');
	// nothing lost: the choice and the words are still there
	await expect(page.getByRole('radio', { name: 'Başka bir dil' })).toBeChecked();
	await expect(which).toHaveValue('Tigrinya '.repeat(7));
	await check(page);
	await which.fill('Tigrinya');
	await page.getByRole('button', { name: 'Devam' }).click();
	await expect(page.getByText('Soru 10 / 13')).toBeVisible();
	await check(page);
});

test('a closed survey says so, and a draft is not found', async ({ page, newPage }) => {
	await signInAs(page, ORGANISER.email, ORGANISER.name);
	await visit(page, '/manage/surveys');
	const closed = page.getByRole('row').filter({ hasText: 'Summer holiday activities' }).getByRole('link').first();
	const closedId = (await closed.getAttribute('href'))!.match(/\/manage\/surveys\/(\d+)/)![1];
	const draft = page.getByRole('row').filter({ hasText: 'Getting ready for adulthood' }).getByRole('link').first();
	const draftId = (await draft.getAttribute('href'))!.match(/\/manage\/surveys\/(\d+)/)![1];

	const visitor = await newPage();
	await visit(visitor, `/surveys/${closedId}`);
	await expect(visitor.getByRole('heading', { name: 'This survey is closed' })).toBeVisible();
	await expect(visitor.getByRole('button', { name: 'Start now' })).toHaveCount(0);
	const response = await visitor.goto(`/surveys/${draftId}`);
	expect(response?.status()).toBe(404);
	await check(visitor);
});

test('read aloud appears only when the browser has a voice, and speaks only when pressed', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'read aloud needs JavaScript; without it the buttons stay hidden');
	// Chromium here has no voices: the buttons stay hidden.
	await startSurvey(page, YOUNG_PEOPLE);
	await expect(page.locator('button.read-aloud').first()).toBeHidden();

	// A browser with an English voice: they appear; nothing plays until pressed; pressing again stops.
	await page.addInitScript(() => {
		const spoken: string[] = [];
		let speaking = false;
		(window as unknown as { __spoken: string[] }).__spoken = spoken;
		const synth = {
			getVoices: () => [{ lang: 'en-GB', name: 'Test voice', default: true }],
			speak: (u: { text: string; onend?: () => void }) => {
				speaking = true;
				spoken.push(u.text);
			},
			cancel: () => {
				speaking = false;
			},
			get speaking() {
				return speaking;
			},
			addEventListener: () => {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth });
		(window as unknown as { SpeechSynthesisUtterance: unknown }).SpeechSynthesisUtterance = function (this: { text: string }, text: string) {
			this.text = text;
		};
	});
	await page.reload();
	await check(page);
	const button = page.getByRole('button', { name: 'Read the question aloud' });
	await expect(button).toBeVisible();
	expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.length)).toBe(0);
	await button.click();
	const question = (await h1(page).textContent())!.trim();
	expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken[0])).toContain(question);
	await expect(page.getByRole('button', { name: 'Stop reading' })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Stop reading' }).click();
	await expect(button).toHaveAttribute('aria-pressed', 'false');
});
