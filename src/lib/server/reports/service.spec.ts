import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { londonDate, quarterFrom, type Period } from '$lib/time';
import { addPerson, testDb, thrown, surveyDetails } from '../testing';
import type { Db } from '../db';
import { report, standard, surveyQuestion, user } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../permissions';
import { seedDemo } from '../seed';
import * as surveys from '../surveys';
import * as settings from '../settings';
import * as standards from '../standards';
import * as reports from './service';
import { listenedSurvey } from './testing';

// One seeded database for the read-only checks: seeding takes a few seconds.
let db: Db;
let organiser: Actor;
const NOW = new Date();
const today = londonDate(NOW);
const lastQuarter = quarterFrom(today, -1);

const idOf = (d: Db, email: string) => d.select({ id: user.id }).from(user).where(eq(user.email, email)).get()!.id;

beforeAll(async () => {
	db = testDb();
	await seedDemo(db, NOW);
	organiser = { id: idOf(db, 'organiser@example.org'), roles: ['organiser'] };
});

/** Sends one response to a survey question (through the real answering path), choosing option `pick`. */
function answer(d: Db, surveyId: number, questionId: number, pick: number, on: Date) {
	const { token } = surveys.start(d, null, surveyId, 'en', 'answer', on);
	const s = surveys.forAnswering(d, surveyId, 'en');
	for (const q of s.questions) {
		if (!q.required) continue;
		const optionIds = q.id === questionId ? [q.options[pick].id] : q.options.length ? [q.options[0].id] : [];
		surveys.saveAnswer(d, null, surveyId, token, q.id, optionIds, optionIds.length ? '' : 'words', on);
	}
	surveys.submit(d, null, surveyId, token, on);
}

describe('the demo report', () => {
	it('rates every kind of measure, with the rule, the trend and what it rests on', () => {
		const data = reports.buildReport(db, lastQuarter, { kind: 'area' }, NOW);
		const by = (statement: string) => data.standards.find((s) => s.statement === statement)!;

		const ehc = by('EHC plans are issued within 20 weeks');
		expect(ehc.current).toMatchObject({ value: 71, rag: 'amber', figurePeriod: lastQuarter });
		expect(ehc.trend.map((t) => t.figure.value)).toEqual([null, 55, 61, 66]);
		expect(ehc.rule).toBe('Green at 75% or more; amber from 60% to under 75%; red below 60%.');
		expect(ehc.evidence.figures.map((f) => f.value)).toEqual([71, 66, 61, 55]);

		const reply = by('We reply to families within 10 working days');
		expect(reply.current).toMatchObject({ value: 11, rag: 'amber' });
		expect(reply.rule).toBe('Green at 10 days or fewer; amber over 10 up to 15 days; red over 15 days.');
		expect(by('Young people are seen within 18 weeks').current.rag).toBe('red');
		expect(by('Schools get advice within 6 weeks of asking').current.rag).toBe('green');

		const salt = by('Families feel speech and language therapy helps their child');
		expect(salt.current.basis).toMatchObject({ kind: 'value' });
		const n = (salt.current.basis as { value: number }).value;
		expect(n).toBeGreaterThanOrEqual(10);
		expect(salt.current.value).toBeGreaterThan(0);
		expect(salt.current.interval!.low).toBeLessThanOrEqual(salt.current.value!);
		expect(salt.current.interval!.high).toBeGreaterThanOrEqual(salt.current.value!);
		expect(salt.evidence.questions).toEqual([expect.objectContaining({ text: 'How good is speech and language therapy for your child?' })]);
		expect(salt.byGroup.length).toBeGreaterThan(0);

		const onTime = by('We answer what families tell us by the date we promised');
		expect(onTime.measureKind).toBe('board_answered_on_time');
		expect(data.summary.green + data.summary.amber + data.summary.red + data.summary.unrated).toBe(data.standards.length);
		expect(data.youngPeople.shown).toBe(true);
		// the demo's quotes and themes fall somewhere in the last year
		const year = reports.buildReport(db, { start: quarterFrom(today, -3).start, end: today }, { kind: 'area' }, NOW);
		expect(year.quotes.length).toBeGreaterThan(0);
		expect(year.themes.length).toBeGreaterThan(0);
	});

	it('scopes a report to a sector or a service', () => {
		const education = reports.buildReport(db, lastQuarter, { kind: 'sector', sector: 'education' }, NOW);
		expect(new Set(education.standards.map((s) => s.service?.sector))).toEqual(new Set(['education']));
		const salt = db.select().from(standard).where(eq(standard.statement, 'We tell families how long they will wait')).get()!;
		const one = reports.buildReport(db, lastQuarter, { kind: 'service', serviceId: salt.serviceId! }, NOW);
		expect(one.standards.map((s) => s.statement).sort()).toEqual([
			'Families feel speech and language therapy helps their child',
			'We tell families how long they will wait'
		]);
	});

	it('exports every figure as CSV rows', () => {
		const data = reports.buildReport(db, lastQuarter, { kind: 'area' }, NOW);
		const rows = reports.csvRows(data);
		expect(rows[0]).toContain('Margin of error (points)');
		// five periods per standard, plus breakdown rows
		expect(rows.length).toBeGreaterThan(data.standards.length * 5);
	});
});

