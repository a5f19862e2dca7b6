import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEntry, passwordToken, session, user, userRole } from '../db/schema';
import { ConfirmIdentityError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { hashPassword } from '../auth/password';
import { validateSessionToken } from '../auth/session';
import { addPerson, testDb } from '../testing';
import * as accounts from './service';
import { createYoungPerson } from '../profiles';

const ADDRESS = '192.0.2.10';

async function withPassword(db: ReturnType<typeof testDb>, roles: Parameters<typeof addPerson>[1], password = 'a good long password') {
	return addPerson(db, roles, { passwordHash: await hashPassword(password) });
}

describe('signing in', () => {
	it('signs in with the right email (any case) and password and starts a new session each time', async () => {
		const db = testDb();
		const person = await withPassword(db, ['parent_carer']);
		const first = await accounts.signIn(db, { email: ` ${person.email.toUpperCase()} `, password: 'a good long password', address: ADDRESS });
		const second = await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS });
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(first.token).not.toBe(second.token);
		expect(validateSessionToken(db, first.token)?.user.id).toBe(person.id);
	});

	it('gives the same answer for a wrong password, an unknown email, a disabled account and one without a password', async () => {
		const db = testDb();
		const person = await withPassword(db, ['parent_carer']);
		const disabled = await withPassword(db, ['parent_carer']);
		db.update(user).set({ disabledAt: new Date() }).where(eq(user.id, disabled.id)).run();
		const invited = addPerson(db, ['parent_carer']);
		for (const [email, password] of [
			[person.email, 'wrong password'],
			['nobody@example.org', 'a good long password'],
			[disabled.email, 'a good long password'],
			[invited.email, '']
		]) {
			expect(await accounts.signIn(db, { email, password, address: ADDRESS })).toEqual({ ok: false, reason: 'invalid' });
		}
		expect(db.select().from(session).all()).toHaveLength(0);
	});

	it('slows repeated failures for an account and then refuses without checking the password', async () => {
		const db = testDb();
		const person = await withPassword(db, ['parent_carer']);
		const now = new Date('2026-11-01T10:00:00Z');
		for (let i = 0; i < 5; i++) {
			await accounts.signIn(db, { email: person.email, password: 'nope', address: ADDRESS }, now);
		}
		const result = await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS }, now);
		expect(result).toMatchObject({ ok: false, reason: 'throttled' });
		const later = new Date(now.getTime() + 31_000);
		expect((await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS }, later)).ok).toBe(true);
	});
});

