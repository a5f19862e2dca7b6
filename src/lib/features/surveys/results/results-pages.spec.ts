/**
 * What the survey results pages show and accept, without a browser: the tagging form's rules and
 * the written answers and question figures as the pages render them, from the real service on a
 * real, migrated in-memory database. The end-to-end tests of these staff-only pages run with
 * JavaScript on only (tests/e2e/surveys-results.test.ts, decision 0044).
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import * as services from '$lib/server/services';
import * as surveys from '$lib/server/surveys';
import { addPerson, testDb, surveyDetails } from '$lib/server/testing';
import AnswerCard from './AnswerCard.svelte';
import QuestionResult from './QuestionResult.svelte';
import { questionFigures } from './figures';
import { THEME_MAX, tagSchema } from './schemas';

/** The rendered text, tags and comments left out, spaces collapsed. */
const text = (html: string) => html.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * A published survey about one service with a smiley question and a written one, answered by
 * `n` people (the first `good` of them "Good", the rest "Okay"), each writing `words(i)`.
 */
function answeredSurvey(n: number, good: number, words: (i: number) => string) {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['service_lead']);
	const serviceId = services.create(db, admin, { name: 'Short breaks', sector: 'social_care', description: '', leadIds: [lead.id] });
	const id = surveys.create(db, organiser, surveyDetails({ title: 'Short breaks this summer', serviceIds: [serviceId] }));
	const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
	const written = surveys.addQuestion(db, organiser, id, 'long_text', 'What would make it better?');
	surveys.publish(db, organiser, id);
	const options = surveys.builderView(db, organiser, id).questions.find((q) => q.id === smiley)!.options;
	const option = (label: string) => options.find((o) => o.label === label)!.id;
	const now = new Date('2026-11-12T12:00:00Z');
	for (let i = 0; i < n; i++) {
		const { token } = surveys.start(db, null, id, 'en', 'answer', now);
		expect(surveys.saveAnswer(db, null, id, token, smiley, [option(i < good ? 'Good' : 'Okay')], '', now)).toBeNull();
		expect(surveys.saveAnswer(db, null, id, token, written, [], words(i), now)).toBeNull();
		surveys.submit(db, null, id, token, now);
	}
	return { db, organiser, lead, id, smiley, written };
}

/** A question's figures as the results page's load hands them to QuestionResult. */
function figuresOf(results: ReturnType<typeof surveys.results>) {
	const figures = questionFigures(results.questions);
	return (questionId: number) => figures.find((q) => q.id === questionId)!;
}

