import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Role } from '$lib/roles';
import { oncePerDb, type Db } from '../db';
import { session, signInChallenge, user, userRole, type Session } from '../db/schema';
import { generateToken, hashToken } from './tokens';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The roles that can see the most (every person's record; children's words about harm). They
 * must use two-step sign-in, and their sessions are short.
 */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'safeguarding_lead'];

export function isPrivileged(roles: readonly Role[]): boolean {
	return roles.some((r) => PRIVILEGED_ROLES.includes(r));
}

/**
 * How long a session lasts: it ends after `idleMs` without use, and after `absoluteMs` whatever
 * happens. The idle deadline is pushed back at most once every `slideAfterMs`, to spare the
 * database a write per request.
 */
export const SESSION_LIMITS = {
	standard: { idleMs: 7 * DAY, absoluteMs: 30 * DAY, slideAfterMs: HOUR },
	privileged: { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR, slideAfterMs: MINUTE }
} as const;

/** The limits for a person holding these roles. */
export function sessionLimits(roles: readonly Role[]) {
	return isPrivileged(roles) ? SESSION_LIMITS.privileged : SESSION_LIMITS.standard;
}

/** The standard limits (everyone but admins and safeguarding leads). */
export const IDLE_TIMEOUT_MS = SESSION_LIMITS.standard.idleMs;
export const ABSOLUTE_LIFETIME_MS = SESSION_LIMITS.standard.absoluteMs;

export const SESSION_COOKIE = 'chorus_session';

/**
 * The person behind a valid session, as the app sees them (and as services see the actor).
 * `verifiedAt` is when they last proved who they are in this browser: dangerous steps ask again
 * when it is old (permissions.ts, requireRecentSignIn).
 */
export type SessionUser = { id: number; email: string | null; name: string; roles: Role[]; verifiedAt: Date };

/**
 * Starts a session for a person who has just proved who they are (so `verifiedAt` is now), with
 * the limits their roles give. Returns the token for the cookie (never stored) and the row.
 */
export function createSession(db: Db, userId: number, now = new Date()) {
	const limits = sessionLimits(queries(db).roles.all({ userId }).map((r) => r.role));
	const token = generateToken();
	const row: Session = {
		id: hashToken(token),
		userId,
		createdAt: now,
		expiresAt: new Date(now.getTime() + limits.idleMs),
		absoluteExpiresAt: new Date(now.getTime() + limits.absoluteMs),
		verifiedAt: now
	};
	db.insert(session).values(row).run();
	return { token, session: row };
}

/** The person proved who they are again in this browser ("Confirm it's you"). */
export function markVerified(db: Db, sessionId: string, now = new Date()): void {
	db.update(session).set({ verifiedAt: now }).where(eq(session.id, sessionId)).run();
}

/**
 * Looks up the session for a cookie token. Returns null (and deletes the row) when it has
 * passed either deadline, the account is disabled, or its deadlines are longer than the person's
 * roles allow now; otherwise slides the idle deadline and returns the session and its person
 * with their roles.
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
	const roles = q.roles.all({ userId: row.user.id }).map((r) => r.role);
	const limits = sessionLimits(roles);
	// a session started under roles that allowed more (changing roles ends sessions too; this is the backstop)
	const tooLong =
		row.session.expiresAt.getTime() - t > limits.idleMs ||
		row.session.absoluteExpiresAt.getTime() - row.session.createdAt.getTime() > limits.absoluteMs;
	if (tooLong || t >= row.session.expiresAt.getTime() || t >= row.session.absoluteExpiresAt.getTime()) {
		q.remove.run({ id });
		return null;
	}
	if (row.session.expiresAt.getTime() - t < limits.idleMs - limits.slideAfterMs) {
		row.session.expiresAt = new Date(t + limits.idleMs);
		db.update(session).set({ expiresAt: row.session.expiresAt }).where(eq(session.id, id)).run();
	}
	return { session: row.session, user: { ...row.user, roles, verifiedAt: row.session.verifiedAt } };
}

// Every request validates its session, so its queries are prepared once per database.
const queries = oncePerDb(prepare);
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

/** Ends one session (sign out). */
export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(session).where(eq(session.id, sessionId)).run();
}

/**
 * Ends every session of a person, and any sign-in half done: on a password change, when
 * disabled, when their roles change, when a young person gets a new card.
 */
export function invalidateUserSessions(db: Db, userId: number): void {
	db.delete(session).where(eq(session.userId, userId)).run();
	db.delete(signInChallenge).where(eq(signInChallenge.userId, userId)).run();
}

/** Deletes sessions (and half-done sign-ins) past their deadlines; run from time to time. */
export function deleteExpiredSessions(db: Db, now = new Date()): number {
	db.delete(signInChallenge).where(lte(signInChallenge.expiresAt, now)).run();
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