describe('people admin', () => {
	it('invites a person with roles and a one-time link, and writes the audit log', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const { userId, token } = accounts.invite(db, admin, { email: 'New.Person@Example.org', name: ' Nia ', roles: ['parent_carer', 'supporter'] });
		const person = accounts.getPerson(db, admin, userId);
		expect(person).toMatchObject({ email: 'new.person@example.org', name: 'Nia', hasPassword: false, disabled: false });
		expect(person.roles).toEqual(['supporter', 'parent_carer']);
		expect(accounts.checkPasswordToken(db, token)).toMatchObject({ userId, purpose: 'invite' });
		expect(JSON.stringify(db.select().from(passwordToken).all())).not.toContain(token);
		const log = db.select().from(auditEntry).all();
		expect(log.map((e) => e.action)).toEqual(['person.invited', 'person.role_granted']);
		expect(log[0]).toMatchObject({ actorId: admin.id, action: 'person.invited', subjectType: 'user', subjectId: String(userId) });
		// giving the supporter role is a grant every admin sees
		expect(JSON.parse(log[1].details)).toEqual({ role: 'supporter' });
	});

	it('refuses a second account with the same email, and anyone but an admin', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin'], { email: 'taken@example.org' });
		expect(() => accounts.invite(db, admin, { email: 'TAKEN@example.org', name: 'X', roles: ['parent_carer'] })).toThrow(ConflictError);
		const organiser = addPerson(db, ['organiser']);
		expect(() => accounts.invite(db, organiser, { email: 'x@example.org', name: 'X', roles: ['admin'] })).toThrow(ForbiddenError);
		expect(() => accounts.invite(db, null, { email: 'x@example.org', name: 'X', roles: ['admin'] })).toThrow(ForbiddenError);
		expect(db.select().from(user).all()).toHaveLength(2);
	});

	it('sets a password from the link once, then signs in', async () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const { token } = accounts.invite(db, admin, { email: 'n@example.org', name: 'N', roles: ['parent_carer'] });
		expect(await accounts.setPasswordWithToken(db, token, 'my new long password')).toBe('n@example.org');
		await expect(accounts.setPasswordWithToken(db, token, 'another long password')).rejects.toThrow(NotFoundError);
		expect((await accounts.signIn(db, { email: 'n@example.org', password: 'my new long password', address: ADDRESS })).ok).toBe(true);
	});

	it('refuses an expired link, and a new link withdraws the old one', async () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const t0 = new Date('2026-11-01T00:00:00Z');
		const { userId, token } = accounts.invite(db, admin, { email: 'n@example.org', name: 'N', roles: ['parent_carer'] }, t0);
		const afterExpiry = new Date(t0.getTime() + accounts.PASSWORD_LINK_LIFETIME_MS.invite);
		expect(accounts.checkPasswordToken(db, token, afterExpiry)).toBeNull();
		const fresh = accounts.issuePasswordLink(db, admin, userId, t0);
		expect(accounts.checkPasswordToken(db, token, t0)).toBeNull();
		expect(accounts.checkPasswordToken(db, fresh, t0)).not.toBeNull();
	});

	it('changes roles, logging before and after, but never removes the last active admin', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const person = addPerson(db, ['parent_carer']);
		accounts.changeRoles(db, admin, person.id, ['organiser', 'admin']);
		expect(accounts.getPerson(db, admin, person.id).roles).toEqual(['admin', 'organiser']);
		// the new admin takes the first one's admin role away (nobody changes their own)
		const second = { id: person.id, roles: ['admin', 'organiser'] as const, verifiedAt: new Date() };
		accounts.changeRoles(db, second, admin.id, ['organiser']);
		// and cannot then remove the last admin: their own role, by way of someone else, either
		expect(() => accounts.changeRoles(db, { ...admin, roles: ['admin'] }, person.id, ['organiser'])).toThrow(ConflictError);
		expect(db.select().from(userRole).where(eq(userRole.userId, person.id)).all().map((r) => r.role).sort()).toEqual(['admin', 'organiser']);
		const entry = db.select().from(auditEntry).where(eq(auditEntry.subjectId, String(person.id))).get();
		expect(JSON.parse(entry!.details)).toEqual({ before: ['parent_carer'], after: ['admin', 'organiser'] });
	});

	it('lets nobody change their own roles: an admin cannot make themselves a safeguarding lead or supporter', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		for (const roles of [['admin', 'safeguarding_lead'], ['admin', 'supporter'], ['organiser']] as const) {
			expect(() => accounts.changeRoles(db, admin, admin.id, [...roles])).toThrow(ForbiddenError);
		}
		expect(accounts.getPerson(db, admin, admin.id).roles).toEqual(['admin']);
		// another admin can, and it shows in the grants every admin sees
		const other = addPerson(db, ['admin'], { name: 'Other Admin' });
		accounts.changeRoles(db, other, admin.id, ['admin', 'safeguarding_lead']);
		expect(accounts.recentGrants(db, admin)).toMatchObject([{ role: 'safeguarding_lead', byName: 'Other Admin', toId: admin.id }]);
	});

	it('asks for a recent sign-in before roles change, and ends the person\'s sessions when they do', async () => {
		const db = testDb();
		const t0 = new Date('2026-11-01T09:00:00Z');
		const admin = { ...addPerson(db, ['admin']), verifiedAt: t0 };
		const person = await withPassword(db, ['parent_carer']);
		const signedIn = await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS }, t0);
		if (!signedIn.ok) throw new Error('expected sign-in');
		const later = new Date(t0.getTime() + 16 * 60_000);
		expect(() => accounts.changeRoles(db, admin, person.id, ['parent_carer', 'safeguarding_lead'], later)).toThrow(ConfirmIdentityError);
		expect(() => accounts.invite(db, admin, { email: 'x@example.org', name: 'X', roles: ['admin'] }, later)).toThrow(ConfirmIdentityError);
		expect(accounts.getPerson(db, admin, person.id).roles).toEqual(['parent_carer']);
		accounts.changeRoles(db, admin, person.id, ['parent_carer', 'safeguarding_lead'], new Date(t0.getTime() + 14 * 60_000));
		// the new role needs two-step sign-in and short sessions: the old session ends at once
		expect(validateSessionToken(db, signedIn.token, t0)).toBeNull();
	});

	it('keeps the young person role to accounts made by a supporter, which have no email or password link', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const supporter = addPerson(db, ['supporter']);
		const { id } = createYoungPerson(db, supporter, { name: 'Sam' });
		const code = (e: unknown) => (e as ConflictError).code;
		const attempt = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				return code(e);
			}
			return 'allowed';
		};
		expect(attempt(() => accounts.invite(db, admin, { email: 'kid@example.org', name: 'Kid', roles: ['young_person'] }))).toBe('young_person_role');
		expect(attempt(() => accounts.changeRoles(db, admin, supporter.id, ['supporter', 'young_person']))).toBe('young_person_role');
		expect(attempt(() => accounts.changeRoles(db, admin, id, ['organiser']))).toBe('young_person_role');
		expect(attempt(() => accounts.changeRoles(db, admin, id, ['young_person', 'organiser']))).toBe('young_person_role');
		expect(attempt(() => accounts.issuePasswordLink(db, admin, id))).toBe('no_email');
		expect(accounts.getPerson(db, admin, id)).toMatchObject({ email: null, roles: ['young_person'], hasPassword: false });
	});

	it('disabling ends every session at once; re-enabling lets the person back in', async () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const person = await withPassword(db, ['parent_carer']);
		const signedIn = await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS });
		if (!signedIn.ok) throw new Error('expected sign-in');
		accounts.setDisabled(db, admin, person.id, true);
		expect(validateSessionToken(db, signedIn.token)).toBeNull();
		expect((await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS })).ok).toBe(false);
		accounts.setDisabled(db, admin, person.id, false);
		expect((await accounts.signIn(db, { email: person.email, password: 'a good long password', address: ADDRESS })).ok).toBe(true);
		const changes = db.select({ action: auditEntry.action }).from(auditEntry).orderBy(auditEntry.id).all().map((r) => r.action).filter((a) => !a.startsWith('person.sign'));
		expect(changes).toEqual(['person.disabled', 'person.enabled']);
		expect(() => accounts.setDisabled(db, admin, admin.id, true)).toThrow(ForbiddenError);
	});

	it('will not disable the last active admin', () => {
		const db = testDb();
		const a = addPerson(db, ['admin']);
		const b = addPerson(db, ['admin']);
		accounts.setDisabled(db, a, b.id, true);
		// b acting through a request already under way cannot disable a, the last active admin
		expect(() => accounts.setDisabled(db, b, a.id, true)).toThrow(ConflictError);
		expect(accounts.getPerson(db, a, a.id).disabled).toBe(false);
	});
});