describe('disclosure in reports', () => {
	it('shows no percentage and no RAG from fewer than 10 responses, and the threshold is a setting', () => {
		const d = testDb();
		const admin = addPerson(d, ['admin', 'organiser']);
		const { surveyId, questionId } = listenedSurvey(d, admin, { title: 'Small survey', audience: 'parent_carers' });
		const period: Period = { start: '2026-03-01', end: '2026-03-31' };
		const on = new Date('2026-03-10T12:00:00Z');
		for (let i = 0; i < 9; i++) answer(d, surveyId, questionId, 0, on);
		let figure = reports.buildReport(d, period, { kind: 'area' }, on).standards[0].current;
		expect(figure).toEqual({ value: null, missing: 'too_few', rag: null, basis: { kind: 'value', value: 9 }, interval: null });
		answer(d, surveyId, questionId, 1, on);
		figure = reports.buildReport(d, period, { kind: 'area' }, on).standards[0].current;
		expect(figure).toMatchObject({ value: 90, rag: 'green', missing: null });
		expect(figure.interval!.low).toBeCloseTo(59.6, 1);
		settings.update(d, admin, { disclosureMinimumResponses: 20 });
		expect(reports.buildReport(d, period, { kind: 'area' }, on).standards[0].current.missing).toBe('too_few');
		// few responses: written as "fewer than 5"
		const april: Period = { start: '2026-04-01', end: '2026-04-30' };
		for (let i = 0; i < 3; i++) answer(d, surveyId, questionId, 0, new Date('2026-04-10T12:00:00Z'));
		expect(reports.buildReport(d, april, { kind: 'area' }, on).standards[0].current.basis).toEqual({ kind: 'fewer_than', limit: 5 });
	});
});

describe('the headline beside its breakdowns', () => {
	it('is hidden when showing it would let a hidden group be worked out', () => {
		const d = testDb();
		const org = addPerson(d, ['organiser']);
		const { surveyId, questionId } = listenedSurvey(d, org, { title: 'Who' }, 'who');
		const s = surveys.forAnswering(d, surveyId, 'en');
		const yesNo = s.questions.find((q) => q.id === questionId)!;
		const who = s.questions.find((q) => q.id !== questionId)!;
		const on = new Date('2026-05-10T12:00:00Z');
		const send = (whoIndex: number, yes: boolean) => {
			const { token } = surveys.start(d, null, surveyId, 'en', 'answer', on);
			surveys.saveAnswer(d, null, surveyId, token, yesNo.id, [yesNo.options[yes ? 0 : 1].id], '', on);
			surveys.saveAnswer(d, null, surveyId, token, who.id, [who.options[whoIndex].id], '', on);
			surveys.submit(d, null, surveyId, token, on);
		};
		// 8 parent carers and 7 young people, every one saying yes: each group is too small to show,
		// and 100% overall would say what every one of them answered
		for (let i = 0; i < 8; i++) send(0, true);
		for (let i = 0; i < 7; i++) send(1, true);
		const may = { start: '2026-05-01', end: '2026-05-31' };
		let row = reports.buildReport(d, may, { kind: 'area' }, on).standards[0];
		expect(row.byGroup.every((g) => g.share === null)).toBe(true);
		expect(row.current).toMatchObject({ value: null, missing: 'too_few', rag: null });
		// one more parent says no: 15 of 16, the groups no longer pinned, so the headline is shown
		send(0, false);
		row = reports.buildReport(d, may, { kind: 'area' }, on).standards[0];
		expect(row.current.value).toBe(93.8);
	});
});

