import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { signInThrottle } from '../db/schema';
import { hashToken } from './tokens';

/**
 * Sign-in throttling. Failed sign-ins are counted per account and per address. After a few
 * free tries each further try must wait, the wait doubling each time up to a cap, so guessing
 * becomes slow while the real owner is never locked out for good: the wait always ends, and
 * the count is forgotten a day after the last failure.
 */
export const THROTTLE = {
	account: { freeFailures: 5 },
	// An address may be a school or a library with many people behind it.
	address: { freeFailures: 20 },
	firstWaitMs: 30_000,
	maxWaitMs: 15 * 60_000,
	forgetAfterMs: 24 * 60 * 60_000
} as const;

export type ThrottleKeys = { account: string; address: string };

/** Builds the stored keys for an email and a client address: hashes, never the clear values. */
export function throttleKeys(email: string, address: string): ThrottleKeys {
	return {
		account: hashToken(`account:${email.trim().toLowerCase()}`),
		address: hashToken(`address:${address}`)
	};
}

/** How long a key with `failures` failures must wait after its last failure. */
export function waitFor(failures: number, freeFailures: number): number {
	if (failures < freeFailures) return 0;
	const doublings = Math.min(failures - freeFailures, 20);
	return Math.min(THROTTLE.firstWaitMs * 2 ** doublings, THROTTLE.maxWaitMs);
}

/** Whether a sign-in may be tried now; if not, how many seconds until it may. */
export function checkThrottle(
	db: Db,
	keys: ThrottleKeys,
	now = new Date()
): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
	const rows = db
		.select()
		.from(signInThrottle)
		.where(inArray(signInThrottle.key, [keys.account, keys.address]))
		.all();
	let until = 0;
	for (const row of rows) {
		const free =
			row.key === keys.account ? THROTTLE.account.freeFailures : THROTTLE.address.freeFailures;
		const last = row.lastFailureAt.getTime();
		if (now.getTime() - last >= THROTTLE.forgetAfterMs) continue;
		until = Math.max(until, last + waitFor(row.failures, free));
	}
	if (until > now.getTime()) {
		return { allowed: false, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
	}
	return { allowed: true };
}

/** Counts a failed sign-in against both the account and the address. */
export function recordFailure(db: Db, keys: ThrottleKeys, now = new Date()): void {
	const stale = new Date(now.getTime() - THROTTLE.forgetAfterMs);
	db.transaction((tx) => {
		for (const key of [keys.account, keys.address]) {
			tx.insert(signInThrottle)
				.values({ key, failures: 1, lastFailureAt: now })
				.onConflictDoUpdate({
					target: signInThrottle.key,
					// a count older than the forget window starts again at one
					set: {
						failures: sql`CASE WHEN ${signInThrottle.lastFailureAt} <= ${stale.getTime()} THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
						lastFailureAt: now
					}
				})
				.run();
		}
	});
}

/** A successful sign-in clears the account's count (the address keeps its own). */
export function recordSuccess(db: Db, keys: ThrottleKeys): void {
	db.delete(signInThrottle).where(eq(signInThrottle.key, keys.account)).run();
}

/** Removes counts nobody needs any more. */
export function forgetOldFailures(db: Db, now = new Date()): number {
	const stale = new Date(now.getTime() - THROTTLE.forgetAfterMs);
	return db.delete(signInThrottle).where(lt(signInThrottle.lastFailureAt, stale)).run().changes;
}
