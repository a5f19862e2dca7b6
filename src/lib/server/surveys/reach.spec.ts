import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { londonDate } from '$lib/time';
import { CATEGORIES } from '$lib/features/reach/model';
import { categoryName } from '$lib/features/reach/labels';
import { surveyOption } from '../db/schema';
import { ForbiddenError } from '../errors';
import { addPerson, testDb } from '../testing';
import * as surveys from '.';

function setUp() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	const today = londonDate();
	const id = surveys.create(db, organiser, { title: 'Reach', intro: '', audience: 'parent_carers', anonymous: true, opensOn: today, closesOn: null, serviceIds: [] });
	const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
	const language = surveys.addAboutYou(db, organiser, id, 'language');
	const phase = surveys.addAboutYou(db, organiser, id, 'phase');
	return { db, organiser, id, smiley, language, phase };
}

/** The option of a question whose words are `label`. */
const option = (q: surveys.QuestionWithOptions, label: string) => q.options.find((o) => o.label === label)!.id;

describe('what surveys count for reach', () => {
	it('gives every ready-made "about you" option its category, and none to "Prefer not to say" or "Outside the area"', () => {
		const { db, organiser, id, language } = setUp();
		const q = surveys.getQuestion(db, organiser, language);
		expect(q.options.map((o) => o.category)).toEqual([...CATEGORIES.language, null]);
		// the template's words are the reach labels in English, so the two never drift apart
		expect(q.options.slice(0, -1).map((o) => o.label)).toEqual(CATEGORIES.language.map((c) => categoryName('language', c, 'en')));
		const area = surveys.getQuestion(db, organiser, surveys.addAboutYou(db, organiser, id, 'area'));
		expect(area.options.map((o) => [o.label, o.category])).toEqual([
			['North', 'north'],
			['South', 'south'],
			['East', 'east'],
			['West', 'west'],
			['Centre', 'centre'],
			['Outside the area', null],
			['Prefer not to say', null]
		]);
		for (const which of ['need_area', 'support', 'sex'] as const) {
			const added = surveys.getQuestion(db, organiser, surveys.addAboutYou(db, organiser, id, which));
			expect(added.options.at(-1)).toMatchObject({ label: 'Prefer not to say', category: null });
			expect(added.options.slice(0, -1).every((o) => o.category !== null), which).toBe(true);
		}
	});

	it('counts answers by category from the tallies, after an organiser rewords an option, leaving out "Prefer not to say" and old options', () => {
		const { db, organiser, id, smiley, language, phase } = setUp();
		const before = surveys.getQuestion(db, organiser, language);
		// the area's own words for an option: it still counts as Bengali
		surveys.updateQuestion(db, organiser, language, {
			text: before.text,
			help: before.help,
			required: false,
			symbolId: null,
			imageId: null,
			serviceId: null,
			options: before.options.map((o) => ({ id: o.id, label: o.label === 'Bengali' ? 'Bangla (Bengali)' : o.label, symbolId: o.symbolId, imageId: o.imageId, positive: o.positive }))
		});
		// an option from before categories existed: not compared
		const urdu = surveys.getQuestion(db, organiser, language).options.find((o) => o.label === 'Urdu')!;
		db.update(surveyOption).set({ category: null }).where(eq(surveyOption.id, urdu.id)).run();
		surveys.publish(db, organiser, id);
		const lang = surveys.getQuestion(db, organiser, language);
		const ph = surveys.getQuestion(db, organiser, phase);
		const smileyOption = surveys.getQuestion(db, organiser, smiley).options[0].id;
		const answer = (languageLabel: string | null, phaseLabel: string | null) => {
			const { token } = surveys.start(db, null, id, 'en', 'answer');
			expect(surveys.saveAnswer(db, null, id, token, smiley, [smileyOption], '')).toBeNull();
			if (languageLabel) expect(surveys.saveAnswer(db, null, id, token, language, [option(lang, languageLabel)], '')).toBeNull();
			if (phaseLabel) expect(surveys.saveAnswer(db, null, id, token, phase, [option(ph, phaseLabel)], '')).toBeNull();
			surveys.submit(db, null, id, token);
		};
		answer('Bangla (Bengali)', 'Primary school');
		answer('Bangla (Bengali)', 'Prefer not to say');
		answer('English', null);
		answer('Urdu', 'Secondary school');
		answer('Prefer not to say', 'Secondary school');

		const counted = surveys.reachCountsOf(db, organiser, id);
		expect(counted.map((c) => [c.characteristic, c.counts])).toEqual([
			['language', { ...Object.fromEntries(CATEGORIES.language.filter((c) => c !== 'urdu').map((c) => [c, 0])), english: 1, bengali: 2 }],
			['phase', { early_years: 0, primary: 1, secondary: 2, post_16: 0, not_in_education: 0 }]
		]);
		// the question's own table hides the small counts, and "Prefer not to say" (and Urdu) among them: the total must go too
		const languageCounts = counted[0];
		expect(languageCounts.hidden.sort()).toEqual(['bengali', 'english']);
		expect(languageCounts.hideTotal).toBe(true);

		const period = surveys.reachCountsInPeriod(db, { start: londonDate(), end: londonDate() });
		expect(period.find((c) => c.characteristic === 'language')!.counts).toEqual({ bengali: 2, english: 1 });
		expect(period.find((c) => c.characteristic === 'phase')!.counts).toEqual({ primary: 1, secondary: 2 });
		expect(surveys.reachCountsInPeriod(db, { start: '2000-01-01', end: '2000-12-31' })).toEqual([]);

		// results are for organisers and the survey's service leads
		expect(() => surveys.reachCountsOf(db, addPerson(db, ['parent_carer']), id)).toThrow(ForbiddenError);
	});
});
