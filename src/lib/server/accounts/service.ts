import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { ROLES, type Role } from '$lib/roles';
import { DAY_MS } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { passwordToken, user, userRole } from '../db/schema';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as signins from '../audit';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	type SessionUser
} from '../auth/session';
import { limits, takeTry, trySucceeded } from '../auth/throttle';
import { generateToken, hashToken } from '../auth/tokens';
import { isCommonPassword } from '../auth/common-passwords';
import { mustSetUpTwoStep, startChallenge, usesTwoStep } from './two-step';

/** How long a set-password link stays valid. */
export const PASSWORD_LINK_LIFETIME_MS = { invite: 14 * DAY_MS, reset: 3 * DAY_MS } as const;

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

function rolesOf(db: Db, userId: number): Role[] {
	return db
		.select({ role: userRole.role })
		.from(userRole)
		.where(eq(userRole.userId, userId))
		.all()
		.map((r) => r.role)
		.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

export type SignInResult =
	| { ok: true; token: string; session: ReturnType<typeof createSession>['session'] }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number }
	/** The password was right; the one-time code (or setting two-step sign-in up) comes next. */
	| { ok: false; reason: 'second_step'; challenge: string; setUp: boolean };

/**
 * Checks an email and password. The try is counted against the account and the address BEFORE
 * the password is checked (auth/throttle.ts), so parallel guesses are counted too; too many give
 * 'throttled' without checking. Unknown email, wrong password, disabled account and account
 * without a password all give the same 'invalid' answer, in about the same time. A person who
 * uses two-step sign-in (or whose role needs it) gets 'second_step' with a token for the next
 * page, and no session yet. Otherwise a new session starts (a new token every time). Each try is
 * in the audit log, without what was typed (audit/signins.ts).
 */
export async function signIn(
	db: Db,
	input: { email: string; password: string; address: string },
	now = new Date()
): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	const gate = takeTry(db, [limits.account(email), limits.address(input.address)], now);
	if (!gate.allowed) {
		const known = db.select({ id: user.id }).from(user).where(eq(user.email, email)).get();
		writeTransaction(db, (tx) => signins.signInThrottled(tx, known?.id ?? null, 'password', gate.retryAfterSeconds, now));
		return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
	}

	const found = db.select().from(user).where(eq(user.email, email)).get();
	const matches =
		found?.passwordHash != null
			? await verifyPassword(found.passwordHash, input.password)
			: await verifyAgainstDummy(input.password);
	if (!found || !matches || found.disabledAt) {
		const reason = !found ? 'unknown_account' : found.passwordHash === null ? 'no_password' : !matches ? 'wrong_password' : 'account_disabled';
		// already counted by takeTry; audited without what was typed (see audit/signins.ts)
		writeTransaction(db, (tx) => signins.signInFailed(tx, found?.id ?? null, 'password', reason, now));
		return { ok: false, reason: 'invalid' };
	}
	return writeTransaction<SignInResult>(db, (tx) => {
		trySucceeded(tx, gate);
		const setUp = mustSetUpTwoStep(tx, found.id);
		if (setUp || usesTwoStep(tx, found.id)) {
			return { ok: false, reason: 'second_step', challenge: startChallenge(tx, found.id, setUp ? 'set_up' : 'code', now), setUp };
		}
		const { token, session } = createSession(tx, found.id, now);
		signins.signedIn(tx, found.id, 'password', now);
		return { ok: true, token, session };
	});
}

/** Ends the current session. */
export function signOut(db: Db, sessionId: string): void {
	invalidateSession(db, sessionId);
}

/** Withdraws a person's unused links and makes a new one. Returns the token for the link. */
function newPasswordToken(db: Db, userId: number, purpose: 'invite' | 'reset', now: Date): string {
	db.delete(passwordToken).where(and(eq(passwordToken.userId, userId), isNull(passwordToken.usedAt))).run();
	const token = generateToken();
	db.insert(passwordToken)
		.values({
			id: hashToken(token),
			userId,
			purpose,
			createdAt: now,
			expiresAt: new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS[purpose])
		})
		.run();
	return token;
}

export type InviteInput = { email: string; name: string; roles: Role[] };

