import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { service, survey, user } from '../db/schema';
import { seedDemo } from '../seed';
import * as surveys from '../surveys';
import { buildReport, csvRows } from '../reports';
import { londonDate, quarterFrom } from '$lib/time';
import { testDb } from '../testing';
import type { Db } from '../db';
import { comparison } from '.';

let db: Db;
let organiser: { id: number; roles: ['organiser'] };

beforeAll(async () => {
	db = testDb();
	await seedDemo(db, new Date());
	organiser = { id: db.select().from(user).where(eq(user.email, 'organiser@example.org')).get()!.id, roles: ['organiser'] };
}, 60_000);

describe('the demo baseline against the demo survey', () => {
	it('flags exactly two under-heard groups, Bengali-speaking families and young people in post-16 settings, with their figures shown', () => {
		const { id } = db.select({ id: survey.id }).from(survey).where(like(survey.title, 'How are services working%')).get()!;
		const counted = surveys.reachCountsOf(db, organiser, id);
		expect(counted.map((c) => c.characteristic).sort()).toEqual(['area', 'language', 'need_area', 'phase', 'sex', 'support']);
		// As the results page compares them: hiding at least what each question's own table hides.
		const compare = ({ characteristic, counts, hidden, hideTotal }: (typeof counted)[number]) => comparison(db, characteristic, counts, undefined, { hidden, hideTotal });
		for (const c of counted) expect(compare(c).total, c.characteristic).not.toBeNull();
		const flagged = counted.flatMap((c) =>
			compare(c)
				.rows.filter((r) => r.underHeard)
				.map((r) => `${c.characteristic}:${r.category}`)
		);
		expect(flagged.sort()).toEqual(['language:bengali', 'phase:post_16']);
		for (const [characteristic, category] of [
			['language', 'bengali'],
			['phase', 'post_16']
		] as const) {
			const row = compare(counted.find((c) => c.characteristic === characteristic)!).rows.find((r) => r.category === category)!;
			expect(row.count, category).toBeGreaterThanOrEqual(5);
			expect(row.ratio, category).toBeLessThan(2 / 3);
		}
	});

	it('counts the responses of a period across surveys for the board report', () => {
		const counted = surveys.reachCountsInPeriod(db, { start: '2000-01-01', end: '2999-12-31' });
		const phase = counted.find((c) => c.characteristic === 'phase')!;
		expect(Object.values(phase.counts).reduce((a, b) => a! + b!, 0)).toBeGreaterThan(200);
	});

	it('puts who we heard from in the whole-area board report, and nothing in a service’s', () => {
		const today = londonDate();
		const period = { start: quarterFrom(today, -3).start, end: today };
		const report = buildReport(db, period, { kind: 'area' });
		const flagged = (report.heardFrom ?? []).flatMap((c) => c.rows.filter((r) => r.underHeard).map((r) => `${c.characteristic}:${r.category}`));
		expect(flagged.sort()).toEqual(['language:bengali', 'phase:post_16']);
		expect(report.heardFrom!.every((c) => c.baseline !== null)).toBe(true);
		// plain data: a frozen report keeps it as it was
		expect(JSON.parse(JSON.stringify(report.heardFrom))).toEqual(report.heardFrom);
		const serviceId = db.select({ id: service.id }).from(service).get()!.id;
		expect(buildReport(db, period, { kind: 'service', serviceId }).heardFrom).toEqual([]);
	});

	it('puts who we heard from in the report’s download too, hiding there what the page hides', () => {
		const today = londonDate();
		const report = buildReport(db, { start: quarterFrom(today, -3).start, end: today }, { kind: 'area' });
		const [header, ...rows] = csvRows(report);
		const col = (name: string) => header.indexOf(name);
		const heard = rows.filter((r) => r[col('Standard')] === 'Who we heard from');
		expect(heard).toHaveLength(report.heardFrom!.reduce((a, c) => a + c.rows.length, 0));
		const underHeard = heard.filter((r) => r[col('Under-heard')] === 'yes').map((r) => `${r[col('Measure')]}: ${r[col('Breakdown')]}`);
		expect(underHeard.sort()).toEqual(['Main language at home: group: Bengali', 'School phase: group: College or other post-16 setting']);
		// a hidden count is hidden in the download, and so is every figure worked out from it
		const hiddenViews = report.heardFrom!.flatMap((v) => v.rows.filter((r) => r.count === null));
		const hiddenRows = heard.filter((r) => r[col('Responses or items')] === '');
		expect(hiddenRows).toHaveLength(hiddenViews.length);
		for (const r of hiddenRows) {
			expect(r[col('Value')]).toBeNull();
			expect(r[col('Ratio to local share')]).toBe('');
			expect(r[col('Under-heard')]).toBe('');
			expect(r[col('Why no value')]).toBe('hidden to protect small groups');
		}
	});
});
