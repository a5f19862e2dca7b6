import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { user } from '../db/schema';
import * as feedback from '../board';
import { seedDemo } from '.';
import { testDb } from '../testing';
import * as safeguarding from '../safeguarding';
import { seedSafeguardingDemo } from './flags';

describe('demo safeguarding flags', () => {
	it('raises a few flags the real way: one overdue, one reviewed, one on a young person’s profile (not Alex’s)', async () => {
		const db = testDb();
		const now = new Date('2026-11-11T12:00:00Z'); // a Wednesday
		await seedDemo(db, now);
		const leadId = db.select({ id: user.id }).from(user).where(eq(user.email, 'safeguarding@example.org')).get()!.id;
		const lead = { id: leadId, roles: ['safeguarding_lead' as const], verifiedAt: now };
		const waiting = safeguarding.queue(db, lead, 'waiting', now);
		expect(waiting.map((f) => [f.source, f.overdue])).toEqual([
			['feedback', true],
			['profile_item', false]
		]);
		expect(safeguarding.queue(db, lead, 'reviewed', now).map((f) => [f.source, f.outcome])).toEqual([['message', 'already_known']]);
		const contact = (id: number) => feedback.contactFor(db, id);
		expect(safeguarding.open(db, lead, waiting[0].id, contact, now).person).toMatchObject({ name: 'Jo Example' });
		expect(safeguarding.open(db, lead, waiting[1].id, contact, now).person).toMatchObject({ name: 'Bilal' });
		// once is enough
		expect(seedSafeguardingDemo(db, now)).toBe(0);
		expect(safeguarding.flagCount(db)).toBe(3);
	}, 30_000);
});
