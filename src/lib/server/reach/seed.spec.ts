import { beforeAll, describe, expect, it } from 'vitest';
import { eq, like } from 'drizzle-orm';
import { service, survey, user } from '../db/schema';
import { seedDemo } from '../seed';
import * as surveys from '../surveys';
import { buildReport } from '../reports';
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
});
