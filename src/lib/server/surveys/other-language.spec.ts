/**
 * "Another language", typed (issue 19): the main language question's "another language" takes
 * the language's name too, kept with that answer; organisers see the names only counted together
 * with small counts left out, never beside a response (not in the written answers, the export or
 * the audit log); the person sees it in "My data".
 */
import { describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { londonDate } from '$lib/time';
import { OTHER_LANGUAGE_MAX } from '$lib/features/reach/model';
import { auditEntry, surveyAnswer, surveyOption } from '../db/schema';
import { addPerson, testDb, thrown } from '../testing';
import * as privacy from '../privacy';
import * as reach from '../reach';
import * as surveys from '.';

function setUp(anonymous = true) {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const id = surveys.create(db, organiser, { title: 'Languages', intro: '', audience: 'parent_carers', anonymous, opensOn: londonDate(), closesOn: null, serviceIds: [] });
	const language = surveys.addAboutYou(db, organiser, id, 'language');
	surveys.publish(db, organiser, id);
	const q = surveys.getQuestion(db, organiser, language);
	const option = (category: string) => q.options.find((o) => o.category === category)!.id;
	/** Answers the language question (and sends) as `who`. */
	const answer = (category: string, typed: string, who: Parameters<typeof surveys.start>[1] = null) => {
		const { token } = surveys.start(db, who, id, 'en', 'answer');
		const problem = surveys.saveAnswer(db, who, id, token, language, [option(category)], typed);
		if (problem) throw new Error(problem);
		surveys.submit(db, who, id, token);
	};
	return { db, organiser, id, language, option, answer };
}

/** The survey's language comparison as the results page makes it. */
function comparisonOf(db: ReturnType<typeof testDb>, organiser: Parameters<typeof surveys.reachCountsOf>[1], id: number) {
	const c = surveys.reachCountsOf(db, organiser, id).find((x) => x.characteristic === 'language')!;
	return reach.comparison(db, 'language', c.counts, undefined, { hidden: c.hidden, hideTotal: c.hideTotal });
}

describe('"another language" in a survey', () => {
	it('asks which language beside "another language" only, keeps it tidied with that answer, and drops it with another', () => {
		const { db, id, language, option } = setUp();
		const asking = surveys.forAnswering(db, id, 'en').questions[0].options.filter((o) => o.asksWhich);
		expect(asking.map((o) => [o.label, o.category])).toEqual([['Another language', 'other']]);
		const { token } = surveys.start(db, null, id, 'en', 'answer');
		const draft = () => surveys.open(db, null, id, token);
		const saved = () => {
			const d = draft();
			if (d.state !== 'draft') throw new Error('sent');
			return d.draft.parsed[language];
		};
		expect(surveys.saveAnswer(db, null, id, token, language, [option('other')], '  Tigrinya \n')).toBeNull();
		expect(saved()).toEqual({ options: [option('other')], text: 'Tigrinya' });
		// another language chosen: what was typed is not kept
		expect(surveys.saveAnswer(db, null, id, token, language, [option('polish')], 'Tigrinya')).toBeNull();
		expect(saved()).toEqual({ options: [option('polish')], text: '' });
		// too long: a problem, and the draft keeps what it had
		expect(surveys.saveAnswer(db, null, id, token, language, [option('other')], 'x'.repeat(OTHER_LANGUAGE_MAX + 1))).toBe('which_too_long');
		expect(saved()).toEqual({ options: [option('polish')], text: '' });
		// saying nothing is fine: it is optional
		expect(surveys.saveAnswer(db, null, id, token, language, [option('other')], '')).toBeNull();
		expect(surveys.saveAnswer(db, null, id, token, language, [option('other')], 'x'.repeat(OTHER_LANGUAGE_MAX))).toBeNull();
		surveys.submit(db, null, id, token);
		const stored = db.select({ optionId: surveyAnswer.optionId, text: surveyAnswer.text }).from(surveyAnswer).all();
		expect(stored).toEqual([{ optionId: option('other'), text: 'x'.repeat(OTHER_LANGUAGE_MAX) }]);
	});

	it('shows organisers the names only counted together, never beside a response: not as written answers, in the export or the audit log', () => {
		const { db, organiser, id, language, answer } = setUp();
		for (const typed of ['Tigrinya', 'tigrinya', 'TIGRINYA', 'Tigrinya.', ' Tigrinya', 'Amharic', '']) answer('other', typed);
		for (let i = 0; i < 12; i++) answer('english', '');
		const comparison = comparisonOf(db, organiser, id);
		expect(comparison.rows.find((r) => r.category === 'other')!.count).toBe(7);
		expect(surveys.otherLanguagesNamed(db, organiser, id, comparison)).toEqual({ listed: true, names: [{ name: 'Tigrinya', count: 5 }], smallCountBelow: 5 });
		// results are for organisers and the survey's service leads
		expect(() => surveys.otherLanguagesNamed(db, addPerson(db, ['parent_carer']), id, comparison)).toThrow(expect.objectContaining({ code: 'forbidden' }));

		expect(thrown(() => surveys.textAnswers(db, organiser, id, language, 1))).toMatchObject({ code: 'question_not_found' });
		const amharic = db.select({ id: surveyAnswer.id }).from(surveyAnswer).where(eq(surveyAnswer.text, 'Amharic')).get()!;
		expect(thrown(() => surveys.tagAnswer(db, organiser, amharic.id, { themeIds: [], newThemes: ['languages'], quoted: true }))).toMatchObject({ code: 'answer_not_found' });
		const exported = JSON.stringify(surveys.exportRows(db, organiser, id));
		expect(exported).toContain('Another language');
		expect(exported).not.toMatch(/Tigrinya|TIGRINYA|Amharic/i);
		expect(JSON.stringify(db.select().from(auditEntry).all())).not.toMatch(/Tigrinya|Amharic/i);
	});

	it('lists nothing when the "another language" count is hidden on the results page', () => {
		const { db, organiser, id, answer } = setUp();
		for (let i = 0; i < 4; i++) answer('other', 'Tigrinya');
		for (let i = 0; i < 12; i++) answer('english', '');
		const comparison = comparisonOf(db, organiser, id);
		expect(comparison.rows.find((r) => r.category === 'other')!.count).toBeNull();
		expect(surveys.otherLanguagesNamed(db, organiser, id, comparison)).toMatchObject({ listed: false, names: [] });
	});

	it('gives a named survey’s respondent the language they typed in "My data"', () => {
		const { db, id, answer } = setUp(false);
		const parent = addPerson(db, ['parent_carer']);
		answer('other', 'Lingala', parent);
		const data = privacy.dataAbout(db, { ...parent, verifiedAt: new Date() }, new Date());
		const rows = data.kinds.flatMap((k) => k.rows);
		expect(rows).toContainEqual(expect.objectContaining({ 'you chose': 'Another language', 'you wrote': 'Lingala' }));
		expect(surveys.otherLanguagesNamed(db, addPerson(db, ['organiser']), id, comparisonOf(db, addPerson(db, ['organiser']), id)).names).toEqual([]);
	});

	it('asks nothing more of an option without the category (a survey made before categories, or reworded into another)', () => {
		const { db, organiser, id, language, option } = setUp();
		db.update(surveyOption).set({ category: null }).where(eq(surveyOption.id, option('other'))).run();
		expect(surveys.forAnswering(db, id, 'en').questions[0].options.some((o) => o.asksWhich)).toBe(false);
		const { token } = surveys.start(db, null, id, 'en', 'answer');
		expect(surveys.saveAnswer(db, null, id, token, language, [option('other')], 'Tigrinya')).toBeNull();
		surveys.submit(db, null, id, token);
		expect(db.select().from(surveyAnswer).where(and(eq(surveyAnswer.questionId, language), isNotNull(surveyAnswer.text))).all()).toEqual([]);
		expect(surveys.reachCountsOf(db, organiser, id)[0].counts.other).toBeUndefined();
	});
});
