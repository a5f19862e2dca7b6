import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq, like } from 'drizzle-orm';
import { isSymbolId } from '$lib/symbols/catalogue';
import { londonDate, quarterFrom, quarterOf } from '$lib/time';
import { survey, surveyAnswer, surveyDraft, surveyResponse, surveyTally, user } from '../db/schema';
import { seedDemo } from '../seed';
import { testDb } from '../testing';
import type { Db } from '../db';
import * as surveys from '.';
import { rawCounts } from './counts';
import { DEMO_SURVEY_RESPONSES, DEMO_SURVEY_TITLES, seedSurveysDemo } from './seed';

/** Reads as someone who builds surveys (the builder's reads check `surveys.manage`; reading writes nothing). */
const ORG = { id: 0, roles: ['organiser'] } as const;

// Today, as the app seeds it: publishing checks closing dates against the real date.
const TODAY = new Date();
const today = londonDate(TODAY);
/** The first days of the quarter today is in and the three before it, oldest first. */
const lastFourQuarters = [3, 2, 1, 0].map((back) => quarterFrom(today, -back).start);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

let db: Db;
let organiser: { id: number; roles: ['organiser']; verifiedAt: Date };
const idOf = (title: string) => db.select({ id: survey.id }).from(survey).where(like(survey.title, `${title}%`)).get()!.id;

beforeAll(async () => {
	db = testDb();
	await seedDemo(db, TODAY);
	organiser = { id: db.select().from(user).where(eq(user.email, 'organiser@example.org')).get()!.id, roles: ['organiser'], verifiedAt: TODAY };
	// Hundreds of responses through the real answering path, on two busy cores.
}, 60_000);

