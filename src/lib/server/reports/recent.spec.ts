import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { londonDate, quarterFrom, type Period } from '$lib/time';
import { addPerson, testDb } from '../testing';
import type { Db } from '../db';
import { user } from '../db/schema';
import { seedDemo } from '../seed';
import type { Actor } from '../permissions';
import * as surveys from '../surveys';
import * as settings from '../settings';
import * as standards from '../standards';
import * as reports from './service';
import { listenedSurvey } from './testing';
import { DRAFT_REUSE_MS, forgetDrafts, recentDraft } from './recent';
import type { ReportData } from './build';

/*
 * A draft read again within a few seconds is not worked out again (continuous reading must not
 * keep the server's one thread busy), but whatever a reader could have changed on purpose shows
 * at once, and publishing always works the report out afresh.
 */
const NOW = new Date('2026-05-20T12:00:00Z');
const MAY: Period = { start: '2026-05-01', end: '2026-05-31' };
// as a report's row gives its scope
const AREA = { kind: 'area' as const, sector: null, serviceId: null };
const later = (ms: number) => new Date(NOW.getTime() + ms);

let d: Db;
let org: Actor;
let surveyId: number;
let questionId: number;
let reportId: number;

/** One response to the linked question (yes or no), sent through the real answering path. */
function send(yes: boolean, on = NOW) {
	const { token } = surveys.start(d, null, surveyId, 'en', 'answer', on);
	const q = surveys.forAnswering(d, surveyId, 'en').questions.find((x) => x.id === questionId)!;
	surveys.saveAnswer(d, null, surveyId, token, questionId, [q.options[yes ? 0 : 1].id], '', on);
	surveys.submit(d, null, surveyId, token, on);
}

const headline = (data: ReportData, statement = 'Families feel listened to') => data.standards.find((s) => s.statement === statement)!.current;

beforeEach(() => {
	d = testDb();
	org = addPerson(d, ['admin', 'organiser']);
	({ surveyId, questionId } = listenedSurvey(d, org, { title: 'Listening', audience: 'parent_carers' }));
	for (let i = 0; i < 12; i++) send(i < 9);
	reportId = reports.createDraft(d, org, { title: 'May', period: MAY, scope: 'area' }, NOW);
});

describe('a draft read again within a few seconds', () => {
	it('is the same as a fresh working-out, and is not worked out again', () => {
		const first = reports.get(d, org, reportId, NOW);
		expect(first.data).toEqual(reports.buildReport(d, MAY, AREA, NOW));
		expect(headline(first.data)).toMatchObject({ value: 75, rag: 'amber' });
		const again = reports.get(d, org, reportId, later(DRAFT_REUSE_MS - 1));
		expect(again.data).toBe(first.data);
		// comments are not part of the reused figures: a new one shows at once
		reports.comment(d, org, reportId, 'Can we see last year too?', NOW);
		expect(reports.get(d, org, reportId, later(10)).comments.map((c) => c.body)).toEqual(['Can we see last year too?']);
	});

	it('is worked out afresh once the few seconds are over, with the answers sent meanwhile', () => {
		const first = reports.get(d, org, reportId, NOW);
		send(true);
		send(true);
		// a moment later the new answers may not be counted yet...
		expect(headline(reports.get(d, org, reportId, later(1000)).data).basis).toEqual({ kind: 'value', value: 12 });
		// ...but a few seconds later they are
		const fresh = reports.get(d, org, reportId, later(DRAFT_REUSE_MS));
		expect(fresh.data).not.toBe(first.data);
		expect(headline(fresh.data).basis).toEqual({ kind: 'value', value: 14 });
		expect(fresh.data.generatedAt).toBe(later(DRAFT_REUSE_MS).toISOString());
	});

	it('follows a change to the disclosure settings at once', () => {
		expect(headline(reports.get(d, org, reportId, NOW).data).value).toBe(75);
		settings.update(d, org, { disclosureMinimumResponses: 20 });
		expect(headline(reports.get(d, org, reportId, later(10)).data)).toMatchObject({ value: null, missing: 'too_few' });
		expect(reports.get(d, org, reportId, later(20)).data.rules.minimumForPercentage).toBe(20);
	});

	it('follows changes to standards, entered figures and linked questions at once', () => {
		reports.get(d, org, reportId, NOW);
		const figureStandard = standards.create(d, org, { serviceId: null, statement: 'Plans on time', measure: 'Share on time', measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 80, amberFrom: 60 });
		let data = reports.get(d, org, reportId, later(10)).data;
		expect(headline(data, 'Plans on time')).toMatchObject({ value: null, missing: 'no_data' });

		standards.enterFigure(d, org, figureStandard, { period: MAY, value: 82, note: '' }, NOW);
		data = reports.get(d, org, reportId, later(20)).data;
		expect(headline(data, 'Plans on time')).toMatchObject({ value: 82, rag: 'green' });

		const listened = data.standards.find((s) => s.statement === 'Families feel listened to')!;
		standards.update(d, org, listened.id, { serviceId: null, statement: 'Families feel heard', measure: 'Share who said yes', measureKind: 'survey', unit: 'percent', direction: 'higher_better', target: 70, amberFrom: 60 });
		data = reports.get(d, org, reportId, later(30)).data;
		expect(headline(data, 'Families feel heard')).toMatchObject({ value: 75, rag: 'green' });

		surveys.linkQuestionToStandard(d, org, questionId, null, () => {});
		expect(headline(reports.get(d, org, reportId, later(40)).data, 'Families feel heard')).toMatchObject({ value: null, missing: 'no_data' });

		standards.setArchived(d, org, figureStandard, true);
		expect(reports.get(d, org, reportId, later(50)).data.standards.map((s) => s.statement)).toEqual(['Families feel heard']);
	});

	it('keeps drafts apart, and one draft apart per database', () => {
		const april = reports.createDraft(d, org, { title: 'April', period: { start: '2026-04-01', end: '2026-04-30' }, scope: 'area' }, NOW);
		const may = reports.get(d, org, reportId, NOW).data;
		const apr = reports.get(d, org, april, NOW).data;
		expect(apr.period).toEqual({ start: '2026-04-01', end: '2026-04-30' });
		expect(reports.get(d, org, reportId, later(10)).data).toBe(may);
		// another database with a report of the same number has its own
		const other = testDb();
		const someone = addPerson(other, ['organiser']);
		const otherId = reports.createDraft(other, someone, { title: 'Other', period: MAY, scope: 'area' }, NOW);
		expect(otherId).toBe(reportId);
		expect(reports.get(other, someone, otherId, later(10)).data.standards).toEqual([]);
	});
});

