import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { check, expect, expectLargeTargets, YOUNG_PEOPLES_TARGET, signInAs, test, visit } from '../fixtures';
import { DEMO_CARD_CODE } from '../app-server';

/*
 * The community's languages (issue 19): a parent reads and answers a survey in Yiddish, right to
 * left; a young person signs in in Bengali and hears the passcode pictures' Bengali names; a page
 * in English loads no script font, and a page in Urdu loads one, for its text. Content languages
 * (0057, 0059): a board item and a meeting's easy-read summary in Somali, with the note while some
 * of it is English; a reader who chooses Arabic keeps the page's words in English and reads the
 * Arabic board item right to left.
 */

type Messages = Record<string, string>;
const MESSAGES = new URL('../../messages/', import.meta.url);
/** Every message of a language (a feature used only by staff may have no file in a new language). */
const messages = (locale: string): Messages =>
	Object.assign(
		{},
		...readdirSync(MESSAGES)
			.map((feature) => new URL(`${feature}/${locale}.json`, MESSAGES))
			.filter((file) => existsSync(file))
			.map((file) => JSON.parse(readFileSync(file, 'utf8')))
	);
const en = messages('en');
const yi = messages('yi');
const bn = messages('bn');
const so = messages('so');

const YOUNG_PEOPLE = 'What is school like for you?';
const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe.configure({ timeout: 120_000 });

/** Chooses a language in the footer's switch, from a page in `from`'s words (each option names its language in itself, with its reviewed share). */
async function switchLanguage(page: Page, from: Messages, locale: string) {
	const menu = page.getByLabel(from.site_language_label, { exact: true });
	await expect(menu.locator(`option[value="${locale}"]`)).toHaveAttribute('lang', locale);
	await menu.selectOption(locale);
	await page.getByRole('button', { name: from.site_language_change }).click();
}

test('a parent switches to Yiddish and answers a survey translated into it, right to left', async ({ page, newPage }) => {
	// An organiser translates the young people's survey into Yiddish (every text, so it is offered).
	const organiser = await newPage();
	await signInAs(organiser, ORGANISER.email, ORGANISER.name);
	await visit(organiser, '/manage/surveys');
	const link = organiser.getByRole('row').filter({ hasText: YOUNG_PEOPLE }).getByRole('link').first();
	const surveyId = (await link.getAttribute('href'))!.match(/\/manage\/surveys\/(\d+)/)![1];
	await visit(organiser, `/manage/surveys/${surveyId}/translations/yi`);
	await expect(h1(organiser)).toHaveText('Yiddish translation (ייִדיש)');
	const boxes = organiser.locator('input[lang="yi"], textarea[lang="yi"]');
	const count = await boxes.count();
	expect(count).toBeGreaterThan(5);
	for (let i = 0; i < count; i++) await boxes.nth(i).fill(`ייִדיש ${i + 1}`);
	await organiser.getByRole('button', { name: 'Save translation' }).click();
	await expect(organiser.getByText('Complete: people can choose it')).toBeVisible();
	await check(organiser);

	// A parent chooses Yiddish in the footer: the whole page turns right to left.
	const html = page.locator('html');
	await visit(page, '/surveys');
	await switchLanguage(page, en, 'yi');
	await expect(html).toHaveAttribute('lang', 'yi');
	await expect(html).toHaveAttribute('dir', 'rtl');
	await expect(page.getByText(yi.site_draft_translation_notice)).toBeVisible();
	await check(page);

	await visit(page, `/surveys/${surveyId}`);
	await expect(h1(page)).toHaveText('ייִדיש 1');
	await expect(page.getByRole('radio', { name: 'ייִדיש' })).toBeChecked();
	await expectLargeTargets(page);
	await check(page);
	await page.getByRole('button', { name: yi.surveys_answer_start }).click();
	await expect(page.locator('.field[lang=yi]').first()).toBeVisible();
	await expect(html).toHaveAttribute('dir', 'rtl');
	await check(page);
	// Every question with its first answer, to the check page, then send.
	while (!new URL(page.url()).pathname.endsWith('/check')) {
		const choices = page.locator('input[name=answer]');
		if (await choices.count()) await choices.first().check();
		else await page.locator('[name=text]').fill('אלעס גוט');
		const before = page.url();
		await page.getByRole('button', { name: yi.surveys_answer_continue }).click();
		await page.waitForURL((url) => url.href !== before);
		await check(page);
	}
	await expect(h1(page)).toHaveText(yi.surveys_answer_check_title);
	await page.getByRole('button', { name: yi.surveys_answer_send }).click();
	await expect(page).toHaveURL(/\/sent$/);
	await expect(html).toHaveAttribute('lang', 'yi');
	await check(page);
});

