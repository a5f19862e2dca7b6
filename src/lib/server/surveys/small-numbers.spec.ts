/**
 * Small numbers in survey results, filtered views, written answers and the CSV file: the
 * thresholds come from the area settings, and no filter reveals a group smaller than them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { surveyDraft } from '../db/schema';
import * as services from '../services';
import * as settings from '../settings';
import { addPerson, testDb, surveyDetails } from '../testing';
import { pairGivesSmallPart, matches, type Condition } from './small-groups';
import { conditionsOf, dimensionsOf, type ResultsFilter } from './counts';
import * as surveys from '.';

/** Reads as someone who builds surveys (the builder's reads check `surveys.manage`; reading writes nothing). */
const ORG = { id: 0, roles: ['organiser'] } as const;

const DAY = (d: number) => new Date(Date.UTC(2026, 9, d, 12)); // October 2026 (day 32 is 1 November)

type Person = { who?: number; area?: number; locale?: 'en' | 'tr'; smiley?: number; text?: string; day?: number };

/** A parent carers' survey about one service: "who is answering?", "which area?", a smiley question and a comment. */
function setUp(db: Db = testDb()) {
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['service_lead']);
	const salt = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [lead.id] });
	const id = surveys.create(db, organiser, surveyDetails({ title: 'Small numbers', audience: 'parent_carers', serviceIds: [salt] }));
	const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
	const comment = surveys.addQuestion(db, organiser, id, 'long_text', 'Anything else?');
	const question = (qid: number) => surveys.questionsOf(db, ORG, id).find((q) => q.id === qid)!;
	const c = question(comment);
	surveys.updateQuestion(db, organiser, comment, {
		text: c.text,
		help: c.help,
		required: false,
		symbolId: null,
		imageId: null,
		serviceId: null,
		options: []
	});
	const who = surveys.addAboutYou(db, organiser, id, 'who');
	const area = surveys.addAboutYou(db, organiser, id, 'area');
	surveys.publish(db, organiser, id, DAY(1));
	const options = (qid: number) => question(qid).options.map((o) => o.id);
	const s = { db, admin, organiser, lead, id, smiley, comment, who, area, whoOptions: options(who), areaOptions: options(area), smileyOptions: options(smiley) };
	return s;
}
type Survey = ReturnType<typeof setUp>;

/** One person answering through the real answering path. */
function respond(s: Survey, p: Person) {
	const on = DAY(p.day ?? 2);
	const { token } = surveys.start(s.db, null, s.id, 'en', 'answer', on);
	const save = (q: number, options: number[], text = '') => expect(surveys.saveAnswer(s.db, null, s.id, token, q, options, text, on)).toBeNull();
	save(s.smiley, [s.smileyOptions[p.smiley ?? 2]]);
	if (p.text) save(s.comment, [], p.text);
	if (p.who !== undefined) save(s.who, [s.whoOptions[p.who]]);
	if (p.area !== undefined) save(s.area, [s.areaOptions[p.area]]);
	// The language answered in, as if the survey were offered in Turkish.
	if (p.locale === 'tr') s.db.update(surveyDraft).set({ locale: 'tr' }).where(eq(surveyDraft.surveyId, s.id)).run();
	surveys.submit(s.db, null, s.id, token, on);
}

const many = (n: number, p: Person): Person[] => Array.from({ length: n }, () => p);

