import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CODE_ALPHABET, CODE_LENGTH, formatCode } from '$lib/profiles';
import { addPerson, testDb } from '../testing';
import { auditEntry, session, signInThrottle, youngPerson } from '../db/schema';
import { ForbiddenError, ValidationError } from '../errors';
import { THROTTLE } from '../auth/throttle';
import * as profiles from './service';

const ADDRESS = '203.0.113.9';

function setUp() {
	const db = testDb();
	const supporter = addPerson(db, ['supporter'], { name: 'Ms Khan' });
	const { id, code } = profiles.createYoungPerson(db, supporter, { name: 'Sam', yearGroup: 'Year 7' });
	return { db, supporter, id, code };
}

describe('young people accounts and sign-in cards', () => {
	it('makes a young person with no email, linked to the supporter who made them', () => {
		const { db, supporter, id, code } = setUp();
		expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
		expect(profiles.supportedYoungPeople(db, supporter)).toMatchObject([{ id, name: 'Sam', yearGroup: 'Year 7', hasPasscode: false }]);
		const row = db.select().from(youngPerson).where(eq(youngPerson.userId, id)).get()!;
		// stored only as a hash
		expect(row.signInCodeHash).not.toContain(code);
		expect(row.signInCodeHash).toMatch(/^[0-9a-f]{64}$/);
		expect(db.select().from(auditEntry).all().map((a) => a.action)).toContain('young_person.created');
	});

	it('lets only supporters make young people, and wants a name', () => {
		const db = testDb();
		for (const role of ['admin', 'organiser', 'parent_carer', 'young_person'] as const) {
			expect(() => profiles.createYoungPerson(db, addPerson(db, [role]), { name: 'Sam' })).toThrow(ForbiddenError);
		}
		expect(() => profiles.createYoungPerson(db, addPerson(db, ['supporter']), { name: '   ' })).toThrow(ValidationError);
	});

	it('finds the young person from their card code however it is typed', () => {
		const { db, id, code } = setUp();
		for (const typed of [code, formatCode(code), ` ${formatCode(code).toLowerCase()} `]) {
			expect(profiles.checkCard(db, { code: typed, address: ADDRESS })).toEqual({ ok: true, youngPersonId: id, name: 'Sam', hasPasscode: false });
		}
		expect(profiles.checkCard(db, { code: 'AAAA-AAAA', address: ADDRESS })).toEqual({ ok: false, reason: 'invalid' });
	});

	it('stores the picture passcode hashed and signs in with the same pictures in the same order', async () => {
		const { db, id, code } = setUp();
		const chosen = await profiles.choosePasscode(db, { code, picks: ['cat', 'pizza', 'cat'], address: ADDRESS });
		expect(chosen).toMatchObject({ ok: true, youngPersonId: id });
		const hash = db.select().from(youngPerson).where(eq(youngPerson.userId, id)).get()!.passcodeHash!;
		expect(hash).toMatch(/^\$argon2id\$/);
		expect(hash).not.toContain('pizza');

		expect(await profiles.signInWithPasscode(db, { code, picks: ['cat', 'pizza', 'cat'], address: ADDRESS })).toMatchObject({ ok: true });
		expect(await profiles.signInWithPasscode(db, { code, picks: ['pizza', 'cat', 'cat'], address: ADDRESS })).toEqual({ ok: false, reason: 'invalid' });
		// a second choice cannot overwrite the first
		expect(await profiles.choosePasscode(db, { code, picks: ['dog', 'dog', 'dog'], address: ADDRESS })).toEqual({ ok: false, reason: 'has_passcode' });
		await expect(profiles.signInWithPasscode(db, { code, picks: ['cat', 'unicorn', 'dog'], address: ADDRESS })).rejects.toThrow(ValidationError);
		await expect(profiles.signInWithPasscode(db, { code, picks: ['cat', 'dog'], address: ADDRESS })).rejects.toThrow(ValidationError);
	});

	it('throttles wrong passcodes on a card, then lets the owner in once the wait is over', async () => {
		const { db, code } = setUp();
		const t0 = new Date('2026-11-02T10:00:00Z');
		await profiles.choosePasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, t0);
		for (let i = 0; i < THROTTLE.account.freeFailures; i++) {
			expect(await profiles.signInWithPasscode(db, { code, picks: ['dog', 'dog', 'dog'], address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'invalid' });
		}
		// even the right pictures wait now, from this address or any other
		const waiting = await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: '198.51.100.1' }, t0);
		expect(waiting).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: THROTTLE.firstWaitMs / 1000 });
		const later = new Date(t0.getTime() + THROTTLE.firstWaitMs);
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, later)).toMatchObject({ ok: true });
		// stored keys are hashes, never the code
		expect(db.select().from(signInThrottle).all().every((r) => !r.key.includes(code))).toBe(true);
	});

	it('throttles guessing card codes from one address', () => {
		const { db, code } = setUp();
		const now = new Date('2026-11-02T10:00:00Z');
		for (let i = 0; i < THROTTLE.address.freeFailures; i++) {
			profiles.checkCard(db, { code: `ZZZZ${String(2222 + i).slice(-4)}`, address: ADDRESS }, now);
		}
		expect(profiles.checkCard(db, { code, address: ADDRESS }, now)).toMatchObject({ ok: false, reason: 'throttled' });
		expect(profiles.checkCard(db, { code, address: '198.51.100.1' }, now)).toMatchObject({ ok: true });
	});

	it('lets a linked supporter print a new card (the old code stops working) and reset the passcode', async () => {
		const { db, supporter, id, code } = setUp();
		await profiles.choosePasscode(db, { code, picks: ['cat', 'cat', 'cat'], address: ADDRESS });
		const newCode = profiles.newSignInCode(db, supporter, id);
		expect(newCode).not.toBe(code);
		expect(profiles.checkCard(db, { code, address: ADDRESS })).toEqual({ ok: false, reason: 'invalid' });
		expect(profiles.checkCard(db, { code: newCode, address: ADDRESS })).toMatchObject({ ok: true, hasPasscode: true });

		profiles.resetPasscode(db, supporter, id);
		// signed out everywhere, and asked to choose again
		expect(db.select().from(session).where(eq(session.userId, id)).all()).toHaveLength(0);
		expect(await profiles.signInWithPasscode(db, { code: newCode, picks: ['cat', 'cat', 'cat'], address: ADDRESS })).toEqual({ ok: false, reason: 'no_passcode' });
		expect(await profiles.choosePasscode(db, { code: newCode, picks: ['fish', 'sun', 'car'], address: ADDRESS })).toMatchObject({ ok: true });

		const otherSupporter = addPerson(db, ['supporter']);
		const admin = addPerson(db, ['admin']);
		for (const who of [otherSupporter, admin, { id, roles: ['young_person' as const] }]) {
			expect(() => profiles.newSignInCode(db, who, id)).toThrow(ForbiddenError);
			expect(() => profiles.resetPasscode(db, who, id)).toThrow(ForbiddenError);
		}
	});

	it('does not sign in a disabled young person', async () => {
		const { db, id, code } = setUp();
		await profiles.choosePasscode(db, { code, picks: ['cat', 'cat', 'cat'], address: ADDRESS });
		db.$client.prepare('UPDATE user SET disabled_at = ? WHERE id = ?').run(Date.now(), id);
		expect(profiles.checkCard(db, { code, address: ADDRESS })).toEqual({ ok: false, reason: 'invalid' });
		expect(await profiles.signInWithPasscode(db, { code, picks: ['cat', 'cat', 'cat'], address: ADDRESS })).toEqual({ ok: false, reason: 'invalid' });
	});
});