describe('demo surveys', () => {
	it('adds two open surveys, a closed one from last year and a draft, and nothing the second time', () => {
		const rows = db.select().from(survey).all();
		expect(rows.map((s) => s.state).sort()).toEqual(['closed', 'draft', 'published', 'published']);
		expect(surveys.listOpen(db, today).map((s) => s.title).sort()).toEqual([DEMO_SURVEY_TITLES.parents, DEMO_SURVEY_TITLES.youngPeople].sort());
		const closed = rows.find((s) => s.state === 'closed')!;
		const lastYear = String(Number(today.slice(0, 4)) - 1);
		expect(closed.title).toBe(`${DEMO_SURVEY_TITLES.summer} ${lastYear}`);
		expect(closed.closesOn!.slice(0, 4)).toBe(lastYear);

		const before = {
			responses: db.select({ n: count() }).from(surveyResponse).get()!.n,
			answers: db.select({ n: count() }).from(surveyAnswer).get()!.n
		};
		expect(seedSurveysDemo(db, TODAY)).toEqual({ surveys: 0, responses: 0 });
		expect(db.select({ n: count() }).from(survey).get()!.n).toBe(4);
		expect(db.select({ n: count() }).from(surveyResponse).get()!.n).toBe(before.responses);
		expect(db.select({ n: count() }).from(surveyAnswer).get()!.n).toBe(before.answers);
	});

	it('stores the planned number of responses, sent (no drafts left over)', () => {
		const n = (title: string) => db.select({ n: count() }).from(surveyResponse).where(eq(surveyResponse.surveyId, idOf(title))).get()!.n;
		expect(n(DEMO_SURVEY_TITLES.parents)).toBe(sum(DEMO_SURVEY_RESPONSES.parents));
		expect(n(DEMO_SURVEY_TITLES.youngPeople)).toBe(sum(DEMO_SURVEY_RESPONSES.youngPeople));
		expect(n(DEMO_SURVEY_TITLES.summer)).toBe(DEMO_SURVEY_RESPONSES.summer);
		expect(n(DEMO_SURVEY_TITLES.draft)).toBe(0);
		expect(db.select({ n: count() }).from(surveyDraft).get()!.n).toBe(0);
	});

	it('shows responses to the open surveys in each of the last four quarters', () => {
		for (const title of [DEMO_SURVEY_TITLES.parents, DEMO_SURVEY_TITLES.youngPeople]) {
			const rows = surveys.exportRows(db, organiser, idOf(title), TODAY).slice(1);
			const quarters = new Set(rows.map((r) => quarterOf(r[1]).start));
			expect([...quarters].sort(), title).toEqual(lastFourQuarters);
			expect(rows.every((r) => r[1] <= today)).toBe(true);
		}
	});

	it('gives results whose running tallies match the stored answers', () => {
		const id = idOf(DEMO_SURVEY_TITLES.parents);
		const results = rawCounts(db, id);
		expect(results.responses).toBe(sum(DEMO_SURVEY_RESPONSES.parents));
		expect(surveys.results(db, organiser, id).locales).toEqual(['en', 'tr']);
		const n = (key: string) => results.counts.get(key) ?? 0;
		for (const q of results.questions) {
			for (const o of q.options) {
				const stored = db.select({ n: count() }).from(surveyAnswer).where(eq(surveyAnswer.optionId, o.id)).get()!.n;
				expect(n(`${q.id}:${o.id}`), `${q.text}: ${o.label}`).toBe(stored);
			}
		}
		// Every response answered the required questions; the optional ones were sometimes skipped.
		const [smiley, waited, , , comment, who] = results.questions;
		expect(n(`${smiley.id}:0`)).toBe(results.responses);
		expect(n(`${comment.id}:0`)).toBeGreaterThan(50);
		expect(n(`${comment.id}:0`)).toBeLessThan(results.responses);
		expect(n(`${who.id}:0`)).toBeLessThan(results.responses);
		// Believable: every answer is used, and most parents say they were not told how long they would wait.
		expect(smiley.options.every((o) => n(`${smiley.id}:${o.id}`) > 0)).toBe(true);
		expect(n(`${waited.id}:${waited.options[1].id}`)).toBeGreaterThan(n(`${waited.id}:${waited.options[0].id}`));
		const tallied = db.select({ n: count() }).from(surveyTally).where(eq(surveyTally.questionId, smiley.id)).get()!.n;
		expect(tallied).toBeGreaterThan(0);
	});

	it('offers the parent carer survey in Turkish, completely, with some answers given in Turkish', () => {
		const id = idOf(DEMO_SURVEY_TITLES.parents);
		expect(surveys.locales(db, id)).toEqual(['en', 'tr']);
		const tr = surveys.forAnswering(db, id, 'tr');
		expect(tr.title).toBe('Hizmetler aileniz için nasıl işliyor?');
		expect(tr.questions.find((q) => q.aboutYou === 'language')!.options.map((o) => o.label)).toContain('Türkçe');
		const inTurkish = rawCounts(db, id, { locale: 'tr' }).responses;
		expect(inTurkish).toBeGreaterThan(10);
		const turkishWritten = (page: number): number => {
			const written = surveys.textAnswers(db, organiser, id, tr.questions[4].id, page);
			if (!written.shown) throw new Error('expected the written answers');
			const here = written.answers.filter((a) => a.locale === 'tr').length;
			return page < written.pages ? here + turkishWritten(page + 1) : here;
		};
		expect(turkishWritten(1)).toBeGreaterThan(0);
	});

	it('has a symbol on every question and answer of the easy-read survey, each one in the library', () => {
		const questions = surveys.questionsOf(db, ORG, idOf(DEMO_SURVEY_TITLES.youngPeople));
		expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(['smiley3', 'yes_no', 'pick_any', 'short_text']));
		for (const q of questions) {
			expect(q.symbolId && isSymbolId(q.symbolId), q.text).toBe(true);
			for (const o of q.options) expect(o.symbolId && isSymbolId(o.symbolId), o.label).toBe(true);
		}
	});

	it('has comments tagged with themes and a few marked as quotes', () => {
		const id = idOf(DEMO_SURVEY_TITLES.parents);
		const themes = surveys.themes(db, organiser, id);
		expect(themes.length).toBeGreaterThanOrEqual(5);
		expect(themes.every((t) => t.answers > 0)).toBe(true);
		expect(surveys.quotes(db, organiser, id).length).toBeGreaterThanOrEqual(3);
	});

	it('is the same data on every run on the same day', async () => {
		const other = testDb();
		await seedDemo(other, TODAY);
		const summary = (d: Db) =>
			d.$client
				.prepare(
					`select r.survey_id, r.submitted_on, r.locale, r.respondent_group, count(a.id) answers, group_concat(coalesce(a.option_id, a.text), '|' order by a.question_id, a.option_id, a.text) chosen
					 from survey_response r join survey_answer a on a.response_id = r.id
					 group by r.id order by 1, 2, 3, 4, 5, 6`
				)
				.all();
		expect(summary(other)).toEqual(summary(db));
	}, 60_000);
});