describe('publishing', () => {
	it('works the report out afresh, whatever was read a moment before, and reads the snapshot after', () => {
		const draft = reports.get(d, org, reportId, NOW);
		send(false);
		send(false);
		send(false);
		reports.publish(d, org, reportId, later(100));
		const published = reports.get(d, null, reportId, later(200));
		expect(published.status).toBe('published');
		expect(published.data).not.toBe(draft.data);
		expect(headline(published.data).basis).toEqual({ kind: 'value', value: 15 });
		expect(headline(published.data).value).toBe(60);
		expect(published.data).toEqual(reports.buildReport(d, MAY, AREA, later(100)));
	});

	it('forgets a removed draft', () => {
		reports.get(d, org, reportId, NOW);
		reports.removeDraft(d, org, reportId, NOW);
		expect(() => reports.get(d, org, reportId, later(10))).toThrow(/no such report/);
	});
});

describe('recentDraft', () => {
	const fake = (label: string) => ({ generatedAt: label }) as unknown as ReportData;

	it('reuses only for the same key, within the time, and not for a clock that went back', () => {
		const db = testDb();
		let built = 0;
		const build = (label: string) => () => (built++, fake(label));
		const a = recentDraft(db, 1, 'k', NOW, build('a'));
		expect(recentDraft(db, 1, 'k', later(DRAFT_REUSE_MS - 1), build('b'))).toBe(a);
		expect(built).toBe(1);
		expect(recentDraft(db, 1, 'other key', later(1), build('c')).generatedAt).toBe('c');
		expect(recentDraft(db, 1, 'other key', later(-1), build('d')).generatedAt).toBe('d');
		forgetDrafts(db, 1);
		expect(recentDraft(db, 1, 'other key', later(-1), build('e')).generatedAt).toBe('e');
		forgetDrafts(db);
		expect(recentDraft(db, 1, 'other key', later(-1), build('f')).generatedAt).toBe('f');
		expect(built).toBe(5);
	});

	it('keeps a few drafts at most, dropping the oldest', () => {
		const db = testDb();
		for (let id = 1; id <= 20; id++) recentDraft(db, id, 'k', NOW, () => fake(String(id)));
		let rebuilt = 0;
		for (let id = 1; id <= 20; id++) recentDraft(db, id, 'k', NOW, () => (rebuilt++, fake('again')));
		// the first twelve had been dropped; reading them again drops the rest in turn
		expect(rebuilt).toBe(20);
		expect(recentDraft(db, 20, 'k', NOW, () => fake('x')).generatedAt).toBe('again');
	});
});

describe('the demo draft', () => {
	it('reads the same as a fresh working-out', async () => {
		const demo = testDb();
		// the demo's surveys are set around today
		const now = new Date();
		await seedDemo(demo, now);
		const organiser: Actor = { id: demo.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()!.id, roles: ['organiser'] };
		const lastQuarter = quarterFrom(londonDate(now), -1);
		const draft = reports.list(demo, organiser).find((r) => r.status === 'draft' && r.period.start === lastQuarter.start)!;
		const read = reports.get(demo, organiser, draft.id, now).data;
		expect(read.standards.length).toBeGreaterThan(10);
		expect(read).toEqual(reports.buildReport(demo, lastQuarter, AREA, now));
	});
});
