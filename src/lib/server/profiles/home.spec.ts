/** A young person's own profile on their home page: where it is and who can see it, for them alone. */
import { describe, expect, it } from 'vitest';
import { addPerson, testDb } from '../testing';
import type { Actor } from '../permissions';
import * as profiles from '.';

const DAY = 24 * 60 * 60 * 1000;

describe('your one-page profile on the home page', () => {
	it('says who can see it: the supporters linked and the share links that work now', () => {
		const db = testDb();
		const supporter = addPerson(db, ['supporter'], { name: 'Ms Khan' });
		const { id } = profiles.createYoungPerson(db, supporter, { name: 'Sam' });
		const sam: Actor = { id, roles: ['young_person'] };
		const t0 = new Date('2026-11-01T09:00:00Z');
		expect(profiles.ownProfile(db, sam, t0)).toEqual({ id, supporters: ['Ms Khan'], activeShareLinks: 0 });

		profiles.createShareLink(db, sam, id, { label: 'New class teacher', days: 7 }, t0);
		const revoked = profiles.createShareLink(db, sam, id, { label: 'Dentist' }, t0);
		profiles.revokeShareLink(db, sam, id, revoked.id, t0);
		expect(profiles.ownProfile(db, sam, t0)?.activeShareLinks).toBe(1);
		// the week-long link has run out
		expect(profiles.ownProfile(db, sam, new Date(t0.getTime() + 8 * DAY))?.activeShareLinks).toBe(0);

		profiles.unlinkSupporter(db, sam, id, supporter.id, t0);
		expect(profiles.ownProfile(db, sam, t0)?.supporters).toEqual([]);
	});

	it('is only for the young person: nothing for their supporter, an admin, a parent or a visitor', () => {
		const db = testDb();
		const supporter = addPerson(db, ['supporter']);
		profiles.createYoungPerson(db, supporter, { name: 'Sam' });
		for (const actor of [supporter, addPerson(db, ['admin']), addPerson(db, ['parent_carer']), null]) expect(profiles.ownProfile(db, actor)).toBeNull();
		// the role given without a young person's record: no profile to show, not an error
		expect(profiles.ownProfile(db, addPerson(db, ['young_person']))).toBeNull();
	});
});