describe('the whole survey', () => {
	it('with few responses is a small group: counts of 1 to 4 hidden, no percentages, no filters', () => {
		const s = setUp();
		for (const p of [...many(3, { who: 0, area: 0, smiley: 2 }), { who: 0, area: 1, smiley: 0 }]) respond(s, p);
		const r = surveys.results(s.db, s.organiser, s.id);
		expect(r.shown).toBe(true);
		expect(r.responses).toEqual({ kind: 'fewer_than', limit: 5 });
		const smiley = r.questions.find((q) => q.question.id === s.smiley)!;
		expect(smiley.answered).toEqual({ kind: 'fewer_than', limit: 5 });
		expect(smiley.options.map((o) => [o.count, o.percent])).toEqual([
			[null, null],
			[0, null],
			[null, null]
		]);
		expect(smiley.positivePercent).toBeNull();
		expect(smiley.hidden).toBe(true);
		// Even a filter that matches everyone is refused: the survey itself is below the group minimum.
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0]] })).toMatchObject({ shown: false, responses: null, questions: [] });
	});

	it('hides small counts and enough others that none can be worked out, and the share that would give them away', () => {
		const s = setUp();
		// 20 people: "Not good" 2 (small), "Okay" 8, "Good" 10.
		for (const p of [...many(2, { who: 0, smiley: 0 }), ...many(8, { who: 0, smiley: 1 }), ...many(10, { who: 0, smiley: 2 })]) respond(s, p);
		const smiley = surveys.results(s.db, s.organiser, s.id).questions.find((q) => q.question.id === s.smiley)!;
		expect(smiley.answered).toEqual({ kind: 'value', value: 20 });
		// "Not good" is small; with the total shown it would be 20 - 8 - 10, so "Okay" goes too.
		expect(smiley.options.map((o) => [o.label, o.count, o.percent])).toEqual([
			['Not good', null, null],
			['Okay', null, null],
			['Good', 10, 50]
		]);
		// "Good" alone is positive and shown, so its share adds nothing: shown.
		expect(smiley.positivePercent).toBe(50);

		// Were "Okay" positive too, the share would tell "Okay" (hidden, positive) exactly: not shown.
		const q = surveys.questionsOf(s.db, ORG, s.id).find((x) => x.id === s.smiley)!;
		surveys.updateQuestion(s.db, s.organiser, s.smiley, {
			text: q.text,
			help: q.help,
			required: true,
			symbolId: q.symbolId,
			imageId: null,
			serviceId: null,
			options: q.options.map((o) => ({ id: o.id, label: o.label, symbolId: o.symbolId, imageId: null, positive: o.label !== 'Not good' }))
		});
		expect(surveys.results(s.db, s.organiser, s.id).questions.find((x) => x.question.id === s.smiley)!.positivePercent).toBeNull();
	});

	it('takes its thresholds from the area settings', () => {
		const s = setUp();
		for (const p of [...many(12, { who: 0, smiley: 2 }), ...many(6, { who: 2, smiley: 1 }), ...many(6, { who: 3, smiley: 2 })]) respond(s, p);
		const smileyOf = () => surveys.results(s.db, s.organiser, s.id).questions.find((q) => q.question.id === s.smiley)!;
		expect(smileyOf().options.map((o) => o.count)).toEqual([0, 6, 18]);
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0]] }).shown).toBe(true);
		settings.update(s.db, s.admin, { disclosureSmallCountBelow: 7, disclosureMinimumResponses: 20 });
		// 6 is now small (and 18 hides with it, or it would be 24 - 18); 12 parents are too few to filter on.
		expect(smileyOf().options.map((o) => [o.count, o.percent])).toEqual([
			[0, 0],
			[null, null],
			[null, null]
		]);
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0]] }).shown).toBe(false);
		expect(surveys.results(s.db, s.organiser, s.id).rules).toEqual({ minimumForPercentage: 20, smallCountBelow: 7, groupMinimum: 20 });
	});

	it('offers the languages the survey is in, not the ones people answered in', () => {
		const s = setUp();
		respond(s, { locale: 'tr' });
		expect(surveys.results(s.db, s.organiser, s.id).locales).toEqual(['en']);
	});
});

