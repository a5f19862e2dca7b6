import { describe, expect, it } from 'vitest';
import { addPerson, testDb } from '../testing';
import type { Db } from '../db';
import * as services from '../services';
import * as standards from '../standards';
import * as coproduction from '../coproduction';
import type { EntryInput } from '../coproduction';
import { buildReport } from './build';
import * as reports from './service';

const NOW = new Date('2026-10-20T12:00:00Z');
const QUARTER = { start: '2026-07-01', end: '2026-09-30' };

function area(db: Db) {
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const salt = services.create(db, admin, { name: 'Speech and language therapy', sector: 'health', description: '', leadIds: [] }, NOW);
	const camhs = services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] }, NOW);
	const record = (decidedOn: string, level: EntryInput['level'], serviceIds: number[] = []) =>
		coproduction.create(db, organiser, { title: 'T', body: 'forum', bodyServiceId: null, bodyName: '', decidedOn, level, parentCarers: 1, youngPeople: 0, forumReps: 0, serviceIds, changed: '', agendaItemId: null, surveyId: null, boardItemId: null, standardId: null }, NOW);
	return { organiser, salt, camhs, record };
}

const shareStandard = (serviceId: number | null) => ({
	serviceId,
	statement: 'Share of decisions co-designed or co-produced',
	measure: 'Share co-designed or co-produced',
	measureKind: 'coproduction_share' as const,
	unit: 'count' as const,
	direction: 'higher_better' as const,
	target: 50,
	amberFrom: 35
});

describe('co-production in the board report', () => {
	it('rates the share co-designed or co-produced as a standard with a target, per period, from the co-production record', () => {
		const db = testDb();
		const { organiser, salt, record } = area(db);
		const id = standards.create(db, organiser, shareStandard(null), NOW);
		// its unit is always a percentage, whatever the form sent
		expect(standards.get(db, id).unit).toBe('percent');
		record('2026-07-10', 'co_design', [salt]);
		record('2026-08-10', 'inform');
		record('2026-09-30', 'consult');
		record('2026-10-01', 'co_produce'); // the next quarter: not in this report
		record('2026-05-01', 'co_produce'); // the quarter before
		const data = buildReport(db, QUARTER, { kind: 'area' }, NOW);
		const s = data.standards.find((x) => x.id === id)!;
		expect(s.current).toMatchObject({ value: 33.3, rag: 'red', basis: { kind: 'value', value: 3 }, missing: null });
		expect(s.trend.at(-1)!.figure).toMatchObject({ value: 100, rag: 'green' });
		expect(s.trend[0].figure).toMatchObject({ value: null, missing: 'no_data' });
		expect(data.coproduction).toMatchObject({ counts: { inform: 1, consult: 1, engage: 0, co_design: 1, co_produce: 0 }, share: { shared: 1, total: 3, percent: 33.3 } });
		// the download has the same counts by rung, in the ladder's words, and the share
		const [header, ...rows] = reports.csvRows(data);
		const col = (name: string) => header.indexOf(name);
		const own = rows.filter((r) => r[col('Standard')] === 'Co-production: how families were involved');
		expect(own.map((r) => [r[col('Breakdown')], r[col('Value')]])).toEqual([
			['level: Inform', 1],
			['level: Consult', 1],
			['level: Engage', 0],
			['level: Co-design', 1],
			['level: Co-produce', 0],
			['all', 33.3]
		]);
		expect(own.at(-1)![col('Responses or items')]).toBe('1 of 3');
	});

	it('counts, for a service’s report and standard, only the decisions that service made or took part in', () => {
		const db = testDb();
		const { organiser, salt, camhs, record } = area(db);
		const id = standards.create(db, organiser, shareStandard(salt), NOW);
		record('2026-07-10', 'co_design', [salt]);
		record('2026-08-10', 'inform', [camhs]);
		record('2026-08-11', 'inform', [salt, camhs]);
		const data = buildReport(db, QUARTER, { kind: 'service', serviceId: salt }, NOW);
		expect(data.coproduction!.share).toEqual({ shared: 1, total: 2, percent: 50 });
		expect(data.standards.find((x) => x.id === id)!.current).toMatchObject({ value: 50, rag: 'green' });
	});

	it('shows a draft with a new entry straight away, though drafts are reused for a few seconds', () => {
		const db = testDb();
		const { organiser, record } = area(db);
		const reportId = reports.createDraft(db, organiser, { title: 'Q2', period: QUARTER, scope: 'area' }, NOW);
		expect(reports.get(db, organiser, reportId, NOW).data.coproduction!.share.total).toBe(0);
		record('2026-07-10', 'co_design');
		expect(reports.get(db, organiser, reportId, NOW).data.coproduction!.share.total).toBe(1);
	});
});