describe('changing one\'s own password', () => {
	it('checks the current password, ends every other session and starts a new one', async () => {
		const db = testDb();
		const person = await withPassword(db, ['supporter'], 'the old long password');
		const phone = await accounts.signIn(db, { email: person.email, password: 'the old long password', address: ADDRESS });
		const laptop = await accounts.signIn(db, { email: person.email, password: 'the old long password', address: ADDRESS });
		if (!phone.ok || !laptop.ok) throw new Error('expected sign-in');
		await expect(accounts.changePassword(db, person, { currentPassword: 'wrong', newPassword: 'the new long password', address: ADDRESS })).rejects.toThrow(ValidationError);
		const fresh = await accounts.changePassword(db, person, { currentPassword: 'the old long password', newPassword: 'the new long password', address: ADDRESS });
		if (!fresh.ok) throw new Error('expected the change');
		expect(validateSessionToken(db, phone.token)).toBeNull();
		expect(validateSessionToken(db, laptop.token)).toBeNull();
		expect(validateSessionToken(db, fresh.token)?.user.id).toBe(person.id);
		expect((await accounts.signIn(db, { email: person.email, password: 'the new long password', address: ADDRESS })).ok).toBe(true);
		await expect(accounts.changePassword(db, null, { currentPassword: 'x', newPassword: 'y', address: ADDRESS })).rejects.toThrow(ForbiddenError);
	});

	it('throttles the current password: someone at an unlocked computer cannot guess it', async () => {
		const db = testDb();
		const person = await withPassword(db, ['supporter'], 'the old long password');
		const t0 = new Date('2026-11-01T09:00:00Z');
		const guesses = await Promise.allSettled(
			Array.from({ length: 50 }, (_, i) => accounts.changePassword(db, person, { currentPassword: `guess ${i}`, newPassword: 'the new long password', address: ADDRESS }, t0))
		);
		// 5 were checked (and wrong); the rest were refused without checking
		expect(guesses.filter((g) => g.status === 'rejected')).toHaveLength(5);
		expect(guesses.filter((g) => g.status === 'fulfilled' && !g.value.ok)).toHaveLength(45);
		const right = await accounts.changePassword(db, person, { currentPassword: 'the old long password', newPassword: 'the new long password', address: ADDRESS }, t0);
		expect(right).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('refuses the 10,000 most common passwords, in any case', async () => {
		const db = testDb();
		const person = await withPassword(db, ['supporter'], 'the old long password');
		for (const common of ['1234567890', 'qwertyuiop', 'Password123'.toLowerCase(), '1q2w3e4r5t']) {
			await expect(accounts.changePassword(db, person, { currentPassword: 'the old long password', newPassword: common.toUpperCase(), address: ADDRESS })).rejects.toMatchObject({ code: 'common_password' });
		}
		const admin = addPerson(db, ['admin']);
		const { token } = accounts.invite(db, admin, { email: 'n@example.org', name: 'N', roles: ['parent_carer'] });
		await expect(accounts.setPasswordWithToken(db, token, 'qwertyuiop')).rejects.toMatchObject({ code: 'common_password' });
		// a password that is not on the list is fine
		expect(await accounts.setPasswordWithToken(db, token, 'blue kettle morning')).toBe('n@example.org');
	});
});

describe('create-admin', () => {
	it('creates the first admin of a new deployment with a set-password link, and can be run again', () => {
		const db = testDb();
		const token = accounts.createAdmin(db, { email: 'Boss@Example.org', name: 'Boss' });
		const again = accounts.createAdmin(db, { email: 'boss@example.org', name: 'Boss' });
		expect(accounts.checkPasswordToken(db, token)).toBeNull();
		const target = accounts.checkPasswordToken(db, again);
		expect(target?.email).toBe('boss@example.org');
		expect(db.select().from(userRole).all()).toEqual([{ userId: target!.userId, role: 'admin' }]);
	});
});
