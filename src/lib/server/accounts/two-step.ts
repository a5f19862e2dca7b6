/**
 * Two-step sign-in: after the password, a one-time code from an authenticator app (TOTP), or one
 * of ten single-use recovery codes. Admins and safeguarding leads must use it (auth/session.ts,
 * PRIVILEGED_ROLES); anyone else may turn it on from their account page. Also "Confirm it's you":
 * the password (and code) again before a dangerous step.
 *
 * Between the password and the code there is no session, only a sign-in challenge: a random token
 * in a cookie, stored as its SHA-256, good for 10 minutes. Codes are throttled like passwords
 * (counted before they are checked), and a code is good once.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { writeTransaction, type Db } from '../db';
import { recoveryCode, signInChallenge, twoStep, user, userRole } from '../db/schema';
import { ConflictError, ForbiddenError } from '../errors';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import * as audit from '../audit';
import * as signins from '../audit';
import { verifyPassword } from '../auth/password';
import { createSession, isPrivileged, markVerified } from '../auth/session';
import { decryptSecret, encryptSecret } from '../auth/secret-key';
import { limits, takeTry, trySucceeded } from '../auth/throttle';
import { generateToken, hashToken } from '../auth/tokens';
import {
	looksLikeRecoveryCode,
	matchingStep,
	newRecoveryCodes,
	newTotpSecret,
	recoveryCodeHash,
	secretForTyping,
	totpUri
} from '../auth/totp';
import { qrSvg } from '../qr';

/** How long the code page waits after the password. */
export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;
/** The cookie holding the sign-in challenge's token between the password and the code. */
export const CHALLENGE_COOKIE = 'chorus_sign_in';

function rolesOf(db: Db, userId: number) {
	return db.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, userId)).all().map((r) => r.role);
}

/** Whether the person has two-step sign-in set up. */
export function usesTwoStep(db: Db, userId: number): boolean {
	return Boolean(db.select({ id: twoStep.userId }).from(twoStep).where(eq(twoStep.userId, userId)).get());
}

/** Whether the person's roles need two-step sign-in and they have not set it up yet. */
export function mustSetUpTwoStep(db: Db, userId: number): boolean {
	return isPrivileged(rolesOf(db, userId)) && !usesTwoStep(db, userId);
}

/** Starts the second step for a person whose password was right; returns the token for the cookie. */
export function startChallenge(db: Db, userId: number, purpose: 'code' | 'set_up', now: Date): string {
	const token = generateToken();
	db.insert(signInChallenge)
		.values({ id: hashToken(token), userId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS) })
		.run();
	return token;
}

export type Challenge = { userId: number; email: string; name: string; setUp: boolean };

/** Who a challenge token is for, while it lasts and the account works; otherwise null. */
export function challengeFor(db: Db, token: string, now = new Date()): Challenge | null {
	const row = db
		.select({ userId: user.id, email: user.email, name: user.name, purpose: signInChallenge.purpose, expiresAt: signInChallenge.expiresAt })
		.from(signInChallenge)
		.innerJoin(user, and(eq(user.id, signInChallenge.userId), isNull(user.disabledAt)))
		.where(eq(signInChallenge.id, hashToken(token)))
		.get();
	if (!row || row.expiresAt.getTime() <= now.getTime() || row.email === null) return null;
	return { userId: row.userId, email: row.email, name: row.name, setUp: row.purpose === 'set_up' };
}

/* -------------------------------------------------------------------------------------------- */
/* Checking a code                                                                               */
/* -------------------------------------------------------------------------------------------- */

/**
 * Whether `typed` is the person's current app code (a step not used before) or one of their
 * unused recovery codes; uses it up if so. Inside a write transaction, so a code cannot be used
 * twice by two requests at once. Throws if the secret cannot be read (the key changed).
 */
function useCode(tx: Db, userId: number, typed: string, now: Date): 'app' | 'recovery' | null {
	if (looksLikeRecoveryCode(typed)) {
		const used = tx
			.update(recoveryCode)
			.set({ usedAt: now })
			.where(and(eq(recoveryCode.userId, userId), eq(recoveryCode.codeHash, recoveryCodeHash(typed)), isNull(recoveryCode.usedAt)))
			.run();
		return used.changes === 1 ? 'recovery' : null;
	}
	const row = tx.select().from(twoStep).where(eq(twoStep.userId, userId)).get();
	if (!row) return null;
	const secret = decryptSecret(row.secret);
	// a secret this deployment's key cannot open (CHORUS_SECRET_KEY changed): only recovery codes work
	if (!secret) return null;
	const step = matchingStep(secret, typed, now, row.lastStep);
	if (step === null) return null;
	tx.update(twoStep).set({ lastStep: step }).where(eq(twoStep.userId, userId)).run();
	return 'app';
}