test('a young person signs in in Bengali and the passcode pictures have Bengali names', async ({ page }) => {
	await visit(page, '/young-people/sign-in');
	await switchLanguage(page, en, 'bn');
	await expect(page.locator('html')).toHaveAttribute('lang', 'bn');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(h1(page)).toHaveText(bn.profiles_card_signin_title);
	await check(page);
	await page.locator('input[name=code]').fill(DEMO_CARD_CODE);
	await page.locator('main form button[type=submit]').first().click();
	// The nine pictures, each named in Bengali (CLDR's names for cat, dog and pizza; a written one for the tulip that means flowers), at least 48 px.
	for (const name of ['বিড়াল', 'কুকুর', 'পিজা', 'ফুল']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
	await expect(page.locator('.yp-picture [lang=en]')).toHaveCount(0);
	await expectLargeTargets(page, YOUNG_PEOPLES_TARGET);
	await check(page);
});

test('a page in English loads no script font, and a page in Urdu loads one for its text', async ({ page, javaScriptEnabled }) => {
	test.skip(!javaScriptEnabled, 'Fonts load the same way with or without JavaScript; counted once.');
	const fonts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'font') fonts.push(new URL(request.url()).pathname.split('/').pop()!);
	});
	await visit(page, '/help');
	await page.evaluate(() => document.fonts.ready);
	expect(fonts.filter((f) => !f.startsWith('atkinson'))).toEqual([]);
	await check(page);

	await switchLanguage(page, en, 'ur');
	await expect(page.locator('html')).toHaveAttribute('lang', 'ur');
	fonts.length = 0;
	await visit(page, '/help');
	await page.evaluate(() => document.fonts.ready);
	const scriptFonts = fonts.filter((f) => !f.startsWith('atkinson'));
	expect(scriptFonts).toHaveLength(1);
	expect(scriptFonts[0]).toMatch(/^noto-nastaliq-urdu-arabic-wght-normal/);
	await check(page);
});

test('a board item translated into Somali shows in Somali, and says which words are still in English', async ({ page, newPage }) => {
	await visit(page, '/board');
	// an item with a "we did": its answer stays English here, so the page must say so
	const first = page.locator('article.board-item:has(.board-item-we-did time) h3 a').first();
	const itemId = (await first.getAttribute('href'))!.match(/\/board\/(\d+)/)![1];
	await check(page);

	// An organiser translates its "you said" into Somali (the "we did" stays English for now).
	const organiser = await newPage();
	await signInAs(organiser, ORGANISER.email, ORGANISER.name);
	await visit(organiser, `/manage/board/${itemId}/translations`);
	await organiser.getByRole('link', { name: 'Somali' }).click();
	await expect(h1(organiser)).toHaveText('Translate into Somali');
	await check(organiser);
	await organiser.getByLabel('You said').fill('Waalidiintu waxay rabaan jawaab dhakhso ah.');
	await organiser.getByRole('button', { name: 'Save translation' }).click();
	await expect(organiser.getByText('Translation saved.')).toBeVisible();
	await expect(organiser.getByLabel('You said')).toHaveValue('Waalidiintu waxay rabaan jawaab dhakhso ah.');
	await check(organiser);

	// A visitor reading in Somali sees it in Somali, with a note that the rest is still English.
	await switchLanguage(page, en, 'so');
	await expect(page.locator('html')).toHaveAttribute('lang', 'so');
	await visit(page, `/board/${itemId}`);
	await expect(h1(page)).toContainText('Waalidiintu waxay rabaan jawaab dhakhso ah.');
	await expect(page.getByText(so.content_in_english.replace('{language}', 'Soomaali'))).toBeVisible();
	await check(page);
	// The same item in English is untouched.
	await switchLanguage(page, so, 'en');
	await visit(page, `/board/${itemId}`);
	await expect(h1(page)).not.toContainText('Waalidiintu');
	await check(page);
});