describe('standards and figures', () => {
	it('checks thresholds and lets only organisers define standards', () => {
		const d = testDb();
		const admin = addPerson(d, ['organiser']);
		const base = { serviceId: null, statement: 'S', measure: 'M', measureKind: 'operational' as const, unit: 'percent' as const, direction: 'higher_better' as const, target: 75, amberFrom: 60 };
		expect(() => standards.create(d, admin, { ...base, amberFrom: 80 })).toThrow(standards.StandardProblem);
		expect(() => standards.create(d, admin, { ...base, direction: 'lower_better' })).toThrow(/at least the target/);
		expect(() => standards.create(d, admin, { ...base, target: 120 })).toThrow(ValidationError);
		for (const role of ['service_lead', 'board_member', 'supporter', 'parent_carer'] as const) {
			expect(() => standards.create(d, addPerson(d, [role]), base)).toThrow(ForbiddenError);
		}
		// a survey measure is always a percentage
		const id = standards.create(d, admin, { ...base, measureKind: 'survey', unit: 'days' });
		expect(standards.get(d, id).unit).toBe('percent');
	});

	it('lets a service lead enter figures only for their own service, keeping the note and the change in the audit log', () => {
		const lead = { id: idOf(db, 'service.lead@example.org'), roles: ['service_lead' as const] };
		const list = standards.forFigures(db, lead);
		// the demo lead leads speech and language therapy, which has no entered-figure standards
		expect(list).toEqual([]);
		const ehc = db.select().from(standard).where(eq(standard.statement, 'EHC plans are issued within 20 weeks')).get()!;
		expect(() => standards.enterFigure(db, lead, ehc.id, { period: lastQuarter, value: 80, note: '' })).toThrow(ForbiddenError);
		expect(() => standards.enterFigure(db, organiser, ehc.id, { period: lastQuarter, value: 180, note: '' })).toThrow(/between 0 and 100/);
	});

	it('imports figures from CSV all or nothing, naming every bad row', () => {
		const d = testDb();
		const org = addPerson(d, ['organiser']);
		const id = standards.create(d, org, { serviceId: null, statement: 'EHC', measure: 'M', measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 75, amberFrom: 60 });
		const header = 'standard,period_start,period_end,value,note\n';
		const bad = `${header}${id},2026-01-01,2026-03-31,55,"Two caseworkers, on leave"\n${id},2026-04-01,2026-02-30,61,\n999,2026-04-01,2026-06-30,61,\nabc,2026-04-01,2026-06-30,x,\n${id},2026-01-01,2026-03-31,57,again\n`;
		const result = standards.importFigures(d, org, bad);
		expect(result.saved).toBe(0);
		expect(result.preview.rows.map((r) => [r.line, r.problems.length > 0])).toEqual([[2, false], [3, true], [4, true], [5, true], [6, true]]);
		expect(result.preview.rows[2].problems[0]).toMatch(/Standard 999/);
		expect(result.preview.rows[4].problems).toContain('The same standard and period appear on an earlier line.');
		expect(standards.figures(d, org, id)).toEqual([]);

		expect(standards.importFigures(d, org, 'period,value\n1,2\n').preview.fileProblem).toMatch(/first line/);
		expect(standards.importFigures(d, org, `${header}${id},"2026-01-01,2026-03-31,55\n`).preview.fileProblem).toMatch(/never closed/);

		const good = `\uFEFF${header}${id},2026-01-01,2026-03-31,55,"Two caseworkers, on leave"\r\n${id},2026-04-01,2026-06-30,61%,\r\n`;
		expect(standards.importFigures(d, org, good).saved).toBe(2);
		expect(standards.figures(d, org, id).map((f) => [f.value, f.note])).toEqual([[61, ''], [55, 'Two caseworkers, on leave']]);
	});

	it('links only one-choice questions with positive answers to survey standards', () => {
		const d = testDb();
		const org = addPerson(d, ['organiser']);
		const surveyId = surveys.create(d, org, surveyDetails({ title: 'T', audience: 'parent_carers', opensOn: '2026-01-01' }));
		const pickAny = surveys.addQuestion(d, org, surveyId, 'pick_any', 'Which?');
		const yesNo = surveys.addQuestion(d, org, surveyId, 'yes_no', 'Yes?');
		const surveyStandard = standards.create(d, org, { serviceId: null, statement: 'S', measure: 'M', measureKind: 'survey', unit: 'percent', direction: 'higher_better', target: 75, amberFrom: 60 });
		const figureStandard = standards.create(d, org, { serviceId: null, statement: 'F', measure: 'M', measureKind: 'operational', unit: 'count', direction: 'higher_better', target: 7, amberFrom: 6 });
		const check = (id: number) => standards.checkSurveyStandard(d, id);
		expect(() => surveys.linkQuestionToStandard(d, org, pickAny, surveyStandard, check)).toThrow(ValidationError);
		expect(() => surveys.linkQuestionToStandard(d, org, yesNo, figureStandard, check)).toThrow(ValidationError);
		expect(() => surveys.linkQuestionToStandard(d, addPerson(d, ['service_lead']), yesNo, surveyStandard, check)).toThrow(ForbiddenError);
		surveys.linkQuestionToStandard(d, org, yesNo, surveyStandard, check);
		expect(d.select().from(surveyQuestion).where(eq(surveyQuestion.id, yesNo)).get()!.standardId).toBe(surveyStandard);
		expect(() => standards.update(d, org, surveyStandard, { serviceId: null, statement: 'S', measure: 'M', measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 75, amberFrom: 60 })).toThrow(/make a new standard/);
	});
});