/**
 * Invites a person: creates their account (no password yet) with roles and a one-time
 * set-password link. Returns the new person's id and the link's token.
 * Throws ForbiddenError, or ConflictError('email_taken' or 'young_person_role').
 */
export function invite(db: Db, actor: Actor, input: InviteInput, now = new Date()) {
	if (!can(actor, 'people.invite')) throw new ForbiddenError();
	// giving roles is a dangerous step: the admin proved who they are in the last 15 minutes
	requireRecentSignIn(actor, now);
	// young people get an account from their supporter, with a sign-in card instead of an email
	if (input.roles.includes('young_person')) throw new ConflictError('young_person_role');
	const email = normaliseEmail(input.email);
	return writeTransaction(db, (tx) => {
		if (tx.select({ id: user.id }).from(user).where(eq(user.email, email)).get()) {
			throw new ConflictError('email_taken');
		}
		const created = tx
			.insert(user)
			.values({ email, name: input.name.trim(), createdAt: now })
			.returning({ id: user.id })
			.get();
		const roles = [...new Set(input.roles)];
		if (roles.length) tx.insert(userRole).values(roles.map((role) => ({ userId: created.id, role }))).run();
		const token = newPasswordToken(tx, created.id, 'invite', now);
		audit.record(tx, {
			actorId: actor!.id,
			action: 'person.invited',
			subjectType: 'user',
			subjectId: created.id,
			details: { email, roles },
			at: now
		});
		recordGrants(tx, actor!.id, created.id, [], roles, now);
		return { userId: created.id, token };
	});
}

/** Makes a fresh set-password link for a person, withdrawing older ones. Returns the token. Throws ForbiddenError, NotFoundError, ConflictError('no_email'). */
export function issuePasswordLink(db: Db, actor: Actor, userId: number, now = new Date()): string {
	if (!can(actor, 'people.issuePasswordLink', { userId })) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const person = tx.select().from(user).where(eq(user.id, userId)).get();
		if (!person) throw new NotFoundError('person_not_found');
		// a young person signs in with a card from their supporter, never a password
		if (person.email === null) throw new ConflictError('no_email');
		const token = newPasswordToken(tx, userId, person.passwordHash ? 'reset' : 'invite', now);
		audit.record(tx, {
			actorId: actor!.id,
			action: 'person.password_link_issued',
			subjectType: 'user',
			subjectId: userId,
			at: now
		});
		return token;
	});
}

function activeAdminCount(db: Db, exceptUserId?: number): number {
	return db
		.select({ id: user.id })
		.from(user)
		.innerJoin(userRole, and(eq(userRole.userId, user.id), eq(userRole.role, 'admin')))
		.where(
			and(isNull(user.disabledAt), exceptUserId === undefined ? undefined : ne(user.id, exceptUserId))
		)
		.all().length;
}

/** Whether the person is an admin and no other active admin is left (so they must stay). */
export function isLastAdmin(db: Db, userId: number): boolean {
	return rolesOf(db, userId).includes('admin') && activeAdminCount(db, userId) === 0;
}

/**
 * The people who hold `role` and can be emailed (an address, not turned off), by id: the ids
 * above `after`, in order, at most `limit`. Read a page at a time by the outbox (decision 0048).
 */
export function peopleWithRole(db: Db, role: Role, after: number, limit: number): number[] {
	return db
		.select({ id: user.id })
		.from(user)
		.innerJoin(userRole, eq(userRole.userId, user.id))
		.where(and(eq(userRole.role, role), isNull(user.disabledAt), isNotNull(user.email), gt(user.id, after)))
		.orderBy(asc(user.id))
		.limit(limit)
		.all()
		.map((r) => r.id);
}

/**
 * The roles that open the most: giving one is recorded as a grant of its own and listed for the
 * other admins (`recentGrants`), so nobody gives one quietly.
 */
export const WATCHED_ROLES: readonly Role[] = ['admin', 'safeguarding_lead', 'supporter'];

function recordGrants(tx: Db, actorId: number, userId: number, before: readonly Role[], after: readonly Role[], now: Date) {
	for (const role of after) {
		if (before.includes(role) || !WATCHED_ROLES.includes(role)) continue;
		audit.record(tx, { actorId, action: 'person.role_granted', subjectType: 'user', subjectId: userId, details: { role }, at: now });
	}
}

