/**
 * Sign-ins in the audit log: who signed in, and tries that failed or were held back. Called by
 * the email-and-password sign-in (accounts) and the card-and-pictures sign-in (profiles), inside
 * the transaction that starts the session or counts the failure.
 *
 * What is written: the account when it exists, how they signed in and why it failed, in codes.
 * Never what was typed: no password, no card code, no pictures, and no email for an account that
 * does not exist (that would keep a stranger's address, or a password typed into the email box).
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db';
import { auditEntry } from '../db/schema';
import { THROTTLE } from '../auth/throttle';
import { record } from './service';
import { happened } from '../happenings';

export type SignInMethod = 'password' | 'card';
export type SignInFailure = 'unknown_account' | 'wrong_password' | 'no_password' | 'account_disabled' | 'unknown_card' | 'wrong_passcode' | 'wrong_code' | 'card_locked';

/** Who a try was about: the account, or a stand-in when there is none (nothing typed is kept). */
function subjectOf(userId: number | null, method: SignInMethod) {
	return userId !== null
		? { subjectType: 'user', subjectId: String(userId) }
		: { subjectType: 'sign_in', subjectId: method === 'card' ? 'unknown card' : 'unknown account' };
}

/** A person signed in: they are the actor. */
export function signedIn(db: Db, userId: number, method: SignInMethod, now: Date): void {
	record(db, { actorId: userId, action: 'person.signed_in', subjectType: 'user', subjectId: userId, details: { method }, at: now });
}

/** A try failed. Nobody is signed in, so there is no actor; the subject is the account when it exists. */
export function signInFailed(db: Db, userId: number | null, method: SignInMethod, reason: SignInFailure, now: Date): void {
	record(db, { actorId: null, action: 'person.sign_in_failed', ...subjectOf(userId, method), details: { method, reason }, at: now });
	// the failure is kept (counted before the check, 0013), so its transaction commits: counted for GET /metrics
	happened('sign_in_failed');
}

/**
 * A try was refused because of earlier failures. Written at most once per account (or stand-in)
 * in each longest wait, so someone hammering the form cannot fill the log.
 */
export function signInThrottled(db: Db, userId: number | null, method: SignInMethod, waitSeconds: number, now: Date): void {
	const subject = subjectOf(userId, method);
	const since = new Date(now.getTime() - THROTTLE.maxWaitMs);
	// audit_entry_action_idx: only this action's recent entries are read
	const already = db
		.select({ id: auditEntry.id, details: auditEntry.details })
		.from(auditEntry)
		.where(
			and(
				eq(auditEntry.action, 'person.sign_in_throttled'),
				gt(auditEntry.at, since),
				eq(auditEntry.subjectType, subject.subjectType),
				eq(auditEntry.subjectId, subject.subjectId)
			)
		)
		.all()
		.some((e) => (JSON.parse(e.details) as { method?: string }).method === method);
	if (already) return;
	record(db, { actorId: null, action: 'person.sign_in_throttled', ...subject, details: { method, waitSeconds }, at: now });
	happened('sign_in_held_back');
}