describe('filtered results', () => {
	it('show "too few" below the group minimum, and nothing at all about the group', () => {
		const s = setUp();
		for (const p of [...many(40, { who: 0, area: 0 }), ...many(15, { who: 0, area: 1 }), ...many(6, { who: 0, area: 2 }), ...many(12, { who: 0, area: 3 })]) respond(s, p);
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.areaOptions[0]] })).toMatchObject({ shown: true, responses: { kind: 'value', value: 40 } });
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.areaOptions[2]] })).toMatchObject({ shown: false, responses: null, questions: [] });
		// Nobody in the West: a zero says nothing about anyone.
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.areaOptions[4]] })).toMatchObject({ shown: true, responses: { kind: 'none' } });
		// A filter on something other than an "about you" answer is refused outright.
		expect(() => surveys.results(s.db, s.organiser, s.id, { optionIds: [s.smileyOptions[0]] })).toThrow(expect.objectContaining({ code: 'filter_not_about_you' }));
	});

	it('hide a second area when the first is small, so the whole survey minus the rest does not give it away', () => {
		const s = setUp();
		// North 40, South 15, East 6: East is small; with North and South shown, East = everyone - North - South.
		for (const p of [...many(40, { who: 0, area: 0 }), ...many(15, { who: 0, area: 1 }), ...many(6, { who: 0, area: 2 })]) respond(s, p);
		const shown = (i: number) => surveys.results(s.db, s.organiser, s.id, { optionIds: [s.areaOptions[i]] }).shown;
		expect([shown(0), shown(1), shown(2)]).toEqual([true, false, false]);
	});

	it('resist differencing: two filters whose groups differ by one person are never both shown', () => {
		const s = setUp();
		// 19 in the North who are parents, 1 in the North who works with children, 30 elsewhere.
		for (const p of [...many(19, { who: 0, area: 0 }), { who: 2, area: 0 }, ...many(30, { who: 0, area: 1 })]) respond(s, p);
		const north = surveys.results(s.db, s.organiser, s.id, { optionIds: [s.areaOptions[0]] });
		const northParents = surveys.results(s.db, s.organiser, s.id, { optionIds: [s.areaOptions[0], s.whoOptions[0]] });
		expect(north.shown && northParents.shown).toBe(false);
		// Nor the whole survey against "parents" (everyone but the one who works with children)...
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0]] }).shown).toBe(false);
		// ...nor "parent carers" (a group worked out from "who is answering?") against "a parent or carer".
		expect(surveys.results(s.db, s.organiser, s.id, { group: 'parent_carer' }).shown).toBe(false);
	});

	it('hide a group that lies inside another with a small difference (the group "parent carers" and the answer "a parent or carer")', () => {
		const s = setUp();
		// 30 say "a parent or carer", 3 skip the question (a parent carers' survey counts them as parent carers), 20 others.
		for (const p of [...many(30, { who: 0, area: 0 }), ...many(3, { area: 0 }), ...many(20, { who: 2, area: 1 })]) respond(s, p);
		const parentAnswer = surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0]] }).shown;
		const parentGroup = surveys.results(s.db, s.organiser, s.id, { group: 'parent_carer' }).shown;
		expect(parentAnswer && parentGroup).toBe(false);
	});

	it('show a combination of two filters only when every combination of those answers is empty or large enough', () => {
		const s = setUp();
		const big = [...many(20, { who: 0, area: 0 }), ...many(20, { who: 0, area: 1 }), ...many(20, { who: 2, area: 0 }), ...many(20, { who: 2, area: 1 })];
		for (const p of big) respond(s, p);
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0], s.areaOptions[0]] })).toMatchObject({ shown: true, responses: { kind: 'value', value: 20 } });
		// One more person who works with children and skips the area: that combination has 1 person.
		respond(s, { who: 2 });
		expect(surveys.results(s.db, s.organiser, s.id, { optionIds: [s.whoOptions[0], s.areaOptions[0]] }).shown).toBe(false);
	});
});

describe('written answers', () => {
	it('are listed for the whole survey only; a service lead reads them by month, and not at all below the group minimum', () => {
		const s = setUp();
		for (let i = 0; i < 9; i++) respond(s, { who: 0, text: `answer ${i}`, day: 3 + i });
		expect(surveys.textAnswers(s.db, s.organiser, s.id, s.comment)).toMatchObject({ shown: true, total: 9, months: false });
		expect(surveys.textAnswers(s.db, s.lead, s.id, s.comment)).toEqual({ shown: false, reason: 'too_few' });
		respond(s, { who: 0, text: 'answer 9', day: 20 });
		const forLead = surveys.textAnswers(s.db, s.lead, s.id, s.comment);
		expect(forLead).toMatchObject({ shown: true, total: 10, months: true });
		expect(forLead.shown && new Set(forLead.answers.map((a) => a.submittedOn))).toEqual(new Set(['2026-10']));
		const forOrganiser = surveys.textAnswers(s.db, s.organiser, s.id, s.comment);
		expect(forOrganiser.shown && forOrganiser.answers[0].submittedOn).toBe('2026-10-20');
		expect(surveys.textAnswers(s.db, s.organiser, s.id, s.comment, 1, { optionIds: [s.whoOptions[0]] })).toEqual({ shown: false, reason: 'filtered' });
	});
});

