import { describe, expect, it } from 'vitest';
import { signInThrottle } from '../db/schema';
import { testDb } from '../testing';
import {
	THROTTLE,
	checkThrottle,
	forgetOldFailures,
	recordFailure,
	recordSuccess,
	throttleKeys,
	waitFor
} from './throttle';

const t0 = new Date('2026-11-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sign-in throttling', () => {
	it('lets the first few failures through, then makes each try wait longer, up to a cap', () => {
		expect(waitFor(THROTTLE.account.freeFailures - 1, THROTTLE.account.freeFailures)).toBe(0);
		expect(waitFor(THROTTLE.account.freeFailures, THROTTLE.account.freeFailures)).toBe(THROTTLE.firstWaitMs);
		expect(waitFor(THROTTLE.account.freeFailures + 1, THROTTLE.account.freeFailures)).toBe(2 * THROTTLE.firstWaitMs);
		expect(waitFor(1000, THROTTLE.account.freeFailures)).toBe(THROTTLE.maxWaitMs);
	});

	it('slows an account after repeated failures, and the wait always ends', () => {
		const db = testDb();
		const keys = throttleKeys('Parent@Example.org', '192.0.2.1');
		for (let i = 0; i < THROTTLE.account.freeFailures; i++) {
			expect(checkThrottle(db, keys, at(i)).allowed).toBe(true);
			recordFailure(db, keys, at(i));
		}
		const blocked = checkThrottle(db, keys, at(THROTTLE.account.freeFailures));
		expect(blocked).toEqual({ allowed: false, retryAfterSeconds: THROTTLE.firstWaitMs / 1000 });
		expect(checkThrottle(db, keys, at(THROTTLE.account.freeFailures - 1 + THROTTLE.firstWaitMs)).allowed).toBe(true);
	});

	it('never locks anyone out for good: even after many failures the wait is at most the cap', () => {
		const db = testDb();
		const keys = throttleKeys('a@example.org', '192.0.2.1');
		for (let i = 0; i < 200; i++) recordFailure(db, keys, at(i));
		const blocked = checkThrottle(db, keys, at(200));
		expect(blocked.allowed).toBe(false);
		expect(checkThrottle(db, keys, at(199 + THROTTLE.maxWaitMs)).allowed).toBe(true);
	});

	it('throttles per account whatever the address, matching the email in any case', () => {
		const db = testDb();
		for (let i = 0; i < THROTTLE.account.freeFailures; i++) {
			recordFailure(db, throttleKeys('victim@example.org', `198.51.100.${i}`), at(i));
		}
		expect(checkThrottle(db, throttleKeys('VICTIM@example.org ', '203.0.113.9'), at(10)).allowed).toBe(false);
		expect(checkThrottle(db, throttleKeys('other@example.org', '203.0.113.9'), at(10)).allowed).toBe(true);
	});

	it('throttles per address across many accounts', () => {
		const db = testDb();
		for (let i = 0; i < THROTTLE.address.freeFailures; i++) {
			recordFailure(db, throttleKeys(`guess${i}@example.org`, '192.0.2.50'), at(i));
		}
		expect(checkThrottle(db, throttleKeys('new@example.org', '192.0.2.50'), at(100)).allowed).toBe(false);
		expect(checkThrottle(db, throttleKeys('new@example.org', '192.0.2.51'), at(100)).allowed).toBe(true);
	});

	it('clears the account count on success and forgets old failures', () => {
		const db = testDb();
		const keys = throttleKeys('p@example.org', '192.0.2.1');
		for (let i = 0; i < 10; i++) recordFailure(db, keys, at(i));
		recordSuccess(db, keys);
		expect(checkThrottle(db, throttleKeys('p@example.org', '192.0.2.2'), at(11)).allowed).toBe(true);
		// a failure a day later starts counting again from one
		recordFailure(db, keys, at(THROTTLE.forgetAfterMs + 20));
		const rows = db.select().from(signInThrottle).all();
		expect(rows.every((r) => r.failures === 1)).toBe(true);
		expect(forgetOldFailures(db, at(2 * THROTTLE.forgetAfterMs + 21))).toBe(2);
	});

	it('stores no email or address in the clear', () => {
		const db = testDb();
		recordFailure(db, throttleKeys('secret@example.org', '192.0.2.77'), t0);
		const dump = JSON.stringify(db.select().from(signInThrottle).all());
		expect(dump).not.toContain('secret');
		expect(dump).not.toContain('192.0.2.77');
	});
});