export type CodeCheck = { ok: true } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a code typed by a person, counted first against their code limit and the address.
 * Returns ok (and the code is used up), 'invalid' or 'throttled'.
 */
function checkCode(db: Db, userId: number, typed: string, address: string, now: Date, then?: (tx: Db) => void): CodeCheck {
	const gate = takeTry(db, [limits.secondStep(userId), limits.address(address)], now);
	if (!gate.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
	return writeTransaction(db, (tx) => {
		const used = useCode(tx, userId, typed, now);
		if (!used) return { ok: false, reason: 'invalid' } as const;
		trySucceeded(tx, gate);
		if (used === 'recovery') {
			audit.record(tx, { actorId: userId, action: 'person.recovery_code_used', subjectType: 'user', subjectId: userId, at: now });
		}
		then?.(tx);
		return { ok: true } as const;
	});
}

/* -------------------------------------------------------------------------------------------- */
/* Signing in                                                                                    */
/* -------------------------------------------------------------------------------------------- */

export type SecondStepResult =
	| { ok: true; token: string; session: ReturnType<typeof createSession>['session']; recoveryCodes?: string[] }
	| { ok: false; reason: 'expired' | 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

function finish(tx: Db, challenge: string, userId: number, now: Date) {
	tx.delete(signInChallenge).where(eq(signInChallenge.id, hashToken(challenge))).run();
	const { token, session } = createSession(tx, userId, now);
	signins.signedIn(tx, userId, 'password', now);
	return { token, session };
}

/**
 * The second step of signing in: the code from the app, or a recovery code. Starts the session.
 * Returns 'expired' when the challenge is unknown or too old (sign in again), 'invalid' for a
 * wrong code, 'throttled' after too many.
 */
export function finishSignIn(db: Db, input: { challenge: string; code: string; address: string }, now = new Date()): SecondStepResult {
	const found = challengeFor(db, input.challenge, now);
	if (!found || found.setUp) return { ok: false, reason: 'expired' };
	let started: { token: string; session: ReturnType<typeof createSession>['session'] } | undefined;
	const checked = checkCode(db, found.userId, input.code, input.address, now, (tx) => {
		started = finish(tx, input.challenge, found.userId, now);
	});
	if (!checked.ok) {
		if (checked.reason === 'invalid') {
			writeTransaction(db, (tx) => signins.signInFailed(tx, found.userId, 'password', 'wrong_code', now));
		}
		return checked;
	}
	return { ok: true, ...started! };
}

/** A new secret to set up, sealed for the form that confirms it (so nothing is kept until it works). */
export type NewSecret = { sealed: string; typed: string; qr: string };

/**
 * A new secret for a person to add to their app: the QR code (otpauth:// address), the secret as
 * text to type, and the sealed secret for the form's hidden field (encrypted with the deployment's
 * key and bound to the person, so it cannot be forged or used for someone else).
 */
export function newSecret(userId: number, accountName: string, qrLabel: string): NewSecret {
	const secret = newTotpSecret();
	return {
		sealed: encryptSecret(new TextEncoder().encode(`${userId}:${encodeBase32UpperCaseNoPadding(secret)}`)),
		typed: secretForTyping(secret),
		qr: qrSvg(totpUri(accountName, secret), qrLabel)
	};
}

/**
 * The same secret again from its sealed form (after a wrong first code, so the page shows the QR
 * code the app already has), or null when the sealed value was not made by us for this person.
 */
export function sameSecret(sealed: string, userId: number, accountName: string, qrLabel: string): NewSecret | null {
	const secret = unseal(sealed, userId);
	return secret ? { sealed, typed: secretForTyping(secret), qr: qrSvg(totpUri(accountName, secret), qrLabel) } : null;
}

/** The secret in a sealed field, if it was made by us for this person. */
function unseal(sealed: string, userId: number): Uint8Array | null {
	const opened = decryptSecret(sealed);
	if (!opened) return null;
	const [owner, base32] = new TextDecoder().decode(opened).split(':');
	if (Number(owner) !== userId || !base32) return null;
	try {
		return decodeBase32IgnorePadding(base32);
	} catch {
		return null;
	}
}

/** Saves a confirmed secret and ten new recovery codes (replacing any); returns the codes. */
function saveTwoStep(tx: Db, userId: number, secret: Uint8Array, step: number, now: Date): string[] {
	tx.insert(twoStep)
		.values({ userId, secret: encryptSecret(secret), enabledAt: now, lastStep: step })
		.onConflictDoUpdate({ target: twoStep.userId, set: { secret: encryptSecret(secret), enabledAt: now, lastStep: step } })
		.run();
	return replaceRecoveryCodes(tx, userId);
}

function replaceRecoveryCodes(tx: Db, userId: number): string[] {
	tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId)).run();
	const codes = newRecoveryCodes();
	tx.insert(recoveryCode)
		.values(codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })))
		.run();
	return codes;
}