describe('publishing', () => {
	it('freezes a published report: later data does not change it', async () => {
		const d = testDb();
		await seedDemo(d, NOW);
		const org: Actor = { id: idOf(d, 'organiser@example.org'), roles: ['organiser'] };
		const boardMember: Actor = { id: idOf(d, 'board@example.org'), roles: ['board_member'] };
		const id = reports.createDraft(d, org, { title: 'Board paper', period: lastQuarter, scope: 'area' }, NOW);
		reports.comment(d, boardMember, id, 'Looks right to me.', NOW);
		expect(() => reports.publish(d, boardMember, id)).toThrow(ForbiddenError);
		// visitors cannot see a draft at all
		expect(() => reports.get(d, null, id)).toThrow(NotFoundError);
		reports.publish(d, org, id, NOW);
		const before = reports.get(d, null, id);
		expect(before.status).toBe('published');
		expect(before.comments).toEqual([]);

		// new data after publishing: a corrected figure and more answers in the same quarter
		const ehc = d.select().from(standard).where(eq(standard.statement, 'EHC plans are issued within 20 weeks')).get()!;
		standards.enterFigure(d, org, ehc.id, { period: lastQuarter, value: 99, note: 'Corrected' });
		const saltQuestion = d.select().from(surveyQuestion).where(eq(surveyQuestion.text, 'How good is speech and language therapy for your child?')).get()!;
		for (let i = 0; i < 30; i++) answer(d, saltQuestion.surveyId, saltQuestion.id, 0, new Date(`${lastQuarter.end}T12:00:00Z`));
		const after = reports.get(d, null, id);
		expect(after.data).toEqual(before.data);
		expect(after.data.standards.find((s) => s.id === ehc.id)!.current.value).toBe(71);
		// ...while a fresh working-out sees the change
		expect(reports.buildReport(d, lastQuarter, { kind: 'area' }).standards.find((s) => s.id === ehc.id)!.current.value).toBe(99);
		expect(() => reports.comment(d, boardMember, id, 'Too late')).toThrow(ConflictError);
		expect(() => reports.publish(d, org, id)).toThrow(ConflictError);
		expect(d.select().from(report).where(eq(report.id, id)).get()!.publishedBy).toBe(org!.id);
	});

	it('lists published reports for everyone and drafts for staff', () => {
		const published = reports.list(db, null);
		expect(published.every((r) => r.status === 'published')).toBe(true);
		expect(published.length).toBe(1);
		expect(reports.list(db, { id: idOf(db, 'board@example.org'), roles: ['board_member'] }).length).toBe(2);
	});
});

