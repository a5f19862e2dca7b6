/**
 * Young people's accounts and how they sign in without a memory test: a card with a short code
 * (and a QR code) from their supporter, then a picture passcode of three pictures in order.
 * Codes and passcodes are stored only as hashes; wrong tries are throttled like passwords.
 */
import { and, eq, isNull } from 'drizzle-orm';
import {
	CODE_ALPHABET,
	CODE_LENGTH,
	PASSCODE_LENGTH,
	isPasscodeSymbol,
	normaliseCode
} from '$lib/features/profiles/model';
import { writeTransaction, type Db } from '../db';
import { profile, profileSupporter, user, userRole, youngPerson } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as signins from '../audit';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { createSession, invalidateUserSessions } from '../auth/session';
import { limits, takeTry, trySucceeded, type Gate } from '../auth/throttle';
import { hashToken } from '../auth/tokens';
import { profileResource } from './access';
import { happened } from '../happenings';

/** A new random card code (normalised form). Rejection sampling keeps every character equally likely. */
export function generateCode(): string {
	const limit = 256 - (256 % CODE_ALPHABET.length);
	let code = '';
	while (code.length < CODE_LENGTH) {
		const bytes = new Uint8Array(16);
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			if (b < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
		}
	}
	return code;
}

/** What a card code is stored as (also used by the demo seed to give a known code). */
export function codeHash(code: string): string {
	return hashToken(`sign-in-code:${normaliseCode(code)}`);
}

/** Puts a fresh code on the young person; returns it (the only time it exists in the clear). */
function issueCode(tx: Db, youngPersonId: number): string {
	for (;;) {
		const code = generateCode();
		const hash = codeHash(code);
		// 29^8 codes: a clash is vanishingly rare, but a unique index would turn one into a 500
		if (tx.select({ id: youngPerson.userId }).from(youngPerson).where(eq(youngPerson.signInCodeHash, hash)).get()) continue;
		tx.update(youngPerson).set({ signInCodeHash: hash }).where(eq(youngPerson.userId, youngPersonId)).run();
		return code;
	}
}

/** Whether the person has a young person's sign-in card (and so, a profile of their own). */
export function isYoungPerson(db: Db, userId: number): boolean {
	return db.select({ id: youngPerson.userId }).from(youngPerson).where(eq(youngPerson.userId, userId)).get() !== undefined;
}

export type NewYoungPerson = { name: string; yearGroup?: string | null };

/**
 * A supporter makes a young person's account (a first or chosen name, optional year group; no
 * surname, email or date of birth) and is linked to their profile. Returns the id and the
 * sign-in card code. Throws ForbiddenError or ValidationError('name').
 */
export function createYoungPerson(db: Db, actor: Actor, input: NewYoungPerson, now = new Date()) {
	if (!can(actor, 'profiles.create')) throw new ForbiddenError();
	const name = input.name.trim();
	if (!name || name.length > 40) throw new ValidationError('name', 'Give a first name or chosen name of up to 40 letters.');
	const yearGroup = input.yearGroup?.trim() || null;
	return writeTransaction(db, (tx) => {
		const { id } = tx.insert(user).values({ email: null, name, createdAt: now }).returning({ id: user.id }).get();
		tx.insert(userRole).values({ userId: id, role: 'young_person' }).run();
		// a placeholder hash until issueCode picks one that is free
		tx.insert(youngPerson)
			.values({ userId: id, yearGroup, signInCodeHash: `pending:${id}`, createdBy: actor!.id, createdAt: now })
			.run();
		const code = issueCode(tx, id);
		tx.insert(profile).values({ youngPersonId: id, updatedAt: now }).run();
		tx.insert(profileSupporter).values({ youngPersonId: id, supporterId: actor!.id, linkedBy: actor!.id, linkedAt: now }).run();
		audit.record(tx, { actorId: actor!.id, action: 'young_person.created', subjectType: 'user', subjectId: id, at: now });
		return { id, code };
	});
}

/**
 * A linked supporter prints a new sign-in card: a new code, so the old card stops working, and
 * the young person is signed out everywhere (whoever had the old card is shut out at once). A
 * locked card is unlocked: the old code no longer opens anything. Returns the code.
 * Throws NotFoundError or ForbiddenError.
 */
export function newSignInCode(db: Db, actor: Actor, youngPersonId: number, now = new Date()): string {
	if (!can(actor, 'profiles.signInCard', profileResource(db, youngPersonId))) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const code = issueCode(tx, youngPersonId);
		tx.update(youngPerson).set({ wrongPasscodes: 0, lockedAt: null }).where(eq(youngPerson.userId, youngPersonId)).run();
		invalidateUserSessions(tx, youngPersonId);
		audit.record(tx, { actorId: actor!.id, action: 'young_person.new_card', subjectType: 'user', subjectId: youngPersonId, at: now });
		return code;
	});
}

/**
 * A linked supporter clears a forgotten picture passcode (and unlocks a locked card): the young
 * person chooses new pictures at their next sign-in, and is signed out everywhere.
 * Throws NotFoundError or ForbiddenError.
 */