/**
 * Confirms a new secret with the first code from the app: throttled like any code, and the
 * step is remembered so the same code cannot be used again to sign in.
 */
function confirmNewSecret(
	db: Db,
	userId: number,
	input: { sealed: string; code: string; address: string },
	now: Date,
	then: (tx: Db, recoveryCodes: string[]) => void
): CodeCheck {
	const secret = unseal(input.sealed, userId);
	if (!secret) return { ok: false, reason: 'invalid' };
	const gate = takeTry(db, [limits.secondStep(userId), limits.address(input.address)], now);
	if (!gate.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
	const step = matchingStep(secret, input.code, now, 0);
	if (step === null) return { ok: false, reason: 'invalid' };
	return writeTransaction(db, (tx) => {
		trySucceeded(tx, gate);
		const codes = saveTwoStep(tx, userId, secret, step, now);
		audit.record(tx, { actorId: userId, action: 'person.two_step_enabled', subjectType: 'user', subjectId: userId, at: now });
		then(tx, codes);
		return { ok: true } as const;
	});
}

/**
 * The second step for someone whose role needs two-step sign-in and who has not set it up: the
 * sealed new secret and the first code from their app. Saves it, makes ten recovery codes (shown
 * once, in the result) and starts the session.
 */
export function finishSignInWithSetUp(
	db: Db,
	input: { challenge: string; sealed: string; code: string; address: string },
	now = new Date()
): SecondStepResult {
	const found = challengeFor(db, input.challenge, now);
	if (!found || !found.setUp) return { ok: false, reason: 'expired' };
	let result: SecondStepResult | undefined;
	const checked = confirmNewSecret(db, found.userId, input, now, (tx, recoveryCodes) => {
		result = { ok: true, ...finish(tx, input.challenge, found.userId, now), recoveryCodes };
	});
	return checked.ok ? result! : checked;
}

/* -------------------------------------------------------------------------------------------- */
/* One's own account                                                                             */
/* -------------------------------------------------------------------------------------------- */

export type TwoStepStatus = { enabled: boolean; required: boolean; recoveryCodesLeft: number };

/** Whether the actor uses two-step sign-in, must, and how many recovery codes they have left. */
export function status(db: Db, actor: Actor): TwoStepStatus {
	if (!actor) throw new ForbiddenError();
	const left = db
		.select({ n: count() })
		.from(recoveryCode)
		.where(and(eq(recoveryCode.userId, actor.id), isNull(recoveryCode.usedAt)))
		.get()!.n;
	return { enabled: usesTwoStep(db, actor.id), required: isPrivileged(actor.roles), recoveryCodesLeft: left };
}

function mustHaveEmail(db: Db, actor: Actor): NonNullable<Actor> {
	// young people sign in with a card and pictures: there is no password step to add a code to
	if (!actor || !can(actor, 'account.twoStep')) throw new ForbiddenError();
	if (!db.select({ email: user.email }).from(user).where(eq(user.id, actor.id)).get()?.email) throw new ForbiddenError();
	return actor;
}

/**
 * Turns two-step sign-in on (or moves it to a new phone) from the account page, with the sealed
 * new secret and the first code from the app. Moving it asks for a recent sign-in (someone at an
 * unlocked computer must not move it to their own phone). Returns the new recovery codes, or the
 * failure. Throws ForbiddenError, ConfirmIdentityError.
 */
export function enable(
	db: Db,
	actor: Actor,
	input: { sealed: string; code: string; address: string },
	now = new Date()
): { ok: true; recoveryCodes: string[] } | Exclude<CodeCheck, { ok: true }> {
	const me = mustHaveEmail(db, actor);
	if (usesTwoStep(db, me.id)) requireRecentSignIn(me, now);
	let codes: string[] = [];
	const checked = confirmNewSecret(db, me.id, input, now, (_tx, recoveryCodes) => {
		codes = recoveryCodes;
	});
	return checked.ok ? { ok: true, recoveryCodes: codes } : checked;
}

/**
 * Turns two-step sign-in off. Refused for roles that must use it; asks for a recent sign-in.
 * Throws ForbiddenError, ConflictError('two_step_required'), ConfirmIdentityError.
 */
export function disable(db: Db, actor: Actor, now = new Date()): void {
	const me = mustHaveEmail(db, actor);
	if (isPrivileged(me.roles)) throw new ConflictError('two_step_required', 'Your role needs two-step sign-in: it cannot be turned off.');
	requireRecentSignIn(me, now);
	writeTransaction(db, (tx) => {
		tx.delete(twoStep).where(eq(twoStep.userId, me.id)).run();
		tx.delete(recoveryCode).where(eq(recoveryCode.userId, me.id)).run();
		audit.record(tx, { actorId: me.id, action: 'person.two_step_disabled', subjectType: 'user', subjectId: me.id, at: now });
	});
}

/** Ten new recovery codes in place of the old ones. Asks for a recent sign-in. Throws ForbiddenError, ConflictError('not_enabled'), ConfirmIdentityError. */
export function renewRecoveryCodes(db: Db, actor: Actor, now = new Date()): string[] {
	const me = mustHaveEmail(db, actor);
	if (!usesTwoStep(db, me.id)) throw new ConflictError('not_enabled');
	requireRecentSignIn(me, now);
	return writeTransaction(db, (tx) => {
		const codes = replaceRecoveryCodes(tx, me.id);
		audit.record(tx, { actorId: me.id, action: 'person.recovery_codes_renewed', subjectType: 'user', subjectId: me.id, at: now });
		return codes;
	});
}

/* -------------------------------------------------------------------------------------------- */
/* Confirm it's you                                                                              */
/* -------------------------------------------------------------------------------------------- */

export type ConfirmResult =
	| { ok: true }
	| { ok: false; reason: 'wrong_password' | 'wrong_code' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * "Confirm it's you" before a dangerous step: the password again, and the code when the person
 * uses two-step sign-in. The password is throttled per person and address (counted before it is
 * checked), the code like any code. On success this browser's session counts as just verified.
 * Throws ForbiddenError for a person without a password (young people sign in again with their card).
 */
export async function confirmIdentity(
	db: Db,
	actor: Actor,
	sessionId: string,
	input: { password: string; code: string; address: string },
	now = new Date()
): Promise<ConfirmResult> {
	if (!actor) throw new ForbiddenError();
	const row = db.select({ passwordHash: user.passwordHash }).from(user).where(eq(user.id, actor.id)).get();
	if (!row?.passwordHash) throw new ForbiddenError();
	const gate = takeTry(db, [limits.currentPassword(actor.id), limits.address(input.address)], now);
	if (!gate.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
	if (!(await verifyPassword(row.passwordHash, input.password))) return { ok: false, reason: 'wrong_password' };
	writeTransaction(db, (tx) => trySucceeded(tx, gate));
	const confirm = (tx: Db) => {
		markVerified(tx, sessionId, now);
		audit.record(tx, { actorId: actor.id, action: 'person.identity_confirmed', subjectType: 'user', subjectId: actor.id, at: now });
	};
	if (!usesTwoStep(db, actor.id)) {
		writeTransaction(db, confirm);
		return { ok: true };
	}
	if (!input.code.trim()) return { ok: false, reason: 'wrong_code' };
	const checked = checkCode(db, actor.id, input.code, input.address, now, confirm);
	if (checked.ok) return checked;
	return checked.reason === 'throttled' ? checked : { ok: false, reason: 'wrong_code' };
}

/* -------------------------------------------------------------------------------------------- */
/* Demo data                                                                                     */
/* -------------------------------------------------------------------------------------------- */

/**
 * The demo admin's and safeguarding lead's TOTP secret, listed in README as "TOTP secret" so a
 * tester can add it to an authenticator app. Demo data never loads on a real deployment
 * (db/app.ts, demoEnabled).
 */
export const DEMO_TOTP_SECRET = 'CHORUSDEMOTOTPSECRETCHORUSDEMOAB';

/** Gives a demo account two-step sign-in with the demo secret (and ten recovery codes nobody sees). */
export function setUpDemoTwoStep(db: Db, userId: number, now: Date): void {
	if (usesTwoStep(db, userId)) return;
	saveTwoStep(db, userId, decodeBase32IgnorePadding(DEMO_TOTP_SECRET), 0, now);
}

/** For validation messages: a typed code that cannot be an app code or a recovery code. */
export function isCodeShaped(typed: string): boolean {
	const t = typed.replace(/[\s-]/g, '');
	return /^\d{6}$/.test(t) || looksLikeRecoveryCode(typed);
}

