import { describe, expect, it } from 'vitest';
import { signInThrottle } from '../db/schema';
import { testDb } from '../testing';
import { hashToken } from './tokens';
import { THROTTLE, addressKey, counterKey, forgetOldFailures, limits, takeTry, trySucceeded, waitFor, type Limit } from './throttle';

const t0 = new Date('2026-11-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const ACCOUNT_FREE = limits.account('x@example.org').freeFailures;
const ADDRESS_FREE = limits.address('192.0.2.1').freeFailures;
const tryAs = (email: string, address: string): Limit[] => [limits.account(email), limits.address(address)];

describe('throttling', () => {
	it('lets the first few tries through, then makes each wait longer, up to a cap', () => {
		expect(waitFor(ACCOUNT_FREE - 1, ACCOUNT_FREE)).toBe(0);
		expect(waitFor(ACCOUNT_FREE, ACCOUNT_FREE)).toBe(THROTTLE.firstWaitMs);
		expect(waitFor(ACCOUNT_FREE + 1, ACCOUNT_FREE)).toBe(2 * THROTTLE.firstWaitMs);
		expect(waitFor(1000, ACCOUNT_FREE)).toBe(THROTTLE.maxWaitMs);
		expect(waitFor(1000, ADDRESS_FREE, limits.address('192.0.2.1').maxWaitMs)).toBe(5 * 60_000);
	});

	it('counts a try before it is checked: once the free tries are taken, the rest are refused unchecked', () => {
		const db = testDb();
		const gates = Array.from({ length: 300 }, () => takeTry(db, tryAs('victim@example.org', '192.0.2.1'), t0));
		// a burst all at the same moment: exactly the free tries get through, nothing else
		expect(gates.filter((g) => g.allowed)).toHaveLength(ACCOUNT_FREE);
		const refused = gates.find((g) => !g.allowed);
		expect(refused).toEqual({ allowed: false, retryAfterSeconds: THROTTLE.firstWaitMs / 1000 });
		// refused tries are not counted: the wait does not grow however hard someone hammers
		expect(db.select().from(signInThrottle).all().map((r) => r.failures)).toEqual([ACCOUNT_FREE, ACCOUNT_FREE]);
	});

	it('slows an account after repeated failures, and the wait always ends', () => {
		const db = testDb();
		for (let i = 0; i < ACCOUNT_FREE; i++) expect(takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(i)).allowed).toBe(true);
		expect(takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(ACCOUNT_FREE)).allowed).toBe(false);
		expect(takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(ACCOUNT_FREE - 1 + THROTTLE.firstWaitMs)).allowed).toBe(true);
	});

	it('never locks anyone out for good: even after many failures the wait is at most the cap', () => {
		const db = testDb();
		let now = 0;
		for (let taken = 0; taken < 40; ) {
			const gate = takeTry(db, tryAs('a@example.org', `198.51.100.${taken}`), at(now));
			if (gate.allowed) taken++;
			else now += gate.retryAfterSeconds * 1000;
		}
		const blocked = takeTry(db, tryAs('a@example.org', '203.0.113.1'), at(now));
		expect(blocked.allowed).toBe(false);
		expect(!blocked.allowed && blocked.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.maxWaitMs / 1000);
		expect(takeTry(db, tryAs('a@example.org', '203.0.113.1'), at(now + THROTTLE.maxWaitMs)).allowed).toBe(true);
	});

	it('throttles per account whatever the address, matching the email in any case', () => {
		const db = testDb();
		for (let i = 0; i < ACCOUNT_FREE; i++) takeTry(db, tryAs('victim@example.org', `198.51.100.${i}`), at(i));
		expect(takeTry(db, tryAs('VICTIM@example.org ', '203.0.113.9'), at(10)).allowed).toBe(false);
		expect(takeTry(db, tryAs('other@example.org', '203.0.113.9'), at(10)).allowed).toBe(true);
	});

	it('throttles per address across many accounts, but only slows it: the wait ends after 5 minutes at most', () => {
		const db = testDb();
		for (let i = 0; i < ADDRESS_FREE; i++) takeTry(db, tryAs(`guess${i}@example.org`, '192.0.2.50'), at(i));
		expect(takeTry(db, tryAs('new@example.org', '192.0.2.50'), at(100)).allowed).toBe(false);
		expect(takeTry(db, tryAs('new@example.org', '192.0.2.51'), at(100)).allowed).toBe(true);
		expect(takeTry(db, tryAs('new@example.org', '192.0.2.50'), at(100 + 5 * 60_000)).allowed).toBe(true);
	});

	it('a right try clears the account and gives the address its one try back', () => {
		const db = testDb();
		for (let i = 0; i < 3; i++) takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(i));
		const gate = takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(4));
		expect(gate.allowed).toBe(true);
		if (gate.allowed) trySucceeded(db, gate);
		const rows = db.select().from(signInThrottle).all();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ key: limits.address('192.0.2.1').key, failures: 3 });
	});

	it('forgets counts a day old, and starts them again from one', () => {
		const db = testDb();
		for (let i = 0; i < 3; i++) takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(i));
		takeTry(db, tryAs('p@example.org', '192.0.2.1'), at(THROTTLE.forgetAfterMs + 20));
		expect(db.select().from(signInThrottle).all().every((r) => r.failures === 1)).toBe(true);
		expect(forgetOldFailures(db, at(2 * THROTTLE.forgetAfterMs + 21))).toBe(2);
	});

	it('stores no email or address in the clear, nor as a plain hash anyone could recompute', () => {
		const db = testDb();
		takeTry(db, tryAs('secret@example.org', '192.0.2.77'), t0);
		const keys = db.select().from(signInThrottle).all().map((r) => r.key);
		const dump = JSON.stringify(keys);
		expect(dump).not.toContain('secret');
		expect(dump).not.toContain('192.0.2.77');
		// hashing every IPv4 address would find a plain SHA-256 of one: the key needs the secret key too
		expect(keys).not.toContain(hashToken('address:192.0.2.77'));
		expect(keys).not.toContain(hashToken('account:secret@example.org'));
		expect(keys).toContain(counterKey('address:192.0.2.77'));
	});
});

describe('the address a throttle counts', () => {
	it('keeps an IPv4 address, also when written IPv4-mapped', () => {
		expect(addressKey('192.0.2.1')).toBe('192.0.2.1');
		expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
	});

	it('counts an IPv6 address as its /64, however it is written', () => {
		const same = ['2001:db8:1:2::1', '2001:0db8:0001:0002:0000:0000:0000:0002', '2001:DB8:1:2:ffff:ffff:ffff:ffff', '[2001:db8:1:2::9]', 'fe80::1%eth0'.replace('fe80::1', '2001:db8:1:2::1')];
		expect(new Set(same.map(addressKey))).toEqual(new Set(['2001:db8:1:2::/64']));
		expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
	});

	it('throttles a whole /64 together: a fresh address in it is no fresh start', () => {
		const db = testDb();
		for (let i = 0; i < ADDRESS_FREE; i++) takeTry(db, [limits.address(`2001:db8:5:6::${(i + 1).toString(16)}`)], at(i));
		expect(takeTry(db, [limits.address('2001:db8:5:6:abcd::1')], at(100)).allowed).toBe(false);
		expect(takeTry(db, [limits.address('2001:db8:5:7::1')], at(100)).allowed).toBe(true);
	});

	it('leaves something that is not an address as it is (it is still only ever hashed)', () => {
		expect(addressKey('not an address')).toBe('not an address');
		expect(addressKey('1:2:3')).toBe('1:2:3');
	});
});
