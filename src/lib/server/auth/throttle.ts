import { inArray, lt, sql } from 'drizzle-orm';
import { writeTransaction, type Db } from '../db';
import { signInThrottle } from '../db/schema';
import { createHmac } from 'node:crypto';
import { secretKey } from './secret-key';

/**
 * Throttling of anything that can be guessed: passwords, one-time codes, the "current password"
 * on the account page, receipt codes. Tries are counted per key (an account, a client address...).
 * After a few free tries each further try must wait, the wait doubling each time up to a cap, so
 * guessing becomes slow while the real owner is never locked out for good: the wait always ends,
 * and the count is forgotten a day after the last try.
 *
 * A try is counted BEFORE it is checked, in one immediate transaction with the decision: a burst of
 * parallel guesses is counted one by one, and once the free tries are taken the rest are refused
 * without being checked. A try that then succeeds gives its count back (trySucceeded).
 */
export const THROTTLE = {
	firstWaitMs: 30_000,
	/** The longest wait of any limit (the audit log notes a held-back try at most once in it). */
	maxWaitMs: 15 * 60_000,
	forgetAfterMs: 24 * 60 * 60_000
} as const;

/** One thing tries are counted against. */
export type Limit = {
	/** What is counted ("account:<email>", "address:<ip>"...) as an HMAC (counterKey), or a hash: never in the clear. */
	key: string;
	freeFailures: number;
	maxWaitMs: number;
	/** A success clears the count (an account), rather than giving back one try (an address). */
	clearOnSuccess: boolean;
};

/**
 * The address a throttle counts: an IPv4 address as it is (also when written IPv4-mapped, as
 * `::ffff:192.0.2.1`), an IPv6 address as its /64 — one home or one phone network customer has a
 * whole /64 and could otherwise take a fresh address for every guess.
 */
export function addressKey(address: string): string {
	const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
	const mapped = a.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/);
	if (mapped) return mapped[1];
	if (!a.includes(':')) return a;
	const groups = expandIpv6(a);
	return groups ? `${groups.slice(0, 4).join(':')}::/64` : a;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function expandIpv6(a: string): string[] | null {
	let text = a;
	// an IPv4 tail (::ffff:1.2.3.4 forms other than the plain mapped one) becomes two groups
	const v4 = text.match(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
	if (v4) {
		const [b1, b2, b3, b4] = v4.slice(1).map(Number);
		if ([b1, b2, b3, b4].some((b) => b > 255)) return null;
		text = text.slice(0, v4.index) + ((b1 << 8) | b2).toString(16) + ':' + ((b3 << 8) | b4).toString(16);
	}
	const halves = text.split('::');
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(':') : [];
	const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - tail.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => parseInt(g, 16).toString(16));
}

/**
 * What a count is stored under: an HMAC-SHA-256 with the deployment's secret key. A plain hash of
 * an IPv4 address could be turned back by hashing all four billion of them; without the key (kept
 * apart from the database and its backups) a copy of the table names no address and no email.
 */
export function counterKey(text: string): string {
	return createHmac('sha256', secretKey()).update(text).digest('hex');
}

/** The limits Chorus uses, each with its own key. */
export const limits = {
	/** Sign-in tries for one email, whatever the address. */
	account: (email: string): Limit => ({
		key: counterKey(`account:${email.trim().toLowerCase()}`),
		freeFailures: 5,
		maxWaitMs: THROTTLE.maxWaitMs,
		clearOnSuccess: true
	}),
	/**
	 * Tries from one address, whatever is tried. An address may be a school or a library with many
	 * people behind it, so it gets more free tries and a shorter longest wait: it slows, never blocks.
	 */
	address: (address: string): Limit => ({
		key: counterKey(`address:${addressKey(address)}`),
		freeFailures: 20,
		maxWaitMs: 5 * 60_000,
		clearOnSuccess: false
	}),
	/** One-time codes and recovery codes of one person's two-step sign-in. */
	secondStep: (userId: number): Limit => ({
		key: counterKey(`second-step:${userId}`),
		freeFailures: 5,
		maxWaitMs: THROTTLE.maxWaitMs,
		clearOnSuccess: true
	}),
	/** The "current password" asked before a password change or a dangerous step. */
	currentPassword: (userId: number): Limit => ({
		key: counterKey(`current-password:${userId}`),
		freeFailures: 5,
		maxWaitMs: THROTTLE.maxWaitMs,
		clearOnSuccess: true
	})
};

/** How long a key with `failures` counted tries must wait after its last one. */
export function waitFor(failures: number, freeFailures: number, maxWaitMs: number = THROTTLE.maxWaitMs): number {
	if (failures < freeFailures) return 0;
	const doublings = Math.min(failures - freeFailures, 20);
	return Math.min(THROTTLE.firstWaitMs * 2 ** doublings, maxWaitMs);
}

export type Gate = { allowed: true; limits: readonly Limit[] } | { allowed: false; retryAfterSeconds: number };

/**
 * Takes one try against every limit, or refuses it. In one immediate transaction: reads the
 * counts; if any limit asks to wait, refuses without counting (a refused try changes nothing, so
 * hammering cannot lock anyone out for longer); otherwise counts the try against each limit now,
 * before the caller checks anything. Pass the gate to `trySucceeded` when the try turns out right.
 */
export function takeTry(db: Db, tried: readonly Limit[], now = new Date()): Gate {
	return writeTransaction(db, (tx) => {
		const rows = tx
			.select()
			.from(signInThrottle)
			.where(inArray(signInThrottle.key, tried.map((l) => l.key)))
			.all();
		let until = 0;
		for (const row of rows) {
			const l = tried.find((x) => x.key === row.key)!;
			const last = row.lastFailureAt.getTime();
			if (now.getTime() - last >= THROTTLE.forgetAfterMs) continue;
			until = Math.max(until, last + waitFor(row.failures, l.freeFailures, l.maxWaitMs));
		}
		if (until > now.getTime()) {
			return { allowed: false, retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) } as const;
		}
		const stale = now.getTime() - THROTTLE.forgetAfterMs;
		for (const { key } of tried) {
			tx.insert(signInThrottle)
				.values({ key, failures: 1, lastFailureAt: now })
				.onConflictDoUpdate({
					target: signInThrottle.key,
					// a count older than the forget window starts again at one
					set: {
						failures: sql`CASE WHEN ${signInThrottle.lastFailureAt} <= ${stale} THEN 1 ELSE ${signInThrottle.failures} + 1 END`,
						lastFailureAt: now
					}
				})
				.run();
		}
		return { allowed: true, limits: tried } as const;
	});
}

/**
 * The try was right: an account's count is cleared, an address gets its one try back (the
 * others from that address still count). Call inside the transaction that signs the person in.
 */
export function trySucceeded(db: Db, gate: Extract<Gate, { allowed: true }>): void {
	for (const l of gate.limits) {
		if (l.clearOnSuccess) {
			db.delete(signInThrottle).where(sql`${signInThrottle.key} = ${l.key}`).run();
		} else {
			db.update(signInThrottle)
				.set({ failures: sql`max(${signInThrottle.failures} - 1, 0)` })
				.where(sql`${signInThrottle.key} = ${l.key}`)
				.run();
		}
	}
}

/** Removes counts nobody needs any more. */
export function forgetOldFailures(db: Db, now = new Date()): number {
	const stale = new Date(now.getTime() - THROTTLE.forgetAfterMs);
	return db.delete(signInThrottle).where(lt(signInThrottle.lastFailureAt, stale)).run().changes;
}
