import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Role } from '$lib/roles';
import type { Db } from '../db';
import { session, user, userRole, type Session } from '../db/schema';
import { generateToken, hashToken } from './tokens';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** A session ends after this long without use... */
export const IDLE_TIMEOUT_MS = 7 * DAY;
/** ...and after this long whatever happens. */
export const ABSOLUTE_LIFETIME_MS = 30 * DAY;
/** The idle deadline is pushed back at most once an hour, to spare the database a write per request. */
const SLIDE_AFTER_MS = HOUR;

export const SESSION_COOKIE = 'chorus_session';

/** The person behind a valid session, as the app sees them. */
export type SessionUser = { id: number; email: string | null; name: string; roles: Role[] };

/** Starts a session for a person. Returns the token for the cookie (never stored) and the row. */
export function createSession(db: Db, userId: number, now = new Date()) {
	const token = generateToken();
	const row: Session = {
		id: hashToken(token),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + IDLE_TIMEOUT_MS),
		absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS)
	};
	db.insert(session).values(row).run();
	return { token, session: row };
}

/**
 * Looks up the session for a cookie token. Returns null (and deletes the row) when it has
 * passed either deadline or the account is disabled; otherwise slides the idle deadline and
 * returns the session and its person with their roles.
 */
export function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): { session: Session; user: SessionUser } | null {
	const q = queries(db);
	const id = hashToken(token);
	const row = q.lookup.get({ id });
	if (!row) {
		q.remove.run({ id });
		return null;
	}
	const t = now.getTime();
	if (t >= row.session.expiresAt.getTime() || t >= row.session.absoluteExpiresAt.getTime()) {
		q.remove.run({ id });
		return null;
	}
	if (row.session.expiresAt.getTime() - t < IDLE_TIMEOUT_MS - SLIDE_AFTER_MS) {
		row.session.expiresAt = new Date(t + IDLE_TIMEOUT_MS);
		db.update(session).set({ expiresAt: row.session.expiresAt }).where(eq(session.id, id)).run();
	}
	const roles = q.roles.all({ userId: row.user.id }).map((r) => r.role);
	return { session: row.session, user: { ...row.user, roles } };
}

// Every request validates its session, so its queries are prepared once per database.
const prepared = new WeakMap<Db, ReturnType<typeof prepare>>();
function prepare(db: Db) {
	return {
		lookup: db
			.select({ session, user: { id: user.id, email: user.email, name: user.name } })
			.from(session)
			.innerJoin(user, and(eq(user.id, session.userId), isNull(user.disabledAt)))
			.where(eq(session.id, sql.placeholder('id')))
			.prepare(),
		remove: db.delete(session).where(eq(session.id, sql.placeholder('id'))).prepare(),
		roles: db
			.select({ role: userRole.role })
			.from(userRole)
			.where(eq(userRole.userId, sql.placeholder('userId')))
			.prepare()
	};
}
function queries(db: Db) {
	let q = prepared.get(db);
	if (!q) prepared.set(db, (q = prepare(db)));
	return q;
}

/** Ends one session (sign out). */
export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

/** Ends every session of a person: on a password change, when disabled, when roles change. */
export function invalidateUserSessions(db: Db, userId: number): void {
	db.delete(session).where(eq(session.userId, userId)).run();
}

/** Deletes sessions past either deadline; run from time to time so the table stays small. */
export function deleteExpiredSessions(db: Db, now = new Date()): number {
	return db
		.delete(session)
		.where(or(lte(session.expiresAt, now), lte(session.absoluteExpiresAt, now)))
		.run().changes;
}

/** When the cookie should expire: the earlier of the two deadlines. */
export function cookieExpiry(s: Session): Date {
	return s.expiresAt < s.absoluteExpiresAt ? s.expiresAt : s.absoluteExpiresAt;
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when the site is served over https. */
export function setSessionCookie(cookies: Cookies, token: string, s: Session, secure: boolean) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: cookieExpiry(s)
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
