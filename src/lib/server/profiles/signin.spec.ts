import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { CODE_ALPHABET, CODE_LENGTH, formatCode } from '$lib/features/profiles/model';
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

	it('locks a card after 10 wrong passcodes in a row; even the right pictures are refused until a supporter resets it', async () => {
		const { db, supporter, id, code } = setUp();
		const t0 = new Date('2026-11-02T10:00:00Z');
		await profiles.choosePasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, t0);
		// right pictures in between set the count back: it is 10 wrong ones in a row that lock
		for (let i = 0; i < 9; i++) await profiles.signInWithPasscode(db, { code, picks: ['dog', 'dog', 'dog'], address: `198.51.100.${i}` }, t0);
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, t0)).toMatchObject({ ok: true });
		// each from another address, so only the card's own count can stop them
		for (let i = 0; i < profiles.CARD_LOCK_AFTER; i++) {
			expect(await profiles.signInWithPasscode(db, { code, picks: ['dog', 'dog', 'dog'], address: `198.51.100.${i}` }, t0)).toEqual({ ok: false, reason: 'invalid' });
		}
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: '203.0.113.77' }, t0)).toEqual({ ok: false, reason: 'locked' });
		// the wait never ends by itself: a day later it is still locked
		const dayLater = new Date(t0.getTime() + 86_400_000);
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, dayLater)).toEqual({ ok: false, reason: 'locked' });
		expect(profiles.checkCard(db, { code, address: ADDRESS }, dayLater)).toEqual({ ok: false, reason: 'locked' });
		// the supporter sees it, and it is in the audit log
		expect(profiles.supportedYoungPeople(db, supporter)[0].lockedAt).toEqual(t0);
		expect(db.select().from(auditEntry).all().filter((a) => a.action === 'young_person.card_locked')).toHaveLength(1);
		// a reset unlocks it: the young person chooses new pictures
		profiles.resetPasscode(db, supporter, id);
		expect(profiles.checkCard(db, { code, address: ADDRESS }, dayLater)).toMatchObject({ ok: true, hasPasscode: false });
		expect(await profiles.choosePasscode(db, { code, picks: ['fish', 'sun', 'car'], address: ADDRESS }, dayLater)).toMatchObject({ ok: true });
		// stored keys are hashes, never the code
		expect(db.select().from(signInThrottle).all().every((r) => !r.key.includes(code))).toBe(true);
	});

	it('300 wrong passcodes at once for one card: at most 10 are checked, the rest refused unchecked, then the right one is refused', async () => {
		const { db, code } = setUp();
		await profiles.choosePasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS });
		const results = await Promise.all(
			Array.from({ length: 300 }, (_, i) => profiles.signInWithPasscode(db, { code, picks: ['dog', 'dog', 'dog'], address: `10.0.${i >> 8}.${i & 255}` }))
		);
		const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
		expect(checked).toBeLessThanOrEqual(profiles.CARD_LOCK_AFTER);
		expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(300 - checked);
		// each checked try is in the audit log as a wrong passcode: exactly those were checked
		expect(db.select().from(auditEntry).all().filter((a) => a.action === 'person.sign_in_failed' && JSON.parse(a.details).reason === 'wrong_passcode')).toHaveLength(checked);
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS })).toEqual({ ok: false, reason: 'locked' });
	});

	it('slows wrong passcodes from one address across cards (20 free, then waits)', async () => {
		const { db, code } = setUp();
		const t0 = new Date('2026-11-02T10:00:00Z');
		await profiles.choosePasscode(db, { code, picks: ['sun', 'sun', 'car'], address: '192.0.2.200' }, t0);
		for (let i = 0; i < 20; i++) await profiles.signInWithPasscode(db, { code: `ZZZZ${String(2222 + i).slice(-4)}`, picks: ['dog', 'dog', 'dog'], address: ADDRESS }, t0);
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, t0)).toMatchObject({ ok: false, reason: 'throttled' });
		expect(await profiles.signInWithPasscode(db, { code, picks: ['sun', 'sun', 'car'], address: ADDRESS }, new Date(t0.getTime() + THROTTLE.firstWaitMs))).toMatchObject({ ok: true });
	});

	it('throttles guessing card codes from one address', () => {
		const { db, code } = setUp();
		const now = new Date('2026-11-02T10:00:00Z');
		for (let i = 0; i < 20; i++) {
			profiles.checkCard(db, { code: `ZZZZ${String(2222 + i).slice(-4)}`, address: ADDRESS }, now);
		}
		expect(profiles.checkCard(db, { code, address: ADDRESS }, now)).toMatchObject({ ok: false, reason: 'throttled' });
		expect(profiles.checkCard(db, { code, address: '198.51.100.1' }, now)).toMatchObject({ ok: true });
	});

	it('lets a linked supporter print a new card (the old code stops working, the young person is signed out) and reset the passcode', async () => {
		const { db, supporter, id, code } = setUp();
		await profiles.choosePasscode(db, { code, picks: ['cat', 'cat', 'cat'], address: ADDRESS });
		// whoever signed in with the old card (it was lost) is signed out at once
		expect(db.select().from(session).where(eq(session.userId, id)).all()).toHaveLength(1);
		const newCode = profiles.newSignInCode(db, supporter, id);
		expect(db.select().from(session).where(eq(session.userId, id)).all()).toHaveLength(0);
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
