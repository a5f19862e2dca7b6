import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { auditEntry, recoveryCode, session, signInChallenge, twoStep as twoStepTable } from '../db/schema';
import { ConfirmIdentityError, ConflictError, ForbiddenError } from '../errors';
import { hashPassword } from '../auth/password';
import { validateSessionToken } from '../auth/session';
import { encryptSecret } from '../auth/secret-key';
import { stepAt, totpCode } from '../auth/totp';
import { addPerson, testDb } from '../testing';
import * as accounts from './service';
import * as twoStep from './two-step';

const ADDRESS = '192.0.2.10';
const PASSWORD = 'a good long password';
const t0 = new Date('2026-11-01T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const demoSecret = decodeBase32IgnorePadding(twoStep.DEMO_TOTP_SECRET);
const codeAt = (when: Date, secret = demoSecret) => totpCode(secret, stepAt(when));

async function person(db: ReturnType<typeof testDb>, roles: Parameters<typeof addPerson>[1], withTwoStep = true) {
	const p = addPerson(db, roles, { passwordHash: await hashPassword(PASSWORD) });
	if (withTwoStep) twoStep.setUpDemoTwoStep(db, p.id, t0);
	return p;
}

/** Signs in with the password; returns the challenge token for the second step. */
async function password(db: ReturnType<typeof testDb>, email: string, when = t0) {
	const result = await accounts.signIn(db, { email, password: PASSWORD, address: ADDRESS }, when);
	if (result.ok || result.reason !== 'second_step') throw new Error(`expected the second step, got ${JSON.stringify(result)}`);
	return result;
}

describe('two-step sign-in', () => {
	it('asks an admin for the code after the password, and starts no session until it is right', async () => {
		const db = testDb();
		const admin = await person(db, ['admin']);
		const step = await password(db, admin.email);
		expect(step.setUp).toBe(false);
		expect(db.select().from(session).all()).toHaveLength(0);
		expect(twoStep.finishSignIn(db, { challenge: step.challenge, code: '000000', address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'invalid' });
		const done = twoStep.finishSignIn(db, { challenge: step.challenge, code: codeAt(t0), address: ADDRESS }, t0);
		expect(done.ok).toBe(true);
		if (done.ok) expect(validateSessionToken(db, done.token, t0)?.user.id).toBe(admin.id);
		// the challenge is used up
		expect(twoStep.finishSignIn(db, { challenge: step.challenge, code: codeAt(t0), address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'expired' });
	});

	it('accepts a code from the step before or after (a phone clock a little out), but never the same step twice', async () => {
		const db = testDb();
		const admin = await person(db, ['admin']);
		const first = await password(db, admin.email);
		expect(twoStep.finishSignIn(db, { challenge: first.challenge, code: codeAt(at(-30_000)), address: ADDRESS }, t0).ok).toBe(true);
		// replay: someone who saw the code over a shoulder, or the same form sent twice
		const second = await password(db, admin.email);
		expect(twoStep.finishSignIn(db, { challenge: second.challenge, code: codeAt(at(-30_000)), address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'invalid' });
		expect(twoStep.finishSignIn(db, { challenge: second.challenge, code: codeAt(at(30_000)), address: ADDRESS }, t0).ok).toBe(true);
		const third = await password(db, admin.email, at(120_000));
		expect(twoStep.finishSignIn(db, { challenge: third.challenge, code: codeAt(at(-60_000)), address: ADDRESS }, at(120_000))).toEqual({ ok: false, reason: 'invalid' });
	});

	it('lets the half-done sign-in lapse after 10 minutes', async () => {
		const db = testDb();
		const admin = await person(db, ['safeguarding_lead']);
		const step = await password(db, admin.email);
		const late = at(twoStep.CHALLENGE_LIFETIME_MS);
		expect(twoStep.finishSignIn(db, { challenge: step.challenge, code: codeAt(late), address: ADDRESS }, late)).toEqual({ ok: false, reason: 'expired' });
	});

	it('throttles codes like passwords: 300 guesses at once check at most 5', async () => {
		const db = testDb();
		const admin = await person(db, ['admin']);
		const step = await password(db, admin.email);
		const results = Array.from({ length: 300 }, (_, i) =>
			twoStep.finishSignIn(db, { challenge: step.challenge, code: String(100000 + i), address: `198.51.100.${i % 250}` }, t0)
		);
		expect(results.filter((r) => !r.ok && r.reason === 'invalid').length).toBeLessThanOrEqual(5);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled').length).toBeGreaterThanOrEqual(295);
		// even the right code waits now
		expect(twoStep.finishSignIn(db, { challenge: step.challenge, code: codeAt(t0), address: ADDRESS }, t0)).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('takes each recovery code once, and records its use', async () => {
		const db = testDb();
		const admin = await person(db, ['admin'], false);
		const step = await password(db, admin.email);
		expect(step.setUp).toBe(true);
		const fresh = twoStep.newSecret(admin.id, admin.email, 'QR');
		const secret = decodeBase32IgnorePadding(fresh.typed.replace(/ /g, ''));
		const done = twoStep.finishSignInWithSetUp(db, { challenge: step.challenge, sealed: fresh.sealed, code: codeAt(t0, secret), address: ADDRESS }, t0);
		if (!done.ok) throw new Error('expected the set-up to work');
		expect(done.recoveryCodes).toHaveLength(10);
		const [code] = done.recoveryCodes!;
		const again = await password(db, admin.email, at(60_000));
		expect(twoStep.finishSignIn(db, { challenge: again.challenge, code: code.toUpperCase().replace('-', ' '), address: ADDRESS }, at(60_000)).ok).toBe(true);
		const third = await password(db, admin.email, at(120_000));
		expect(twoStep.finishSignIn(db, { challenge: third.challenge, code, address: ADDRESS }, at(120_000))).toEqual({ ok: false, reason: 'invalid' });
		expect(db.select().from(auditEntry).all().map((e) => e.action)).toContain('person.recovery_code_used');
		// stored hashed: no code in the clear
		expect(JSON.stringify(db.select().from(recoveryCode).all())).not.toContain(code);
	});

	it('makes an admin without two-step sign-in set it up before any session, and keeps the secret encrypted', async () => {
		const db = testDb();
		const admin = await person(db, ['admin'], false);
		const step = await password(db, admin.email);
		expect(step.setUp).toBe(true);
		// the code page refuses a set-up challenge: there is nothing to check a code against
		expect(twoStep.finishSignIn(db, { challenge: step.challenge, code: '123456', address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'expired' });
		const fresh = twoStep.newSecret(admin.id, admin.email, 'QR');
		const base32 = fresh.typed.replace(/ /g, '');
		expect(fresh.qr).toContain('<svg');
		// a sealed secret made for someone else, or forged, is not accepted
		const other = twoStep.newSecret(admin.id + 1, 'x@example.org', 'QR');
		expect(twoStep.finishSignInWithSetUp(db, { challenge: step.challenge, sealed: other.sealed, code: codeAt(t0, decodeBase32IgnorePadding(other.typed.replace(/ /g, ''))), address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'invalid' });
		const forged = encryptSecret(new TextEncoder().encode(`${admin.id}:${base32}`), Buffer.alloc(32, 7));
		expect(twoStep.finishSignInWithSetUp(db, { challenge: step.challenge, sealed: forged, code: codeAt(t0, decodeBase32IgnorePadding(base32)), address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'invalid' });
		const done = twoStep.finishSignInWithSetUp(db, { challenge: step.challenge, sealed: fresh.sealed, code: codeAt(t0, decodeBase32IgnorePadding(base32)), address: ADDRESS }, t0);
		expect(done.ok).toBe(true);
		const stored = db.select().from(twoStepTable).where(eq(twoStepTable.userId, admin.id)).get()!;
		expect(stored.secret).not.toContain(base32);
		expect(stored.secret).toMatch(/^v1\./);
		expect(db.select().from(signInChallenge).all()).toHaveLength(0);
	});

	it('lets anyone else turn it on, and off again; an admin cannot turn it off', async () => {
		const db = testDb();
		const parent = await person(db, ['parent_carer'], false);
		expect((await accounts.signIn(db, { email: parent.email, password: PASSWORD, address: ADDRESS }, t0)).ok).toBe(true);
		const fresh = twoStep.newSecret(parent.id, parent.email, 'QR');
		const secret = decodeBase32IgnorePadding(fresh.typed.replace(/ /g, ''));
		expect(twoStep.enable(db, parent, { sealed: fresh.sealed, code: '999999', address: ADDRESS }, t0)).toEqual({ ok: false, reason: 'invalid' });
		expect(twoStep.enable(db, parent, { sealed: fresh.sealed, code: codeAt(t0, secret), address: ADDRESS }, t0)).toMatchObject({ ok: true });
		expect(twoStep.status(db, parent)).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });
		expect(await accounts.signIn(db, { email: parent.email, password: PASSWORD, address: ADDRESS }, at(60_000))).toMatchObject({ reason: 'second_step' });
		// turning it off or moving it needs a recent sign-in
		const stale = { ...parent, verifiedAt: at(-20 * 60_000) };
		expect(() => twoStep.disable(db, stale, t0)).toThrow(ConfirmIdentityError);
		expect(() => twoStep.renewRecoveryCodes(db, stale, t0)).toThrow(ConfirmIdentityError);
		expect(() => twoStep.enable(db, stale, { sealed: fresh.sealed, code: codeAt(at(60_000), secret), address: ADDRESS }, t0)).toThrow(ConfirmIdentityError);
		twoStep.disable(db, { ...parent, verifiedAt: t0 }, t0);
		expect(twoStep.status(db, parent).enabled).toBe(false);

		const admin = await person(db, ['admin']);
		expect(() => twoStep.disable(db, admin, t0)).toThrow(ConflictError);
		const young = { id: 999, roles: ['young_person' as const], verifiedAt: t0 };
		expect(() => twoStep.enable(db, young, { sealed: fresh.sealed, code: '123456', address: ADDRESS }, t0)).toThrow(ForbiddenError);
	});
});

describe('confirm it is you', () => {
	it('marks this browser as just verified after the password and code, and throttles wrong passwords', async () => {
		const db = testDb();
		const admin = await person(db, ['admin']);
		const step = await password(db, admin.email);
		const signedIn = twoStep.finishSignIn(db, { challenge: step.challenge, code: codeAt(t0), address: ADDRESS }, t0);
		if (!signedIn.ok) throw new Error('expected sign-in');
		const later = at(20 * 60_000);
		const actor = validateSessionToken(db, signedIn.token, later)!.user;
		expect(actor.verifiedAt).toEqual(t0);
		expect(await twoStep.confirmIdentity(db, actor, signedIn.session.id, { password: 'wrong', code: codeAt(later), address: ADDRESS }, later)).toEqual({ ok: false, reason: 'wrong_password' });
		expect(await twoStep.confirmIdentity(db, actor, signedIn.session.id, { password: PASSWORD, code: '000000', address: ADDRESS }, later)).toEqual({ ok: false, reason: 'wrong_code' });
		expect(await twoStep.confirmIdentity(db, actor, signedIn.session.id, { password: PASSWORD, code: codeAt(later), address: ADDRESS }, later)).toEqual({ ok: true });
		expect(validateSessionToken(db, signedIn.token, later)!.user.verifiedAt).toEqual(later);
		// many wrong passwords: five are checked, then it waits
		const tries = await Promise.all(
			Array.from({ length: 40 }, () => twoStep.confirmIdentity(db, actor, signedIn.session.id, { password: 'guess', code: '', address: ADDRESS }, later))
		);
		expect(tries.filter((t) => !t.ok && t.reason === 'wrong_password')).toHaveLength(5);
		expect(tries.filter((t) => !t.ok && t.reason === 'throttled')).toHaveLength(35);
	});
});
