import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../testing';
import { user } from '../db/schema';
import { seedDemo } from '../seed';
import * as profiles from './service';
import { DEMO_YOUNG_PERSON } from './seed';

describe('demo profiles', () => {
	it('lets Alex sign in with the card code and picture passcode in README, to a filled-in profile', async () => {
		const db = testDb();
		await seedDemo(db);
		const card = profiles.checkCard(db, { code: DEMO_YOUNG_PERSON.code, address: '192.0.2.1' });
		expect(card).toMatchObject({ ok: true, name: 'Alex', hasPasscode: true });
		const signedIn = await profiles.signInWithPasscode(db, { code: DEMO_YOUNG_PERSON.code, picks: DEMO_YOUNG_PERSON.passcode, address: '192.0.2.1' });
		expect(signedIn.ok).toBe(true);
		const id = (card as { youngPersonId: number }).youngPersonId;
		const shown = profiles.view(db, { id, roles: ['young_person'] }, id);
		expect(shown.sections.every((s) => s.items.length > 0)).toBe(true);
		expect(shown.sections.flatMap((s) => s.items).some((i) => i.writtenBy === 'Sunita Supporter')).toBe(true);
		expect(shown.version).toBe(15);
		expect(shown.reviewedAt).not.toBeNull();

		const supporterId = db.select().from(user).where(eq(user.email, 'supporter@example.org')).get()!.id;
		expect(profiles.supportedYoungPeople(db, { id: supporterId, roles: ['supporter'] })).toHaveLength(12);
		// twelve consenting young people: enough for the pupil-voice summary
		const counts = profiles.symbolCounts(db);
		expect(counts).toMatchObject({ shown: true, youngPeople: 12 });
	});
});
