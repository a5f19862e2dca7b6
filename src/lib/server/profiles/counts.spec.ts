import { describe, expect, it } from 'vitest';
import { addPerson, testDb } from '../testing';
import type { Db } from '../db';
import type { Actor } from '../permissions';
import * as profiles from './service';

/** Adds a young person whose profile holds `symbols` (in "important"), with or without consent. */
function youngPersonWith(db: Db, supporter: Actor, symbols: string[], consent: boolean) {
	const { id } = profiles.createYoungPerson(db, supporter, { name: 'Y' });
	const me: Actor = { id, roles: ['young_person'] };
	for (const symbolId of symbols) profiles.addItem(db, me, id, 'important', { symbolId });
	if (consent) profiles.setConsent(db, me, id, true);
	return id;
}

describe('pupil-voice symbol counts', () => {
	it('counts only young people who ticked "count my symbols", each once per symbol', () => {
		const db = testDb();
		const supporter = addPerson(db, ['supporter']);
		for (let i = 0; i < 10; i++) youngPersonWith(db, supporter, i < 4 ? ['dog', 'dog', 'music'] : ['music'], true);
		// twenty who did not consent, all choosing a symbol nobody else did
		for (let i = 0; i < 20; i++) youngPersonWith(db, supporter, ['cat'], false);
		expect(profiles.symbolCounts(db)).toEqual({
			shown: true,
			youngPeople: 10,
			symbols: [
				{ symbolId: 'music', youngPeople: 10 },
				{ symbolId: 'dog', youngPeople: 4 }
			]
		});
	});

	it('shows nothing when fewer than the minimum consent, and stops counting on withdrawal', () => {
		const db = testDb();
		const supporter = addPerson(db, ['supporter']);
		const ids = Array.from({ length: 10 }, () => youngPersonWith(db, supporter, ['football'], true));
		expect(profiles.symbolCounts(db)).toMatchObject({ shown: true, youngPeople: 10 });
		profiles.setConsent(db, { id: ids[0], roles: ['young_person'] }, ids[0], false);
		expect(profiles.symbolCounts(db)).toEqual({ shown: false, youngPeople: 9 });
		// the threshold is the caller's (a setting later); at 5 the nine are enough
		expect(profiles.symbolCounts(db, 5)).toMatchObject({ shown: true, youngPeople: 9, symbols: [{ symbolId: 'football', youngPeople: 9 }] });
		// a disabled account no longer counts
		db.$client.prepare('UPDATE user SET disabled_at = ? WHERE id = ?').run(Date.now(), ids[1]);
		expect(profiles.symbolCounts(db, 5)).toMatchObject({ youngPeople: 8 });
	});
});
