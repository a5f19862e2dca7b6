import { describe, expect, it } from 'vitest';
import { formatCode } from '$lib/features/profiles/model';
import { addPerson, testDb } from '../testing';
import { ForbiddenError, NotFoundError } from '../errors';
import * as profiles from './service';
import { card } from './cards';

function setUp() {
	const db = testDb();
	const supporter = addPerson(db, ['supporter']);
	const { id, code } = profiles.createYoungPerson(db, supporter, { name: 'Sam', yearGroup: 'Year 7' });
	return { db, supporter, id, code };
}

describe('the sign-in card page', () => {
	it('shows the code it was given only while it is the current one', () => {
		const { db, supporter, id, code } = setUp();
		expect(card(db, supporter, id, formatCode(code).toLowerCase())).toEqual({ id, name: 'Sam', yearGroup: 'Year 7', hasPasscode: false, locked: false, code });
		expect(card(db, supporter, id)).toMatchObject({ id, code: null });
		expect(card(db, supporter, id, 'AAAA-AAAA').code).toBeNull();
		expect(card(db, supporter, id, '').code).toBeNull();
		// a new card: the old code is no longer shown, the new one is
		const next = profiles.newSignInCode(db, supporter, id);
		expect(card(db, supporter, id, code).code).toBeNull();
		expect(card(db, supporter, id, next).code).toBe(next);
	});

	it('says whether the young person has chosen their pictures', async () => {
		const { db, supporter, id, code } = setUp();
		await profiles.choosePasscode(db, { code, picks: ['cat', 'dog', 'sun'], address: '203.0.113.9' });
		expect(card(db, supporter, id).hasPasscode).toBe(true);
		profiles.resetPasscode(db, supporter, id);
		expect(card(db, supporter, id).hasPasscode).toBe(false);
	});

	it('is only for supporters the young person is linked to', () => {
		const { db, id, code } = setUp();
		for (const actor of [addPerson(db, ['supporter']), addPerson(db, ['admin']), addPerson(db, ['organiser']), { id, roles: ['young_person' as const] }, null]) {
			expect(() => card(db, actor, id, code)).toThrow(ForbiddenError);
		}
		expect(() => card(db, addPerson(db, ['supporter']), 9999)).toThrow(NotFoundError);
	});
});