export function resetPasscode(db: Db, actor: Actor, youngPersonId: number, now = new Date()): void {
	if (!can(actor, 'profiles.signInCard', profileResource(db, youngPersonId))) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		tx.update(youngPerson).set({ passcodeHash: null, wrongPasscodes: 0, lockedAt: null }).where(eq(youngPerson.userId, youngPersonId)).run();
		invalidateUserSessions(tx, youngPersonId);
		audit.record(tx, { actorId: actor!.id, action: 'young_person.passcode_reset', subjectType: 'user', subjectId: youngPersonId, at: now });
	});
}

/** Wrong picture passcodes in a row after which a card locks until a supporter resets it. */
export const CARD_LOCK_AFTER = 10;

export type CardCheck =
	| { ok: true; youngPersonId: number; name: string; hasPasscode: boolean }
	| { ok: false; reason: 'invalid' | 'locked' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

function findByCode(db: Db, code: string) {
	if (normaliseCode(code).length !== CODE_LENGTH) return undefined;
	return db
		.select({ id: user.id, name: user.name, passcodeHash: youngPerson.passcodeHash, lockedAt: youngPerson.lockedAt, wrongPasscodes: youngPerson.wrongPasscodes })
		.from(youngPerson)
		.innerJoin(user, and(eq(user.id, youngPerson.userId), isNull(user.disabledAt)))
		.where(eq(youngPerson.signInCodeHash, codeHash(code)))
		.get();
}

/** A try held back by earlier failures from this address: audited (at most once a while), then refused. */
function throttled(db: Db, youngPersonId: number | null, retryAfterSeconds: number, now: Date): { ok: false; reason: 'throttled'; retryAfterSeconds: number } {
	writeTransaction(db, (tx) => signins.signInThrottled(tx, youngPersonId, 'card', retryAfterSeconds, now));
	return { ok: false, reason: 'throttled', retryAfterSeconds };
}

/** A failed try, audited. The entry names the young person when the card is theirs, and never holds the code or pictures. */
function failed(db: Db, youngPersonId: number | null, reason: 'unknown_card' | 'wrong_passcode' | 'card_locked', now: Date) {
	writeTransaction(db, (tx) => signins.signInFailed(tx, youngPersonId, 'card', reason, now));
}

/** A code that is no card's: audited without a name, and answered as a wrong code would be. */
function unknownCard(db: Db, now: Date) {
	failed(db, null, 'unknown_card', now);
	return { ok: false, reason: 'invalid' } as const;
}

/**
 * First step of signing in: is this a card code in use? Every try is counted against the address
 * before the code is looked up (a right code gives it back), so codes cannot be guessed fast.
 * Returns who it belongs to (first name only, to greet them) and whether they have a passcode yet,
 * or 'locked' when the card is locked.
 */
export function checkCard(db: Db, input: { code: string; address: string }, now = new Date()): CardCheck {
	const gate = takeTry(db, [limits.address(input.address)], now);
	if (!gate.allowed) return throttled(db, null, gate.retryAfterSeconds, now);
	const found = findByCode(db, input.code);
	if (!found) return unknownCard(db, now);
	writeTransaction(db, (tx) => trySucceeded(tx, gate));
	if (found.lockedAt) return { ok: false, reason: 'locked' };
	return { ok: true, youngPersonId: found.id, name: found.name, hasPasscode: found.passcodeHash !== null };
}

/** The pictures as stored in the hash: ids in order, separated by spaces. Throws ValidationError. */
function passcodeText(picks: readonly string[]): string {
	if (picks.length !== PASSCODE_LENGTH || !picks.every(isPasscodeSymbol)) {
		throw new ValidationError('passcode', `Choose ${PASSCODE_LENGTH} pictures.`);
	}
	return picks.join(' ');
}

/** What the passcode steps are given: the card code, the pictures in order, and where the try came from. */
type PasscodeTry = { code: string; picks: readonly string[]; address: string };

export type PasscodeSignIn =
	| { ok: true; youngPersonId: number; token: string; session: ReturnType<typeof createSession>['session'] }
	| { ok: false; reason: 'invalid' | 'no_passcode' | 'has_passcode' | 'locked' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Starts a session after the right pictures, and audits the sign-in, in one transaction. */
function startSession(db: Db, youngPersonId: number, gate: Extract<Gate, { allowed: true }>, now: Date): PasscodeSignIn {
	return writeTransaction(db, (tx) => {
		trySucceeded(tx, gate);
		// the day is enough to find profiles nobody uses any more
		const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
		tx.update(youngPerson).set({ lastSignInAt: day, wrongPasscodes: 0 }).where(eq(youngPerson.userId, youngPersonId)).run();
		const { token, session } = createSession(tx, youngPersonId, now);
		signins.signedIn(tx, youngPersonId, 'card', now);
		return { ok: true, youngPersonId, token, session };
	});
}

/**
 * Takes one passcode try for a card, before the pictures are checked, in one immediate
 * transaction: refused when the card is locked or already has CARD_LOCK_AFTER tries counted
 * (it locks then); otherwise counted. So however many tries arrive at once, at most
 * CARD_LOCK_AFTER are ever checked.
 */
function takePasscodeTry(db: Db, youngPersonId: number, now: Date): boolean {
	return writeTransaction(db, (tx) => {
		const row = tx
			.select({ wrong: youngPerson.wrongPasscodes, lockedAt: youngPerson.lockedAt })
			.from(youngPerson)
			.where(eq(youngPerson.userId, youngPersonId))
			.get();
		if (!row || row.lockedAt) return false;
		if (row.wrong >= CARD_LOCK_AFTER) {
			lock(tx, youngPersonId, now);
			return false;
		}
		tx.update(youngPerson).set({ wrongPasscodes: row.wrong + 1 }).where(eq(youngPerson.userId, youngPersonId)).run();
		return true;
	});
}

/** Locks a card (once), in the audit log; its supporters see it on their young people page. */
function lock(tx: Db, youngPersonId: number, now: Date) {
	const locked = tx
		.update(youngPerson)
		.set({ lockedAt: now })
		.where(and(eq(youngPerson.userId, youngPersonId), isNull(youngPerson.lockedAt)))
		.run();
	if (locked.changes) {
		audit.record(tx, { actorId: null, action: 'young_person.card_locked', subjectType: 'user', subjectId: youngPersonId, details: { wrongPasscodes: CARD_LOCK_AFTER }, at: now });
		happened('card_locked');
	}
}

/**
 * Second step: the card code and three pictures in order. On success starts a session. Every try
 * is counted before the pictures are checked: against the address, and against the card, which
 * locks after CARD_LOCK_AFTER wrong passcodes in a row until a supporter resets it ('locked': even
 * the right pictures are refused). A wrong passcode, an unknown code and a disabled account all
 * answer 'invalid'.
 */
export async function signInWithPasscode(db: Db, input: PasscodeTry, now = new Date()): Promise<PasscodeSignIn> {
	const text = passcodeText(input.picks);
	const gate = takeTry(db, [limits.address(input.address)], now);
	if (!gate.allowed) return throttled(db, findByCode(db, input.code)?.id ?? null, gate.retryAfterSeconds, now);
	const found = findByCode(db, input.code);
	if (!found) {
		await verifyAgainstDummy(text);
		return unknownCard(db, now);
	}
	if (found.passcodeHash === null) return found.lockedAt ? { ok: false, reason: 'locked' } : { ok: false, reason: 'no_passcode' };
	if (!takePasscodeTry(db, found.id, now)) {
		failed(db, found.id, 'card_locked', now);
		return { ok: false, reason: 'locked' };
	}
	const matches = await verifyPassword(found.passcodeHash, text);
	if (!matches) {
		writeTransaction(db, (tx) => {
			signins.signInFailed(tx, found.id, 'card', 'wrong_passcode', now);
			const row = tx.select({ wrong: youngPerson.wrongPasscodes }).from(youngPerson).where(eq(youngPerson.userId, found.id)).get();
			if (row && row.wrong >= CARD_LOCK_AFTER) lock(tx, found.id, now);
		});
		return { ok: false, reason: 'invalid' };
	}
	// the right pictures, unless the card locked while they were being checked
	const lockedMeanwhile = db.select({ lockedAt: youngPerson.lockedAt }).from(youngPerson).where(eq(youngPerson.userId, found.id)).get()?.lockedAt;
	if (lockedMeanwhile) return { ok: false, reason: 'locked' };
	return startSession(db, found.id, gate, now);
}

/**
 * First sign-in with a card (or after a reset): the young person chooses their three pictures,
 * and is signed in. Answers 'has_passcode' if one was chosen meanwhile (a second tab, a double click).
 */
export async function choosePasscode(db: Db, input: PasscodeTry, now = new Date()): Promise<PasscodeSignIn> {
	const text = passcodeText(input.picks);
	const gate = takeTry(db, [limits.address(input.address)], now);
	if (!gate.allowed) return throttled(db, null, gate.retryAfterSeconds, now);
	const found = findByCode(db, input.code);
	if (!found) return unknownCard(db, now);
	if (found.lockedAt) return { ok: false, reason: 'locked' };
	const hash = await hashPassword(text);
	return writeTransaction(db, (tx) => {
		// only while there is none: the check and the write are one transaction
		const set = tx
			.update(youngPerson)
			.set({ passcodeHash: hash })
			.where(and(eq(youngPerson.userId, found.id), isNull(youngPerson.passcodeHash), isNull(youngPerson.lockedAt)))
			.run();
		if (set.changes === 0) return { ok: false, reason: 'has_passcode' } as const;
		audit.record(tx, { actorId: found.id, action: 'young_person.passcode_chosen', subjectType: 'user', subjectId: found.id, at: now });
		return startSession(tx, found.id, gate, now);
	});
}
