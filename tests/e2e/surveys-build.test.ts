import { deflateSync } from 'node:zlib';
import type { Page, TestInfo } from '@playwright/test';
import { PARENT, check, expect, expectLargeTargets, signInAs, test, visit } from '../fixtures';

/* Building easy-read surveys: details, every kind of question, symbols, order, publishing, copies, translations, pictures. */

const ORGANISER = { email: 'organiser@example.org', name: 'Olu Organiser' };

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const notice = (page: Page) => page.getByRole('status');
const questionTitles = (page: Page) => page.locator('.sb-question-title');

/** Words nobody else uses: a label, this project's name and a random suffix. */
function unique(label: string, testInfo: TestInfo) {
	return `${label} ${testInfo.project.name} ${Math.random().toString(36).slice(2, 8)}`;
}

/** A tiny valid PNG (2 × 2 pixels, RGB), made here so the test needs no file. */
function tinyPng(): Buffer {
	const table = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (bytes: Buffer) => {
		let c = 0xffffffff;
		for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const sum = Buffer.alloc(4);
		sum.writeUInt32BE(crc(body));
		return Buffer.concat([length, body, sum]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(2, 0); // width
	header.writeUInt32BE(2, 4); // height
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	// Each row: filter byte 0, then two red-ish pixels.
	const rows = Buffer.from([0, 200, 30, 30, 200, 30, 30, 0, 30, 30, 200, 30, 30, 200]);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** As an organiser: creates a draft survey for parent carers from the list page. Returns its id. */
async function createSurvey(page: Page, title: string) {
	await visit(page, '/manage/surveys');
	await expect(h1(page)).toHaveText('Surveys');
	await page.getByRole('link', { name: 'Create a survey' }).click();
	await expect(h1(page)).toHaveText('Create a survey');
	await check(page);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Easy-read introduction').fill('Tell us how it went. It takes 5 minutes.');
	await page.getByRole('group', { name: 'Who is it for?' }).getByLabel('Parent carers', { exact: true }).check();
	await expect(page.getByLabel('Anonymous (recommended): we do not know who answered')).toBeChecked();
	await page.getByRole('button', { name: 'Create survey' }).click();
	await expect(h1(page)).toHaveText(title);
	await expect(notice(page)).toContainText('Survey created.');
	await check(page);
	return Number(page.url().match(/\/manage\/surveys\/(\d+)/)![1]);
}

/** On a survey's page: adds a question of a kind, lands on its page, and saves it as it is. */
async function addQuestion(page: Page, kind: string, wording: string, answers: string[] = []) {
	await page.getByRole('group', { name: 'What kind of question?' }).getByLabel(kind, { exact: true }).check();
	await page.getByLabel('Question wording').fill(wording);
	await page.getByRole('button', { name: 'Add question', exact: true }).click();
	await expect(h1(page)).toHaveText(/^Question \d+$/);
	await expect(notice(page)).toContainText('Question added.');
	await expect(page.getByLabel('Question wording')).toHaveValue(wording);
	await check(page);
	for (const [i, answer] of answers.entries()) {
		await page.getByRole('group', { name: `New answer ${i + 1}` }).getByLabel('Words').fill(answer);
	}
	await page.getByRole('button', { name: 'Save question', exact: true }).click();
	await expect(notice(page)).toHaveText('Question saved.');
	await check(page);
}

/** On a symbol picker: chooses a symbol by its name and goes back to the question. */
async function useSymbol(page: Page, name: string) {
	await page.getByRole('radio', { name, exact: true }).check();
	await page.getByRole('button', { name: 'Use this symbol' }).click();
	await expect(notice(page)).toHaveText('Symbol saved.');
	await expect(h1(page)).toHaveText(/^Question \d+$/);
	await check(page);
}

test.describe('building surveys', () => {
	test('a parent carer cannot open the survey builder', async ({ page }) => {
		await signInAs(page, PARENT.email, PARENT.name);
		const response = await visit(page, '/manage/surveys');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('link', { name: 'Create a survey' })).toHaveCount(0);
	});

	test('an organiser builds a survey with every kind of question and symbols, orders, publishes and copies it', async ({
		page,
		newPage
	}, testInfo) => {
		// One long flow of about 40 pages, each checked with axe (slower without JavaScript).
		test.setTimeout(240_000);
		const title = unique('How was school transport?', testInfo);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		const id = await createSurvey(page, title);
		await expect(page.getByText('Draft: not open to people yet')).toBeVisible();
		await expect(page.getByRole('link', { name: `/surveys/${id}` })).toHaveAttribute('href', `/surveys/${id}`);

		// Nothing to publish yet: the problems are listed, and publishing says what to fix.
		await expect(page.locator('#publish-problems')).toContainText('Add at least one question');
		await page.getByRole('button', { name: 'Publish', exact: true }).click();
		const summary = page.getByRole('alert');
		await expect(summary.getByRole('link', { name: 'Add at least one question' })).toHaveAttribute('href', '#kind');
		await expect(page).toHaveTitle(/^Error: /);
		await check(page);

		// Every kind of question.
		await addQuestion(page, 'Smiley faces (3)', 'How was the journey?');
		await addQuestion(page, 'Smiley faces (5)', 'How were the drivers?');
		await addQuestion(page, 'Yes, no or not sure', 'Was the bus on time?');
		await addQuestion(page, 'Pick one', 'How do you get to school?');
		await addQuestion(page, 'Pick any', 'What would help?', ['A named driver', 'A quiet seat']);
		await addQuestion(page, 'Short answer', 'Which school?');
		await addQuestion(page, 'Long answer', 'Anything else to tell us?');
		await page.getByLabel('Which question?').selectOption({ label: 'Who is answering' });
		await page.getByRole('button', { name: 'Add this question' }).click();
		await expect(notice(page)).toHaveText('"About you" question added.');
		await check(page);
		await expect(questionTitles(page)).toHaveCount(8);
		await expect(questionTitles(page).nth(7)).toContainText('Who is answering?');

		// "Pick one" has no answers yet: publishing names it and links to it.
		await page.getByRole('button', { name: 'Publish', exact: true }).click();
		const problem = page.getByRole('alert').getByRole('link', { name: 'Question 4: give it at least 2 answers to choose from' });
		await expect(problem).toBeVisible();
		await check(page);
		await page.locator('#publish-problems').getByRole('link', { name: 'Question 4: give it at least 2 answers to choose from' }).click();
		await expect(h1(page)).toHaveText('Question 4');
		await check(page);
		// An empty new row is left out; the words typed come back after an error.
		await page.getByRole('group', { name: 'New answer 1' }).getByLabel('Words').fill('Walk');
		await page.getByRole('group', { name: 'New answer 2' }).getByLabel('Words').fill('Bus');
		await page.getByLabel('Question wording').fill('');
		await page.getByRole('button', { name: 'Save question', exact: true }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: "Enter the question's wording" })).toBeVisible();
		await expect(page).toHaveTitle(/^Error: /);
		await expect(page.getByRole('group', { name: 'New answer 1' }).getByLabel('Words')).toHaveValue('Walk');
		await check(page);
		await page.getByLabel('Question wording').fill('How do you get to school?');
		await page.getByRole('button', { name: 'Save question', exact: true }).click();
		await expect(notice(page)).toHaveText('Question saved.');
		await check(page);

		// A symbol for a question, found by searching.
		await page.getByRole('link', { name: 'Edit Question 1', exact: true }).click();
		await expect(h1(page)).toHaveText('Question 1');
		await check(page);
		await page.getByLabel('Why we ask').fill('So we know if journeys are calm.');
		await page.getByRole('button', { name: 'Choose a symbol', exact: true }).click();
		await expect(h1(page)).toHaveText('Choose a symbol for question 1');
		await check(page);
		await page.getByLabel('Search symbols').fill('bus');
		await page.getByRole('button', { name: 'Search', exact: true }).click();
		await expect(page).toHaveURL(/[?&]q=bus/);
		await expect(page.getByRole('group', { name: 'Symbols for "bus": 1' })).toBeVisible();
		await check(page);
		await useSymbol(page, 'Bus');
		await expect(page.getByText('Symbol: Bus')).toBeVisible();
		// What was typed before choosing the symbol was saved on the way.
		await expect(page.getByLabel('Why we ask')).toHaveValue('So we know if journeys are calm.');

		// A symbol for an answer, found by topic.
		await page.getByRole('link', { name: title }).click();
		await check(page);
		await page.getByRole('link', { name: 'Edit Question 4', exact: true }).click();
		await check(page);
		await page.getByRole('button', { name: 'Choose a symbol for answer 2' }).click();
		await expect(h1(page)).toHaveText('Choose a symbol for answer 2');
		await expect(page.getByText('Answer: Bus')).toBeVisible();
		await check(page);
		await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'Travel' }).click();
		await expect(page.getByRole('group', { name: 'Travel' })).toBeVisible();
		await check(page);
		await expectLargeTargets(page);
		await useSymbol(page, 'Bus');
		await expect(page.getByRole('group', { name: 'Answer 2', exact: true }).getByText('Symbol: Bus')).toBeVisible();
		await expect(page.getByRole('group', { name: 'Answer 1', exact: true }).getByText('No symbol.')).toBeVisible();

		// Answers move too: "Bus" first.
		await page.getByRole('button', { name: 'Move answer 2 Up' }).click();
		await expect(notice(page)).toHaveText('Answer moved.');
		await expect(page.getByRole('group', { name: 'Answer 1', exact: true }).getByLabel('Words')).toHaveValue('Bus');
		await check(page);
		await expectLargeTargets(page);

		// Reordering questions with the move buttons.
		await page.getByRole('link', { name: title }).click();
		await check(page);
		await page.getByRole('button', { name: 'Move question 2 Down' }).click();
		await expect(notice(page)).toHaveText('Question moved. It is now question 3.');
		await expect(questionTitles(page).nth(1)).toContainText('Was the bus on time?');
		await expect(questionTitles(page).nth(2)).toContainText('How were the drivers?');
		if (testInfo.project.name === 'js') await expect(page.getByRole('button', { name: 'Move question 3 Down' })).toBeFocused();
		await check(page);
		await page.getByRole('button', { name: 'Move question 3 Up' }).click();
		await expect(notice(page)).toHaveText('Question moved. It is now question 2.');
		await expect(questionTitles(page).nth(1)).toContainText('How were the drivers?');
		await expect(page.getByRole('button', { name: 'Move question 1 Up' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: 'Move question 8 Down' })).toHaveCount(0);
		await check(page);
		await expectLargeTargets(page);

		// Nothing left to fix: publish.
		await expect(page.locator('#publish-problems')).toHaveCount(0);
		await page.getByRole('button', { name: 'Publish', exact: true }).click();
		await expect(notice(page)).toHaveText('Survey published.');
		await expect(page.getByText('Published: people can answer between its dates')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Close the survey' })).toBeVisible();
		await check(page);

		// A parent answers the survey just built, every kind of question, to the confirmation:
		// an error on the way, and a change from "check your answers".
		const parent = await newPage();
		await visit(parent, `/surveys/${id}`);
		await expect(h1(parent)).toHaveText(title);
		await parent.getByRole('button', { name: 'Start now' }).click();
		await check(parent);
		await expect(parent.locator('img.symbol').first()).toBeVisible();
		await parent.getByRole('button', { name: 'Continue' }).click();
		await expect(parent.getByRole('alert')).toBeVisible();
		await expect(parent).toHaveTitle(/^Error: /);
		await check(parent);
		while (!new URL(parent.url()).pathname.endsWith('/check')) {
			const choices = parent.locator('input[name=answer]');
			if (await choices.count()) await choices.first().check();
			else await parent.locator('[name=text]').fill('The bus was late twice.');
			const before = parent.url();
			await parent.getByRole('button', { name: 'Continue' }).click();
			await parent.waitForURL((url) => url.href !== before);
			await check(parent);
		}
		await parent.locator('.check-row').first().getByRole('link', { name: /^Change/ }).click();
		await check(parent);
		await parent.locator('input[name=answer]').last().check();
		await parent.getByRole('button', { name: 'Save and go back to your answers' }).click();
		await expect(h1(parent)).toHaveText('Check your answers');
		await check(parent);
		await parent.getByRole('button', { name: 'Send my answers' }).click();
		await expect(h1(parent)).toHaveText('Thank you. Your answers have been sent');
		await check(parent);

		// Paper answers go through the same pages as everyone's.
		await page.getByRole('button', { name: 'Enter a paper response' }).click();
		await expect(page).toHaveURL(new RegExp(`/surveys/${id}/answer/[^/]+`));
		await check(page);
		await visit(page, `/manage/surveys/${id}`);

		// A copy is a new draft with the same questions.
		await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
		await expect(h1(page)).toHaveText(`${title} (copy)`);
		await expect(notice(page)).toContainText('This is a copy');
		await expect(page.getByText('Draft: not open to people yet')).toBeVisible();
		await expect(questionTitles(page)).toHaveCount(8);
		expect(Number(page.url().match(/\/manage\/surveys\/(\d+)/)![1])).not.toBe(id);
		await check(page);

		// The list shows both, in words.
		await visit(page, '/manage/surveys');
		const original = page.getByRole('row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
		await expect(original).toContainText('Published: people can answer between its dates');
		await expect(original).toContainText('Parent carers');
		await expect(original.getByRole('cell').nth(3)).toHaveText('8');
	});

	test('an organiser previews a draft and translates it into Turkish', async ({ page }, testInfo) => {
		test.slow();
		const title = unique('Short breaks', testInfo);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		const id = await createSurvey(page, title);
		await addQuestion(page, 'Yes, no or not sure', 'Did you get a short break?');

		// The details can change; a closing date before the opening date is refused.
		await page.getByLabel('Title').fill(`${title} 2026`);
		await page.getByLabel('Opens on').fill('2026-09-01');
		await page.getByLabel('Closes on').fill('2026-08-01');
		await page.getByRole('button', { name: 'Save details' }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: 'The closing date must be on or after the opening date' })).toHaveAttribute(
			'href',
			'#closesOn'
		);
		await expect(page.getByLabel('Title')).toHaveValue(`${title} 2026`);
		await check(page);
		await page.getByLabel('Closes on').fill('2026-10-31');
		await page.getByRole('group', { name: 'Do we know who answered?' }).getByLabel('Named: people sign in and we know who answered').check();
		await page.getByRole('button', { name: 'Save details' }).click();
		await expect(notice(page)).toHaveText('Details saved.');
		await check(page);
		await visit(page, `/manage/surveys/${id}`);
		await expect(h1(page)).toHaveText(`${title} 2026`);
		await expect(page.getByText('31 October 2026')).toBeVisible();
		await expect(page.getByText('Named: people sign in and we know who answered').first()).toBeVisible();

		await page.getByRole('button', { name: 'Preview', exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`/surveys/${id}/answer/[^/]+`));
		await check(page);

		await visit(page, `/manage/surveys/${id}`);
		await page.getByRole('link', { name: 'Translations' }).click();
		await expect(h1(page)).toHaveText('Translations');
		const turkish = page.getByRole('row').filter({ hasText: 'Turkish' });
		await expect(turkish).toContainText('Not started (0 of 6 texts)');
		await check(page);
		await turkish.getByRole('link').click();
		await expect(h1(page)).toHaveText('Turkish translation (Türkçe)');
		await check(page);
		await expectLargeTargets(page);
		const boxes = page.locator('input[lang="tr"], textarea[lang="tr"]');
		await expect(boxes).toHaveCount(6);
		// Half done is kept, but not offered to people.
		await boxes.nth(0).fill('Kısa molalar');
		await page.getByRole('button', { name: 'Save translation' }).click();
		await expect(notice(page)).toHaveText('Translation saved.');
		await expect(page.getByText('1 of 6 texts translated')).toBeVisible();
		await expect(boxes.nth(0)).toHaveValue('Kısa molalar');
		await check(page);
		const turkishTexts = ['Kısa molalar', 'Nasıl gittiğini bize anlat.', 'Kısa bir mola aldınız mı?', 'Evet', 'Hayır', 'Emin değilim'];
		for (const [i, text] of turkishTexts.entries()) await boxes.nth(i).fill(text);
		await page.getByRole('button', { name: 'Save translation' }).click();
		await expect(notice(page)).toHaveText('Translation saved.');
		await expect(page.getByText('Complete: people can choose it')).toBeVisible();
		await check(page);
		await page.getByRole('link', { name: 'Translations' }).click();
		await expect(page.getByRole('row').filter({ hasText: 'Turkish' })).toContainText('Complete: people can choose it');
		await expect(page.getByRole('row').filter({ hasText: 'Urdu' })).toContainText('Not started');
		await check(page);
	});

	test('once someone has started answering, the survey cannot change between anonymous and named', async ({ page, newPage }, testInfo) => {
		test.slow();
		const title = unique('Fixed promise', testInfo);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		const id = await createSurvey(page, title);
		await addQuestion(page, 'Yes, no or not sure', 'Was it easy?');
		await visit(page, `/manage/surveys/${id}`);
		await page.getByRole('button', { name: 'Publish', exact: true }).click();
		await expect(notice(page)).toHaveText('Survey published.');
		await check(page);

		// Someone starts answering, promised anonymity.
		const visitor = await newPage();
		await visit(visitor, `/surveys/${id}`);
		await visitor.getByRole('button', { name: 'Start now' }).click();
		await expect(visitor.getByText(/^Question 1 of 1$/)).toBeVisible();
		await check(visitor);

		// The form says so before anyone tries, and refuses the change with a plain message.
		await visit(page, `/manage/surveys/${id}`);
		const anonymity = page.getByRole('group', { name: 'Do we know who answered?' });
		await expect(anonymity.getByText('People have started answering this survey, so this cannot change now.')).toBeVisible();
		await anonymity.getByLabel('Named: people sign in and we know who answered').check();
		await page.getByRole('button', { name: 'Save details' }).click();
		const message = 'People have started answering this survey, so it cannot change between anonymous and named';
		await expect(page.getByRole('alert').getByRole('link', { name: message })).toHaveAttribute('href', '#anonymity');
		await expect(page).toHaveTitle(/^Error: /);
		await check(page);
		// Nothing changed.
		await visit(page, `/manage/surveys/${id}`);
		await expect(page.getByLabel('Anonymous (recommended): we do not know who answered')).toBeChecked();
	});

	test('an organiser uploads a picture with its description and it is served', async ({ page }, testInfo) => {
		test.slow();
		const title = unique('Our new playground', testInfo);
		const alt = unique('A slide and swings in the playground', testInfo);
		await signInAs(page, ORGANISER.email, ORGANISER.name);
		const id = await createSurvey(page, title);
		await page.getByRole('link', { name: 'Pictures' }).click();
		await expect(h1(page)).toHaveText('Pictures');
		await expect(page.getByText('Only upload pictures the forum has a licence for')).toBeVisible();
		await check(page);
		await expectLargeTargets(page);

		// Not a picture: refused with a plain message, the description kept.
		await page.getByLabel('Picture file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('<svg></svg>') });
		await page.getByLabel('Describe the picture').fill(alt);
		await page.getByRole('button', { name: 'Upload picture' }).click();
		await expect(page.getByRole('alert').getByRole('link', { name: 'The picture must be a PNG or JPEG file' })).toHaveAttribute('href', '#file');
		await expect(page.getByLabel('Describe the picture')).toHaveValue(alt);
		await check(page);

		await page.getByLabel('Picture file').setInputFiles({ name: 'playground.png', mimeType: 'image/png', buffer: tinyPng() });
		await page.getByRole('button', { name: 'Upload picture' }).click();
		await expect(notice(page)).toHaveText('Picture uploaded.');
		const figure = page.locator('figure').filter({ hasText: alt });
		await expect(figure).toBeVisible();
		await check(page);

		const src = await figure.locator('img').getAttribute('src');
		expect(src).toMatch(/^\/survey-images\/\d+$/);
		const served = await page.request.get(src!);
		expect(served.status()).toBe(200);
		expect(served.headers()['content-type']).toBe('image/png');
		expect(served.headers()['x-content-type-options']).toBe('nosniff');
		expect(served.headers()['content-disposition']).toMatch(/^inline; filename="image-\d+\.png"$/);
		expect([...(await served.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

		// The picture can be chosen for a question.
		await visit(page, `/manage/surveys/${id}`);
		await addQuestion(page, 'Short answer', 'What would you add?');
		await page.getByRole('link', { name: 'Edit Question 1', exact: true }).click();
		await check(page);
		await page.getByLabel('Uploaded picture').selectOption({ label: alt });
		await page.getByRole('button', { name: 'Save question', exact: true }).click();
		await expect(notice(page)).toHaveText('Question saved.');
		await check(page);
		await page.getByRole('link', { name: 'Edit Question 1', exact: true }).click();
		await expect(page.getByLabel('Uploaded picture').locator('option:checked')).toHaveText(alt);
		await check(page);
	});
});