describe('the written answers page', () => {
	it('refuses a theme over 60 characters with the words the page shows, and splits themes at commas', () => {
		const tag = (newThemes: string) => tagSchema.safeParse({ answerId: '7', newThemes });
		const tooLong = tag(`staffing, ${'x'.repeat(THEME_MAX + 1)}`);
		expect(tooLong.success).toBe(false);
		expect(tooLong.error!.issues.map((i) => [i.path[0], i.message])).toEqual([['newThemes', 'Each theme must be 60 characters or fewer']]);
		expect(tag('x'.repeat(THEME_MAX)).data?.newThemes).toEqual(['x'.repeat(THEME_MAX)]);
		// The Arabic comma too (Urdu keyboards type it); blanks dropped, nothing ticked, not quoted.
		expect(tag(' waiting times ,, staffing،  transport ').data).toEqual({
			answerId: 7,
			themeIds: [],
			newThemes: ['waiting times', 'staffing', 'transport'],
			quoted: false
		});
		expect(tagSchema.parse({ answerId: '7', themeIds: ['2', '3'], quoted: 'on' })).toMatchObject({ themeIds: [2, 3], quoted: true, newThemes: [] });
	});

	it('shows an organiser each answer as text, with its day, its themes ticked and the form to tag and quote it', () => {
		const { db, organiser, id, written } = answeredSurvey(1, 1, () => 'More <b>staff</b> please');
		const page = surveys.textAnswers(db, organiser, id, written, 1);
		if (!page.shown) throw new Error('expected the answers');
		const [answer] = page.answers;
		surveys.tagAnswer(db, organiser, answer.id, { themeIds: [], newThemes: ['staffing'], quoted: true });
		const themes = surveys.themes(db, organiser, id);
		const tagged = (surveys.textAnswers(db, organiser, id, written, 1) as typeof page).answers[0];
		const { body } = render(AnswerCard, { props: { answer: tagged, themes, mayTag: true, action: '?/tag' } });
		const card = `answer-${answer.id}`;
		expect(text(body)).toContain('Answer sent on 12 November 2026');
		// Text, never HTML.
		expect(body).toContain('More &lt;b>staff&lt;/b> please');
		expect(body).not.toContain('<b>staff</b>');
		expect(body).toMatch(new RegExp(`<input type="checkbox" id="${card}-theme-${themes[0].id}" name="themeIds" value="${themes[0].id}" checked`));
		expect(text(body)).toContain('staffing');
		expect(body).toMatch(new RegExp(`<label for="${card}-new-theme">New theme</label>`));
		expect(body).toMatch(new RegExp(`<input type="checkbox" id="${card}-quoted" name="quoted" checked`));
		expect(text(body)).toContain('Save the themes of the answer sent on 12 November 2026');
	});

	it('after a refused save, says why beside the field and keeps what was typed and ticked', () => {
		const { db, organiser, id, written } = answeredSurvey(1, 1, () => 'Shorter waits');
		const page = surveys.textAnswers(db, organiser, id, written, 1);
		if (!page.shown) throw new Error('expected the answers');
		const typed = 'x'.repeat(THEME_MAX + 1);
		const failure = { error: 'Each theme must be 60 characters or fewer', newThemes: typed, themeIds: [], quoted: true };
		const { body } = render(AnswerCard, { props: { answer: page.answers[0], themes: [], mayTag: true, action: '?/tag', failure } });
		const card = `answer-${page.answers[0].id}`;
		expect(body).toContain(`<p class="error-message" id="${card}-new-theme-error">Each theme must be 60 characters or fewer</p>`);
		expect(body).toMatch(new RegExp(`id="${card}-new-theme"[^>]*value="${typed}"`));
		expect(body).toMatch(new RegExp(`id="${card}-new-theme"[^>]*aria-describedby="${card}-new-theme-hint ${card}-new-theme-error"[^>]*aria-invalid="true"`));
		expect(body).toMatch(new RegExp(`id="${card}-quoted" name="quoted" checked`));
	});

	it('shows a service lead the month an answer was sent and its themes in words, with nothing to tag', () => {
		const { db, organiser, lead, id, written } = answeredSurvey(12, 8, (i) => `Answer ${i}`);
		const leads = surveys.textAnswers(db, lead, id, written, 1);
		if (!leads.shown) throw new Error('expected the answers');
		expect(leads.months).toBe(true);
		const answer = leads.answers[0];
		expect(answer.submittedOn).toBe('2026-11');
		surveys.tagAnswer(db, organiser, answer.id, { themeIds: [], newThemes: ['waiting times', 'staffing'], quoted: true });
		const themes = surveys.themes(db, lead, id);
		const again = (surveys.textAnswers(db, lead, id, written, 1) as typeof leads).answers.find((a) => a.id === answer.id)!;
		const { body } = render(AnswerCard, { props: { answer: again, themes, mayTag: false, action: '?/tag', month: true } });
		expect(text(body)).toContain('Answer sent in November 2026');
		expect(text(body)).toMatch(/Themes: (staffing and waiting times|waiting times and staffing)/);
		expect(text(body)).toContain('Quoted in reports');
		expect(body).not.toContain('<form');
		expect(body).not.toContain('<input');
	});
});

describe('the results page', () => {
	it('shows each answer\'s count and percentage in a table, and links the written answers only where they may be read', () => {
		const { db, organiser, id, smiley, written } = answeredSurvey(20, 15, (i) => `Answer ${i}`);
		const results = surveys.results(db, organiser, id);
		expect(results.responses).toEqual({ kind: 'value', value: 20 });
		const figures = figuresOf(results);

		const choice = text(render(QuestionResult, { props: { question: figures(smiley), answersHref: null } }).body);
		expect(choice).toContain('Question 1: How was it?');
		expect(choice).toContain('20 people answered.');
		expect(choice).toContain('Answer Number of people Percent Not good 0 0% Okay 5 25% Good 15 75%');
		expect(choice).toContain('75% gave a positive answer');

		const href = `/manage/surveys/${id}/results/answers/${written}`;
		const open = render(QuestionResult, { props: { question: figures(written), answersHref: href } }).body;
		expect(open).toContain(`href="${href}"`);
		expect(text(open)).toContain('Read the 20 answers');
		const filtered = render(QuestionResult, { props: { question: figures(written), answersHref: null } }).body;
		expect(filtered).not.toContain('href=');
		expect(text(filtered)).toContain('20 written answers.');
	});

	it('hides a count of 1 to 4, and any count that would give it away, as "hidden" in the table', () => {
		const { db, organiser, id, smiley } = answeredSurvey(12, 9, (i) => `Answer ${i}`);
		const question = figuresOf(surveys.results(db, organiser, id))(smiley);
		expect(question.hidden).toBe(true);
		const shown = text(render(QuestionResult, { props: { question, answersHref: null } }).body);
		expect(shown).toContain('12 people answered.');
		// Okay (3) is too few, and Good (9) would give it away: 12 - 9 = 3.
		expect(shown).toContain('Not good 0 0% Okay hidden hidden Good hidden hidden');
		expect(shown.split('Percent')[1]).not.toMatch(/\b(3|9)\b/);
	});
});