describe('periods from tallies', () => {
	it('splits a period into whole months and the days at its edges', () => {
		expect(surveys.splitPeriod({ start: '2026-07-01', end: '2026-09-30' })).toEqual({ months: ['2026-07', '2026-08', '2026-09'], days: [] });
		expect(surveys.splitPeriod({ start: '2026-02-10', end: '2026-04-03' })).toEqual({
			months: ['2026-03'],
			days: [
				{ start: '2026-02-10', end: '2026-02-28' },
				{ start: '2026-04-01', end: '2026-04-03' }
			]
		});
		expect(surveys.splitPeriod({ start: '2026-05-02', end: '2026-05-30' })).toEqual({ months: [], days: [{ start: '2026-05-02', end: '2026-05-30' }] });
		expect(surveys.splitPeriod({ start: '2024-02-01', end: '2024-02-29' })).toEqual({ months: ['2024-02'], days: [] });
	});

	it('counts a custom period the same from months and edge days as from days alone', () => {
		const ids = db.select({ id: standard.id }).from(standard).all().map((s) => s.id);
		const custom: Period = { start: quarterFrom(today, -3).start.slice(0, 8) + '17', end: quarterFrom(today, -1).end.slice(0, 8) + '05' };
		const split = surveys.standardTallies(db, ids, [custom]);
		const byDays = db.$client
			.prepare(
				`SELECT sum(CASE WHEN t.option_id = 0 THEN t.count ELSE 0 END) AS answered, sum(CASE WHEN o.positive = 1 THEN t.count ELSE 0 END) AS positive
				 FROM survey_tally t JOIN survey_question q ON q.id = t.question_id LEFT JOIN survey_option o ON o.id = t.option_id
				 WHERE q.standard_id IS NOT NULL AND t.day BETWEEN ? AND ?`
			)
			.get(custom.start, custom.end) as { answered: number; positive: number };
		expect(byDays.answered).toBeGreaterThan(0);
		expect(split.reduce((a, r) => a + r.answered, 0)).toBe(byDays.answered);
		expect(split.reduce((a, r) => a + r.positive, 0)).toBe(byDays.positive);
	});
});

describe("the staff's reports pages", () => {
	it('lists drafts and published reports for staff and board members, and refuses parents and visitors', () => {
		const board = { id: idOf(db, 'board@example.org'), roles: ['board_member'] } as const;
		const lead = { id: idOf(db, 'service.lead@example.org'), roles: ['service_lead'] } as const;
		for (const reader of [organiser, board, lead]) {
			expect(new Set(reports.forStaff(db, reader).map((r) => r.status))).toEqual(new Set(['draft', 'published']));
		}
		const parent = { id: idOf(db, 'parent@example.org'), roles: ['parent_carer'] } as const;
		for (const other of [parent, null]) expect(thrown(() => reports.forStaff(db, other))).toBeInstanceOf(ForbiddenError);
		// the public list still shows a parent the published ones
		expect(reports.list(db, parent).every((r) => r.status === 'published')).toBe(true);
	});

	it('offers the new report form (with the live services and their sectors) to organisers only', () => {
		const choices = reports.newReportChoices(db, organiser);
		expect(choices.services.length).toBeGreaterThan(0);
		expect(choices.services[0]).toEqual({ id: expect.any(Number), name: expect.any(String), sector: expect.any(String) });
		const board = { id: idOf(db, 'board@example.org'), roles: ['board_member'] } as const;
		for (const other of [board, null]) expect(thrown(() => reports.newReportChoices(db, other))).toBeInstanceOf(ForbiddenError);
	});
});