/**
 * Replaces a person's roles. Nobody changes their own roles (another admin must), so no admin
 * can give themselves the safeguarding lead or supporter role. Asks for a recent sign-in. Refuses
 * to leave the area without an active admin, and to give or take away the young person role (it
 * comes only with a young person's account, made by a supporter). The person's sessions end, so
 * new roles (and two-step sign-in for admin and safeguarding lead) apply at once.
 * Throws ForbiddenError, ConfirmIdentityError, NotFoundError, ConflictError('last_admin' or 'young_person_role').
 */
export function changeRoles(db: Db, actor: Actor, userId: number, roles: Role[], now = new Date()): void {
	if (!can(actor, 'people.changeRoles', { userId })) throw new ForbiddenError();
	requireRecentSignIn(actor, now);
	const wanted = [...new Set(roles)].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
	writeTransaction(db, (tx) => {
		const person = tx.select().from(user).where(eq(user.id, userId)).get();
		if (!person) throw new NotFoundError('person_not_found');
		const before = rolesOf(tx, userId);
		// young people have no email and sign in with a card: the role comes only with that account
		if (before.includes('young_person') !== wanted.includes('young_person') || (person.email === null && wanted.length !== 1)) {
			throw new ConflictError('young_person_role');
		}
		if (before.includes('admin') && !wanted.includes('admin') && activeAdminCount(tx, userId) === 0) {
			throw new ConflictError('last_admin');
		}
		if (before.length === wanted.length && before.every((r) => wanted.includes(r))) return;
		tx.delete(userRole).where(eq(userRole.userId, userId)).run();
		if (wanted.length) tx.insert(userRole).values(wanted.map((role) => ({ userId, role }))).run();
		invalidateUserSessions(tx, userId);
		audit.record(tx, {
			actorId: actor!.id,
			action: 'person.roles_changed',
			subjectType: 'user',
			subjectId: userId,
			details: { before, after: wanted },
			at: now
		});
		recordGrants(tx, actor!.id, userId, before, wanted, now);
	});
}

export type Grant = {
	at: Date;
	/** The role given, or 'supporter_link' for a supporter linked to a young person's profile. */
	role: Role | 'supporter_link';
	byName: string | null;
	toId: number;
	toName: string | null;
	/** For a supporter link: the young person whose profile it opens. */
	youngPersonName: string | null;
};

/**
 * Powerful roles given lately, for every admin to see (the People page): the admin, safeguarding
 * lead and supporter roles, and supporters linked to a young person's profile, newest first.
 * Throws ForbiddenError.
 */
export function recentGrants(db: Db, actor: Actor, limit = 20): Grant[] {
	if (!can(actor, 'people.read')) throw new ForbiddenError();
	const entries = audit.entriesOf(db, ['person.role_granted', 'profile.supporter_linked'], limit).map((e) => {
		const link = e.action === 'profile.supporter_linked';
		return {
			at: e.at,
			role: link ? ('supporter_link' as const) : (e.details.role as Role),
			byId: e.actorId,
			toId: link ? Number(e.details.supporterId) : Number(e.subjectId),
			youngPersonId: link ? Number(e.subjectId) : null
		};
	});
	const ids = [...new Set(entries.flatMap((e) => [e.byId, e.toId, e.youngPersonId]).filter((id): id is number => id !== null && Number.isSafeInteger(id)))];
	const names = new Map(ids.length ? db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids)).all().map((u) => [u.id, u.name]) : []);
	return entries.map((e) => ({
		at: e.at,
		role: e.role,
		byName: e.byId === null ? null : (names.get(e.byId) ?? null),
		toId: e.toId,
		toName: names.get(e.toId) ?? null,
		youngPersonName: e.youngPersonId === null ? null : (names.get(e.youngPersonId) ?? null)
	}));
}

/**
 * Disables (every session ends at once) or re-enables an account.
 * Throws ForbiddenError (also for one's own account), NotFoundError, ConflictError('last_admin').
 */