describe('the CSV file', () => {
	const HIDDEN = surveys.HIDDEN_IN_CSV;

	it("gives a service lead no file below the group minimum, and an organiser every response as it is", () => {
		const s = setUp();
		for (let i = 0; i < 4; i++) respond(s, { who: 0, area: 0, text: 'hi' });
		expect(() => surveys.exportRows(s.db, s.lead, s.id)).toThrow(expect.objectContaining({ code: 'too_few_to_show', status: 409 }));
		const rows = surveys.exportRows(s.db, s.organiser, s.id);
		expect(rows).toHaveLength(5);
		expect(rows.slice(1).every((r) => r[1] === '2026-10-02' && !r.includes(HIDDEN))).toBe(true);
	});

	it("hides 'about you' answers until every row looks like at least 9 others, and a small group's written answers", () => {
		const s = setUp();
		// 12 parents in the North, and 3 people who work with children in the East.
		for (let i = 0; i < 12; i++) respond(s, { who: 0, area: 0, smiley: 2, text: `north ${i}` });
		for (let i = 0; i < 3; i++) respond(s, { who: 2, area: 2, smiley: 0, text: `east ${i}` });
		const [header, ...rows] = surveys.exportRows(s.db, s.lead, s.id);
		expect(header.slice(0, 5)).toEqual(['Response', 'Sent in (month)', 'Language', 'Entered from paper', 'Respondent group']);
		const col = (text: string) => header.indexOf(text);
		const [smiley, comment, who, area] = ['How was it?', 'Anything else?', 'Who is answering?', 'Which part of the area do you live in?'].map(col);
		expect(rows).toHaveLength(15);
		// 3 could be told apart from 12 by elimination: who, area and group are hidden for all 15.
		expect(rows.every((r) => r[who] === HIDDEN && r[area] === HIDDEN && r[4] === HIDDEN && r[1] === '2026-10' && r[2] === 'en')).toBe(true);
		// The 12 parents in the North are a group of 12: their written answers stay; the 3 others' go.
		expect(rows.map((r) => r[comment]).filter((t) => t !== HIDDEN).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `north ${i}`).sort());
		expect(rows.filter((r) => r[comment] === HIDDEN)).toHaveLength(3);
		// Answers to the other questions are all kept.
		expect(rows.map((r) => r[smiley]).sort()).toEqual([...Array(3).fill('Not good'), ...Array(12).fill('Good')].sort());

		// With 20 more in the South, the South is shown as it is, and the small East hides with the North.
		for (let i = 0; i < 20; i++) respond(s, { who: 0, area: 1, smiley: 1, text: `south ${i}` });
		const later = surveys.exportRows(s.db, s.lead, s.id).slice(1);
		expect(later.filter((r) => r[area] === 'South')).toHaveLength(20);
		expect(later.filter((r) => r[area] === HIDDEN)).toHaveLength(15);
		expect(later.filter((r) => r[area] === 'South').every((r) => r[comment].startsWith('south') && r[4] === 'parent_carer')).toBe(true);
		// Every row looks exactly like at least 9 others in everything that could pick it out.
		const alike = new Map<string, number>();
		for (const r of later) {
			const key = [1, 2, 3, 4, who, area].map((i) => r[i]).join('|');
			alike.set(key, (alike.get(key) ?? 0) + 1);
		}
		expect(Math.min(...alike.values())).toBeGreaterThanOrEqual(10);
	});

	it('makes every row look like at least k - 1 others, whatever the answers (property)', () => {
		const person = fc.record({
			who: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
			area: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
			locale: fc.constantFrom<'en' | 'tr'>('en', 'en', 'tr'),
			// October and November
			day: fc.integer({ min: 2, max: 60 })
		});
		fc.assert(
			fc.property(fc.array(fc.tuple(person, fc.integer({ min: 1, max: 9 })), { minLength: 2, maxLength: 8 }), fc.constantFrom(3, 5, 10), (groups, minimum) => {
				const s = setUp();
				settings.update(s.db, s.admin, { disclosureMinimumResponses: minimum });
				const crowd = groups.flatMap(([p, n]) => many(n, p));
				for (const p of crowd) respond(s, p);
				if (crowd.length < minimum) {
					expect(() => surveys.exportRows(s.db, s.lead, s.id)).toThrow(surveys.TooFewToShowError);
					return;
				}
				const [header, ...rows] = surveys.exportRows(s.db, s.lead, s.id);
				const picks = [1, 2, 3, 4, header.indexOf('Who is answering?'), header.indexOf('Which part of the area do you live in?')];
				const alike = new Map<string, number>();
				for (const r of rows) {
					const key = picks.map((i) => r[i]).join('|');
					alike.set(key, (alike.get(key) ?? 0) + 1);
				}
				expect(Math.min(...alike.values())).toBeGreaterThanOrEqual(minimum);
				expect(rows).toHaveLength(crowd.length);
			}),
			{ numRuns: 25 }
		);
	}, 60_000);
});