test("a meeting's easy-read summary in Somali: the sentences translated, the rest in English with the note, until an organiser translates it", async ({ page, newPage }) => {
	// The past meeting with an easy-read summary: the demo has it in Somali but for its last sentence.
	await visit(page, '/meetings?when=past');
	const links = await page.locator('main a[href^="/meetings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!).filter((h) => /^\/meetings\/\d+$/.test(h)));
	let meetingPath = '';
	for (const href of links) {
		if ((await (await page.request.get(href)).text()).includes('Come and have your say.')) meetingPath = href;
		if (meetingPath) break;
	}
	expect(meetingPath).not.toBe('');
	const sentences = page.locator('.mt-easy-read-list p');
	const note = page.getByText(so.content_in_english.replace('{language}', 'Soomaali'));

	await switchLanguage(page, en, 'so');
	await check(page);
	await visit(page, meetingPath);
	await expect(sentences.first()).toHaveText('Golaha ayaa kulmay.');
	await expect(sentences.first()).not.toHaveAttribute('lang');
	await expect(sentences.last()).toHaveText('Come and have your say.');
	await expect(sentences.last()).toHaveAttribute('lang', 'en');
	await expect(note).toBeVisible();

	// An organiser translates the last sentence from the meeting's page; the others are there already.
	const organiser = await newPage();
	await signInAs(organiser, ORGANISER.email, ORGANISER.name);
	await visit(organiser, `/manage${meetingPath}`);
	await organiser.getByRole('link', { name: 'Translate the easy-read summary' }).click();
	await expect(h1(organiser)).toHaveText('Translations');
	await check(organiser);
	await organiser.getByRole('link', { name: 'Somali' }).click();
	await expect(h1(organiser)).toHaveText('Translate into Somali');
	await expect(organiser.getByLabel('Sentence 1')).toHaveValue('Golaha ayaa kulmay.');
	await check(organiser);
	await organiser.getByLabel('Sentence 6').fill("Kaalay oo ra'yigaaga dhiibo.");
	await organiser.getByRole('button', { name: 'Save translation' }).click();
	await expect(organiser.getByText('Translation saved.')).toBeVisible();
	await check(organiser);

	await visit(page, meetingPath);
	await expect(sentences.last()).toHaveText("Kaalay oo ra'yigaaga dhiibo.");
	await expect(page.locator('.mt-easy-read-list [lang]')).toHaveCount(0);
	await expect(note).toHaveCount(0);
});

test('a reader chooses Arabic in the footer: the page words stay English, and a board item translated into Arabic reads right to left', async ({ page }) => {
	await visit(page, '/board');
	await switchLanguage(page, en, 'ar');
	// back on the board, its words in English; the menu says Arabic; the items not translated say so, naming Arabic
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(h1(page)).toHaveText(en.board_title);
	await expect(page.getByLabel(en.site_language_label, { exact: true })).toHaveValue('ar');
	await expect(page.getByText(en.content_in_english.replace('{language}', 'Arabic'))).toBeVisible();
	await check(page);

	// the demo item about letters only in English is in Arabic, every text of it
	const found = (await (await page.request.get('/board?q=Letters+about+EHC')).text()).match(/href="(\/board\/\d+)" lang="ar" dir="rtl"/);
	expect(found).not.toBeNull();
	await visit(page, found![1]);
	await expect(h1(page).locator('[lang="ar"][dir="rtl"]')).toHaveText('رسائل خطط التعليم والصحة والرعاية (EHC) باللغة الإنجليزية فقط.');
	await expect(page.locator('p.easy-read')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('.history p[lang="ar"][dir="rtl"]')).toHaveCount(2);
	await expect(page.getByRole('link', { name: en.board_back })).toBeVisible();
	await expect(page.locator('.not-translated')).toHaveCount(0);
});