export function setDisabled(db: Db, actor: Actor, userId: number, disabled: boolean, now = new Date()): void {
	if (!can(actor, 'people.disable', { userId })) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const person = tx.select().from(user).where(eq(user.id, userId)).get();
		if (!person) throw new NotFoundError('person_not_found');
		if (disabled === Boolean(person.disabledAt)) return;
		if (disabled && rolesOf(tx, userId).includes('admin') && activeAdminCount(tx, userId) === 0) {
			throw new ConflictError('last_admin');
		}
		tx.update(user).set({ disabledAt: disabled ? now : null }).where(eq(user.id, userId)).run();
		if (disabled) invalidateUserSessions(tx, userId);
		audit.record(tx, {
			actorId: actor!.id,
			action: disabled ? 'person.disabled' : 'person.enabled',
			subjectType: 'user',
			subjectId: userId,
			at: now
		});
	});
}

export type PersonSummary = {
	id: number;
	/** null for a young person, who signs in with a card instead */
	email: string | null;
	name: string;
	roles: Role[];
	disabled: boolean;
	hasPassword: boolean;
	createdAt: Date;
};

function summarise(row: typeof user.$inferSelect, roles: Role[]): PersonSummary {
	return {
		id: row.id,
		email: row.email,
		name: row.name,
		roles,
		disabled: Boolean(row.disabledAt),
		hasPassword: Boolean(row.passwordHash),
		createdAt: row.createdAt
	};
}

/** Everyone with an account, by name. Throws ForbiddenError. */
export function listPeople(db: Db, actor: Actor): PersonSummary[] {
	if (!can(actor, 'people.read')) throw new ForbiddenError();
	// Two queries for the whole list rather than one per person.
	const rolesByUser = new Map<number, Role[]>();
	for (const r of db.select().from(userRole).all()) {
		rolesByUser.set(r.userId, [...(rolesByUser.get(r.userId) ?? []), r.role]);
	}
	const byRoleOrder = (roles: Role[]) => roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
	return db
		.select()
		.from(user)
		.orderBy(asc(user.name))
		.all()
		.map((row) => summarise(row, byRoleOrder(rolesByUser.get(row.id) ?? [])));
}

/** One person. Throws ForbiddenError, NotFoundError. */
export function getPerson(db: Db, actor: Actor, userId: number): PersonSummary {
	if (!can(actor, 'people.read')) throw new ForbiddenError();
	const row = db.select().from(user).where(eq(user.id, userId)).get();
	if (!row) throw new NotFoundError('person_not_found');
	return summarise(row, rolesOf(db, row.id));
}

/** People who hold a role (e.g. service leads to choose from). Throws ForbiddenError. */
export function listPeopleWithRole(db: Db, actor: Actor, role: Role) {
	if (!can(actor, 'people.read')) throw new ForbiddenError();
	return db
		// people with an email: young people (who have none) are never chosen from a list like this
		.select({ id: user.id, name: user.name, email: sql<string>`${user.email}` })
		.from(user)
		.innerJoin(userRole, and(eq(userRole.userId, user.id), eq(userRole.role, role)))
		.where(isNotNull(user.email))
		.orderBy(asc(user.name))
		.all();
}

/**
 * People a feature may offer in a list to choose from (an action's owner...): accounts with an
 * email that work. Never a young person: their name is not for organisers' lists, and they have
 * no email. Not permission-checked: the calling feature's service checks its own action.
 */
export function choosablePeople(db: Db): { id: number; name: string }[] {
	return db
		.select({ id: user.id, name: user.name })
		.from(user)
		.where(
			and(
				isNotNull(user.email),
				isNull(user.disabledAt),
				sql`not exists (select 1 from ${userRole} where ${userRole.userId} = ${user.id} and ${userRole.role} = 'young_person')`
			)
		)
		.orderBy(asc(user.name))
		.all();
}

/** Whether a person may be chosen from such a list (see choosablePeople). */
export function isChoosable(db: Db, userId: number): boolean {
	return choosablePeople(db).some((p) => p.id === userId);
}