describe('no filter combination reveals a group smaller than the group minimum (property)', () => {
	/** Everything a reader could work out from the views shown: every 2 x 2 part reached by subtraction, and each question's hidden rest. */
	function smallestWorkedOut(total: number, groups: Set<number>[], byDimension: Map<string, Set<number>[]>, threshold: number): string | null {
		for (const g of groups) if (g.size > 0 && g.size < threshold) return `a view of ${g.size}`;
		for (let i = 0; i < groups.length; i++) {
			for (let j = i + 1; j < groups.length; j++) {
				const both = [...groups[i]].filter((x) => groups[j].has(x)).length;
				if (pairGivesSmallPart(total, groups[i].size, groups[j].size, both, threshold)) return `two views (${groups[i].size}, ${groups[j].size}, ${both} in both)`;
			}
		}
		for (const [dimension, shown] of byDimension) {
			const covered = new Set(shown.flatMap((g) => [...g]));
			const rest = total - covered.size;
			if (shown.length && rest > 0 && rest < threshold) return `${dimension}: everyone minus its views leaves ${rest}`;
		}
		return null;
	}

	const person = fc.record({
		who: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
		area: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
		locale: fc.constantFrom<'en' | 'tr'>('en', 'en', 'en', 'tr'),
		smiley: fc.integer({ min: 0, max: 2 })
	});
	// Skewed sizes, so groups near the minimum are common: a few big groups and many small ones.
	const people = fc.array(fc.tuple(person, fc.integer({ min: 1, max: 14 })), { maxLength: 9 }).map((groups) => groups.flatMap(([p, n]) => many(n, p)));
	const filter = fc.record({
		who: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
		area: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
		locale: fc.option(fc.constantFrom('en', 'tr'), { nil: undefined }),
		group: fc.option(fc.constantFrom('parent_carer' as const, 'other' as const, 'young_person' as const), { nil: undefined })
	});

	it('holds for random respondents, random "about you" answers and random filters, against a real database', () => {
		fc.assert(
			fc.property(people, fc.array(filter, { maxLength: 6 }), fc.constantFrom(3, 5, 10), (crowd, asked, minimum) => {
				const s = setUp();
				settings.update(s.db, s.admin, { disclosureMinimumResponses: minimum });
				for (const p of crowd) respond(s, p);
				const questions = surveys.questionsOf(s.db, ORG, s.id);
				const { dimensions, total } = dimensionsOf(s.db, s.id, questions);
				// Every filter on one thing, and the random combinations: what a reader may try.
				const tried: ResultsFilter[] = [
					...s.whoOptions.map((o) => ({ optionIds: [o] })),
					...s.areaOptions.map((o) => ({ optionIds: [o] })),
					{ locale: 'en' },
					{ locale: 'tr' },
					...(['parent_carer', 'young_person', 'other', 'unknown'] as const).map((group) => ({ group })),
					...asked.map((f) => ({
						optionIds: [...(f.who === undefined ? [] : [s.whoOptions[f.who]]), ...(f.area === undefined ? [] : [s.areaOptions[f.area]])],
						locale: f.locale,
						group: f.group
					}))
				];
				const threshold = Math.max(2, minimum);
				const groups: Set<number>[] = [];
				const byDimension = new Map<string, Set<number>[]>();
				let filteredShown = false;
				for (const f of tried) {
					const result = surveys.results(s.db, s.organiser, s.id, f);
					if (!result.shown) continue;
					const conditions: Condition[] = conditionsOf(questions, f);
					const members = new Set(matches(dimensions, conditions, total));
					// What the page says agrees with the group it rests on.
					expect(result.responses).toEqual(members.size === 0 ? { kind: 'none' } : members.size < 5 ? expect.anything() : { kind: 'value', value: members.size });
					// A filter with nothing chosen is the survey's own page: everyone, shown whatever their
					// number. It counts as a view for the sums below only once the survey has enough
					// answers for any filtered view to be shown.
					if (conditions.length === 0 && total < threshold) continue;
					filteredShown ||= conditions.length > 0;
					groups.push(members);
					if (conditions.length === 1) byDimension.set(conditions[0].dimension, [...(byDimension.get(conditions[0].dimension) ?? []), members]);
				}
				const found = total < threshold && filteredShown ? 'a filtered view of a survey below the minimum' : smallestWorkedOut(total, groups, byDimension, threshold);
				expect(found, `${total} responses, minimum ${threshold}`).toBeNull();
			}),
			{ numRuns: 40 }
		);
	}, 120_000);
});
