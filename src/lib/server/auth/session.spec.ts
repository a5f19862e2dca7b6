import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { session, user, userRole } from '../db/schema';
import { addPerson, testDb } from '../testing';
import {
	ABSOLUTE_LIFETIME_MS,
	IDLE_TIMEOUT_MS,
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	markVerified,
	validateSessionToken
} from './session';
import { hashToken } from './tokens';

const HOUR = 3_600_000;
const t0 = new Date('2026-11-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('sessions', () => {
	it('creates a session whose token has at least 128 random bits and is stored only as its SHA-256', () => {
		const db = testDb();
		const person = addPerson(db, ['parent_carer']);
		const { token, session: s } = createSession(db, person.id, t0);
		// base32: 5 bits a character
		expect(token.length * 5).toBeGreaterThanOrEqual(128);
		expect(s.id).toBe(hashToken(token));
		expect(s.id).toMatch(/^[0-9a-f]{64}$/);
		const stored = db.select().from(session).all();
		expect(stored).toHaveLength(1);
		expect(JSON.stringify(stored)).not.toContain(token);
		expect(createSession(db, person.id, t0).token).not.toBe(token);
	});

	it('validates a token and returns the person with their roles', () => {
		const db = testDb();
		const person = addPerson(db, ['organiser', 'parent_carer'], { name: 'Ola' });
		const { token } = createSession(db, person.id, t0);
		const found = validateSessionToken(db, token, at(HOUR / 2));
		expect(found?.user).toMatchObject({ id: person.id, name: 'Ola' });
		expect(found?.user.roles.sort()).toEqual(['organiser', 'parent_carer']);
		expect(validateSessionToken(db, token + 'x', at(1))).toBeNull();
	});

	it('slides the idle deadline when used, at most once an hour', () => {
		const db = testDb();
		const person = addPerson(db, []);
		const { token } = createSession(db, person.id, t0);
		const early = validateSessionToken(db, token, at(10 * 60_000));
		expect(early?.session.expiresAt.getTime()).toBe(t0.getTime() + IDLE_TIMEOUT_MS);
		const later = validateSessionToken(db, token, at(3 * HOUR));
		expect(later?.session.expiresAt.getTime()).toBe(t0.getTime() + 3 * HOUR + IDLE_TIMEOUT_MS);
		const row = db.select().from(session).get();
		expect(row?.expiresAt.getTime()).toBe(t0.getTime() + 3 * HOUR + IDLE_TIMEOUT_MS);
	});

	it('ends a session left idle past the idle timeout', () => {
		const db = testDb();
		const person = addPerson(db, []);
		const { token } = createSession(db, person.id, t0);
		expect(validateSessionToken(db, token, at(IDLE_TIMEOUT_MS - 1))).not.toBeNull();
		// used just before the deadline, so it slid; now leave it idle for the whole timeout
		const used = at(IDLE_TIMEOUT_MS - 1).getTime();
		expect(validateSessionToken(db, token, new Date(used + IDLE_TIMEOUT_MS))).toBeNull();
		expect(db.select().from(session).all()).toHaveLength(0);
	});

	it('ends a session at its absolute lifetime even when used all along', () => {
		const db = testDb();
		const person = addPerson(db, []);
		const { token } = createSession(db, person.id, t0);
		for (let t = 0; t < ABSOLUTE_LIFETIME_MS; t += 2 * 24 * HOUR) {
			expect(validateSessionToken(db, token, at(t))).not.toBeNull();
		}
		expect(validateSessionToken(db, token, at(ABSOLUTE_LIFETIME_MS))).toBeNull();
	});

	it('signs out one session, or every session of a person', () => {
		const db = testDb();
		const a = addPerson(db, []);
		const b = addPerson(db, []);
		const a1 = createSession(db, a.id, t0);
		const a2 = createSession(db, a.id, t0);
		const b1 = createSession(db, b.id, t0);
		invalidateSession(db, a1.session.id);
		expect(validateSessionToken(db, a1.token, at(1))).toBeNull();
		expect(validateSessionToken(db, a2.token, at(1))).not.toBeNull();
		invalidateUserSessions(db, a.id);
		expect(validateSessionToken(db, a2.token, at(1))).toBeNull();
		expect(validateSessionToken(db, b1.token, at(1))).not.toBeNull();
	});

	it('refuses the session of a disabled account', () => {
		const db = testDb();
		const person = addPerson(db, []);
		const { token } = createSession(db, person.id, t0);
		db.update(user).set({ disabledAt: t0 }).where(eq(user.id, person.id)).run();
		expect(validateSessionToken(db, token, at(1))).toBeNull();
	});

	it('gives admins and safeguarding leads short sessions: 30 minutes idle, 12 hours in all', () => {
		for (const role of ['admin', 'safeguarding_lead'] as const) {
			const db = testDb();
			const person = addPerson(db, [role, 'parent_carer']);
			const idle = createSession(db, person.id, t0);
			expect(validateSessionToken(db, idle.token, at(29 * 60_000))).not.toBeNull();
			expect(validateSessionToken(db, idle.token, at(29 * 60_000 + 30 * 60_000))).toBeNull();
			// used every 20 minutes it lives on, but never past 12 hours
			const busy = createSession(db, person.id, t0);
			let last = 0;
			for (let m = 20; m < 12 * 60; m += 20) {
				expect(validateSessionToken(db, busy.token, at(m * 60_000)), `${role} at ${m} min`).not.toBeNull();
				last = m;
			}
			expect(last).toBeGreaterThan(11 * 60);
			expect(validateSessionToken(db, busy.token, at(12 * HOUR))).toBeNull();
		}
	});

	it('ends a session whose deadlines are longer than the person\'s roles now allow', () => {
		const db = testDb();
		const person = addPerson(db, ['parent_carer']);
		const { token } = createSession(db, person.id, t0);
		// made admin behind the session's back (changing roles ends sessions too: this is the backstop)
		db.insert(userRole).values({ userId: person.id, role: 'admin' }).run();
		expect(validateSessionToken(db, token, at(1000))).toBeNull();
	});

	it('remembers when the person last proved who they are, and a new proof moves it', () => {
		const db = testDb();
		const person = addPerson(db, ['parent_carer']);
		const { token, session: s } = createSession(db, person.id, t0);
		expect(validateSessionToken(db, token, at(HOUR))?.user.verifiedAt).toEqual(t0);
		markVerified(db, s.id, at(2 * HOUR));
		expect(validateSessionToken(db, token, at(2 * HOUR))?.user.verifiedAt).toEqual(at(2 * HOUR));
	});

	it('tidies away expired sessions', () => {
		const db = testDb();
		const person = addPerson(db, []);
		createSession(db, person.id, t0);
		createSession(db, person.id, at(IDLE_TIMEOUT_MS));
		expect(deleteExpiredSessions(db, at(IDLE_TIMEOUT_MS + 1))).toBe(1);
		expect(db.select().from(session).all()).toHaveLength(1);
	});
});

describe('session cookie', () => {
	it('is HttpOnly, SameSite=Lax, Secure only over https, and expires with the session', async () => {
		const { setSessionCookie, SESSION_COOKIE } = await import('./session');
		const set: { name: string; value: string; options: Record<string, unknown> }[] = [];
		const cookies = { set: (name: string, value: string, options: Record<string, unknown>) => set.push({ name, value, options }) };
		const db = testDb();
		const person = addPerson(db, []);
		const { token, session: s } = createSession(db, person.id, t0);
		setSessionCookie(cookies as never, token, s, true);
		setSessionCookie(cookies as never, token, s, false);
		expect(set[0]).toMatchObject({ name: SESSION_COOKIE, value: token, options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/' } });
		expect(set[1].options.secure).toBe(false);
		expect((set[0].options.expires as Date).getTime()).toBe(t0.getTime() + IDLE_TIMEOUT_MS);
	});
});