/** Who a set-password link is for, or null if it is unknown, used or expired. */
export function checkPasswordToken(db: Db, token: string, now = new Date()) {
	return (
		db
			// links are only ever made for people with an email (issuePasswordLink refuses others)
			.select({ userId: user.id, name: user.name, email: sql<string>`${user.email}`, purpose: passwordToken.purpose })
			.from(passwordToken)
			.innerJoin(user, and(eq(user.id, passwordToken.userId), isNull(user.disabledAt), isNotNull(user.email)))
			.where(
				and(
					eq(passwordToken.id, hashToken(token)),
					isNull(passwordToken.usedAt),
					gt(passwordToken.expiresAt, now)
				)
			)
			.get() ?? null
	);
}

/**
 * Sets a password from a one-time link, uses the link up and ends every session of the person.
 * Returns the person's email. Throws NotFoundError('link_invalid'), ValidationError('common_password').
 */
export async function setPasswordWithToken(db: Db, token: string, password: string, now = new Date()) {
	refuseCommonPassword(password);
	const passwordHash = await hashPassword(password);
	return writeTransaction(db, (tx) => {
		const target = checkPasswordToken(tx, token, now);
		if (!target) throw new NotFoundError('link_invalid');
		tx.update(user).set({ passwordHash }).where(eq(user.id, target.userId)).run();
		tx.update(passwordToken).set({ usedAt: now }).where(eq(passwordToken.id, hashToken(token))).run();
		invalidateUserSessions(tx, target.userId);
		audit.record(tx, {
			actorId: target.userId,
			action: 'person.password_set',
			subjectType: 'user',
			subjectId: target.userId,
			at: now
		});
		return target.email;
	});
}

/** Refuses one of the 10,000 most common passwords. Throws ValidationError('common_password'). */
function refuseCommonPassword(password: string): void {
	if (isCommonPassword(password)) {
		throw new ValidationError('common_password', 'That password is one of the most used, so it is easy to guess. Choose another.');
	}
}

export type ChangePasswordResult =
	| { ok: true; token: string; session: ReturnType<typeof createSession>['session'] }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Changes one's own password after checking the current one (throttled per person and address,
 * counted before it is checked); ends every session (other browsers included) and starts a new
 * one for this browser. Returns the new session, or 'throttled'.
 * Throws ForbiddenError, ValidationError('wrong_password' or 'common_password').
 */
export async function changePassword(
	db: Db,
	actor: Actor,
	input: { currentPassword: string; newPassword: string; address: string },
	now = new Date()
): Promise<ChangePasswordResult> {
	if (!actor || !can(actor, 'account.changePassword')) throw new ForbiddenError();
	const gate = takeTry(db, [limits.currentPassword(actor.id), limits.address(input.address)], now);
	if (!gate.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
	const row = db.select().from(user).where(eq(user.id, actor.id)).get();
	if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
		throw new ValidationError('wrong_password');
	}
	refuseCommonPassword(input.newPassword);
	const passwordHash = await hashPassword(input.newPassword);
	return writeTransaction(db, (tx) => {
		trySucceeded(tx, gate);
		tx.update(user).set({ passwordHash }).where(eq(user.id, actor.id)).run();
		invalidateUserSessions(tx, actor.id);
		audit.record(tx, {
			actorId: actor.id,
			action: 'person.password_changed',
			subjectType: 'user',
			subjectId: actor.id,
			at: now
		});
		return { ok: true as const, ...createSession(tx, actor.id, now) };
	});
}

/**
 * For a new deployment (`npm run create-admin`): creates an admin, or gives an existing
 * person the admin role, and returns a one-time set-password link token. Acts as the system.
 */
export function createAdmin(db: Db, input: { email: string; name: string }, now = new Date()): string {
	const email = normaliseEmail(input.email);
	return writeTransaction(db, (tx) => {
		let id = tx.select({ id: user.id }).from(user).where(eq(user.email, email)).get()?.id;
		id ??= tx
			.insert(user)
			.values({ email, name: input.name, createdAt: now })
			.returning({ id: user.id })
			.get().id;
		tx.insert(userRole).values({ userId: id, role: 'admin' }).onConflictDoNothing().run();
		tx.update(user).set({ disabledAt: null }).where(eq(user.id, id)).run();
		const token = newPasswordToken(tx, id, 'invite', now);
		audit.record(tx, { actorId: null, action: 'person.admin_created', subjectType: 'user', subjectId: id, at: now });
		return token;
	});
}

export type { SessionUser };
