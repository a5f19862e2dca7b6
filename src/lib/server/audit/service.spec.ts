import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addPerson, testDb } from '../testing';
import type { Db } from '../db';
import { auditEntry } from '../db/schema';
import { ForbiddenError } from '../errors';
import { hashPassword } from '../auth/password';
import { THROTTLE, limits } from '../auth/throttle';
import * as accounts from '../accounts';
import * as profiles from '../profiles';
import * as reports from '../reports';
import { csvDownload } from '../reports';
import * as audit from './service';

const ADDRESS = '192.0.2.44';
const PASSWORD = 'a good long password';

const entries = (db: Db) => db.select().from(auditEntry).all().map((e) => ({ ...e, details: JSON.parse(e.details) as Record<string, unknown> }));
const signIns = (db: Db) => entries(db).filter((e) => e.action.startsWith('person.sign'));

describe('sign-ins in the audit log', () => {
	it('records a password sign-in with the person as actor, and failures without anything typed', async () => {
		const db = testDb();
		const person = addPerson(db, ['parent_carer'], { passwordHash: await hashPassword(PASSWORD) });
		const disabled = addPerson(db, ['parent_carer'], { passwordHash: await hashPassword(PASSWORD) });
		accounts.setDisabled(db, addPerson(db, ['admin']), disabled.id, true);
		const invited = addPerson(db, ['parent_carer']);
		const at = new Date('2026-05-01T09:00:00Z');

		expect((await accounts.signIn(db, { email: person.email, password: PASSWORD, address: ADDRESS }, at)).ok).toBe(true);
		await accounts.signIn(db, { email: person.email, password: 'Wrong-Password-1', address: ADDRESS }, at);
		await accounts.signIn(db, { email: 'stranger.typed.this@example.org', password: 'Stranger-Secret-2', address: ADDRESS }, at);
		await accounts.signIn(db, { email: disabled.email, password: PASSWORD, address: ADDRESS }, at);
		await accounts.signIn(db, { email: invited.email, password: 'Anything-3', address: ADDRESS }, at);

		expect(signIns(db).map((e) => [e.action, e.actorId, e.subjectType, e.subjectId, e.details])).toEqual([
			['person.signed_in', person.id, 'user', String(person.id), { method: 'password' }],
			['person.sign_in_failed', null, 'user', String(person.id), { method: 'password', reason: 'wrong_password' }],
			['person.sign_in_failed', null, 'sign_in', 'unknown account', { method: 'password', reason: 'unknown_account' }],
			['person.sign_in_failed', null, 'user', String(disabled.id), { method: 'password', reason: 'account_disabled' }],
			['person.sign_in_failed', null, 'user', String(invited.id), { method: 'password', reason: 'no_password' }]
		]);
		expect(signIns(db).every((e) => e.at.getTime() === at.getTime())).toBe(true);
		const everything = JSON.stringify(db.select().from(auditEntry).all());
		for (const typed of [PASSWORD, 'Wrong-Password-1', 'stranger.typed.this', 'Stranger-Secret-2', 'Anything-3', ADDRESS]) {
			expect(everything).not.toContain(typed);
		}
	});

	it('records tries held back by throttling, once per account in each longest wait', async () => {
		const db = testDb();
		const person = addPerson(db, ['parent_carer'], { passwordHash: await hashPassword(PASSWORD) });
		const at = new Date('2026-05-01T09:00:00Z');
		for (let i = 0; i < limits.account(person.email).freeFailures; i++) await accounts.signIn(db, { email: person.email, password: 'nope', address: ADDRESS }, at);
		for (let i = 0; i < 5; i++) {
			expect(await accounts.signIn(db, { email: person.email, password: PASSWORD, address: ADDRESS }, at)).toMatchObject({ reason: 'throttled' });
		}
		const held = signIns(db).filter((e) => e.action === 'person.sign_in_throttled');
		expect(held).toHaveLength(1);
		expect(held[0]).toMatchObject({ actorId: null, subjectType: 'user', subjectId: String(person.id), details: { method: 'password', waitSeconds: 30 } });
		// after the longest wait another held-back try is recorded again
		const later = new Date(at.getTime() + THROTTLE.maxWaitMs + 1000);
		for (let i = 0; i < 12; i++) await accounts.signIn(db, { email: person.email, password: 'nope', address: ADDRESS }, later);
		expect(signIns(db).filter((e) => e.action === 'person.sign_in_throttled')).toHaveLength(2);
	});

	it('records card sign-ins and failures without the code or the pictures', async () => {
		const db = testDb();
		const supporter = addPerson(db, ['supporter']);
		const { id, code } = profiles.createYoungPerson(db, supporter, { name: 'Sam' });
		const at = new Date('2026-05-01T09:00:00Z');
		await profiles.choosePasscode(db, { code, picks: ['cat', 'pizza', 'football'], address: ADDRESS }, at);
		await profiles.signInWithPasscode(db, { code, picks: ['cat', 'pizza', 'football'], address: ADDRESS }, at);
		await profiles.signInWithPasscode(db, { code, picks: ['football', 'pizza', 'cat'], address: ADDRESS }, at);
		profiles.checkCard(db, { code: 'ZZZZ-ZZZZ', address: ADDRESS }, at);
		expect(signIns(db).map((e) => [e.action, e.actorId, e.subjectType, e.subjectId, e.details])).toEqual([
			['person.signed_in', id, 'user', String(id), { method: 'card' }],
			['person.signed_in', id, 'user', String(id), { method: 'card' }],
			['person.sign_in_failed', null, 'user', String(id), { method: 'card', reason: 'wrong_passcode' }],
			['person.sign_in_failed', null, 'sign_in', 'unknown card', { method: 'card', reason: 'unknown_card' }]
		]);
		const everything = JSON.stringify(db.select().from(auditEntry).all()).toLowerCase();
		for (const secret of [code.toLowerCase(), 'zzzz', 'pizza', 'football']) expect(everything).not.toContain(secret);
	});
});

describe('exports in the audit log', () => {
	it('records a staff download of a draft report, not of a published one', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const id = reports.createDraft(db, organiser, { title: 'Spring', period: { start: '2026-01-01', end: '2026-03-31' }, scope: 'area' });
		const download = csvDownload(db, organiser, id);
		expect(download.status).toBe('draft');
		expect(download.rows[0]).toContain('Standard');
		expect(entries(db).filter((e) => e.action === 'report.exported')).toMatchObject([
			{ actorId: organiser.id, subjectType: 'report', subjectId: String(id), details: { rows: download.rows.length - 1 } }
		]);
		reports.publish(db, organiser, id);
		csvDownload(db, null, id);
		csvDownload(db, organiser, id);
		expect(entries(db).filter((e) => e.action === 'report.exported')).toHaveLength(1);
		expect(() => csvDownload(db, addPerson(db, ['parent_carer']), reports.createDraft(db, organiser, { title: 'Summer', period: { start: '2026-04-01', end: '2026-06-30' }, scope: 'area' }))).toThrow(ForbiddenError);
		expect(entries(db).filter((e) => e.action === 'report.exported')).toHaveLength(1);
	});
});

describe('the audit log', () => {
	function seed() {
		const db = testDb();
		const admin = addPerson(db, ['admin'], { name: 'Amira Admin', email: 'amira@example.org' });
		const pat = addPerson(db, ['parent_carer'], { name: 'Pat Parent', email: 'pat@example.org' });
		const sam = addPerson(db, ['organiser'], { name: 'Sam Patel', email: 'sam@example.org' });
		const add = (at: string, actorId: number | null, action: string, subjectType: string, subjectId: string | number) =>
			audit.record(db, { at: new Date(at), actorId, action, subjectType, subjectId });
		// London days: 31 March 2026 is in summer time, so 23:30 UTC on the 30th is already the 31st
		add('2026-03-30T22:30:00Z', admin.id, 'person.invited', 'user', pat.id); // 23:30 on 30 March in London
		add('2026-03-30T23:30:00Z', pat.id, 'person.signed_in', 'user', pat.id); // 00:30 on 31 March
		add('2026-04-01T10:00:00Z', admin.id, 'person.roles_changed', 'user', sam.id);
		add('2026-04-02T10:00:00Z', sam.id, 'survey.exported', 'survey', 7);
		add('2026-04-03T10:00:00Z', null, 'person.sign_in_failed', 'user', pat.id);
		add('2026-04-03T11:00:00Z', null, 'person.sign_in_failed', 'sign_in', 'unknown account');
		return { db, admin, pat, sam };
	}
	const actions = (r: ReturnType<typeof audit.list>) => r.entries.map((e) => e.action);

	it('is for admins only', () => {
		const { db, pat, sam } = seed();
		for (const actor of [null, pat, sam, addPerson(db, ['safeguarding_lead'])]) expect(() => audit.list(db, actor)).toThrow(ForbiddenError);
	});

	it('lists newest first with names, and the actions present', () => {
		const { db, admin, pat } = seed();
		const all = audit.list(db, admin);
		expect(all.total).toBe(6);
		expect(actions(all)).toEqual(['person.sign_in_failed', 'person.sign_in_failed', 'survey.exported', 'person.roles_changed', 'person.signed_in', 'person.invited']);
		expect(all.entries[5]).toMatchObject({ actorName: 'Amira Admin', actorEmail: 'amira@example.org', subjectName: 'Pat Parent' });
		expect(all.entries[1]).toMatchObject({ actorName: null, subjectName: 'Pat Parent', subjectId: String(pat.id) });
		expect(all.entries[0]).toMatchObject({ subjectType: 'sign_in', subjectName: null });
		expect(all.actions).toEqual(['person.invited', 'person.roles_changed', 'person.sign_in_failed', 'person.signed_in', 'survey.exported']);
	});

	it('filters by person: what they did and what is about them, by part of a name or an email', () => {
		const { db, admin, pat, sam } = seed();
		const aboutPat = audit.list(db, admin, { person: 'pat@example.org' });
		expect(actions(aboutPat)).toEqual(['person.sign_in_failed', 'person.signed_in', 'person.invited']);
		expect(aboutPat.people).toEqual([{ id: pat.id, name: 'Pat Parent', email: 'pat@example.org' }]);
		// "pat" is in Pat Parent's name and in Sam Patel's: both, exact email first if there is one
		const both = audit.list(db, admin, { person: 'PAT' });
		expect(both.people.map((p) => p.id).sort()).toEqual([pat.id, sam.id].sort());
		expect(both.total).toBe(5);
		expect(actions(audit.list(db, admin, { person: 'Sam P' }))).toEqual(['survey.exported', 'person.roles_changed']);
		// like-patterns are taken literally
		expect(audit.list(db, admin, { person: '%' })).toMatchObject({ total: 0, people: [] });
		expect(audit.list(db, admin, { person: 'nobody at all' })).toMatchObject({ total: 0, entries: [], people: [] });
	});

	it('filters by action and by London days, both ends included, and combines filters', () => {
		const { db, admin } = seed();
		expect(actions(audit.list(db, admin, { action: 'person.sign_in_failed' }))).toEqual(['person.sign_in_failed', 'person.sign_in_failed']);
		expect(actions(audit.list(db, admin, { from: '2026-03-31', to: '2026-03-31' }))).toEqual(['person.signed_in']);
		expect(actions(audit.list(db, admin, { to: '2026-03-30' }))).toEqual(['person.invited']);
		expect(actions(audit.list(db, admin, { from: '2026-04-02' }))).toEqual(['person.sign_in_failed', 'person.sign_in_failed', 'survey.exported']);
		expect(actions(audit.list(db, admin, { person: 'pat', action: 'person.sign_in_failed', from: '2026-04-01', to: '2026-04-03' }))).toEqual([
			'person.sign_in_failed'
		]);
	});

	it('pages through the filtered entries', () => {
		const { db, admin, pat } = seed();
		for (let i = 0; i < audit.AUDIT_PAGE_SIZE + 3; i++) {
			audit.record(db, { at: new Date(Date.UTC(2026, 5, 1, 0, i)), actorId: pat.id, action: 'person.signed_in', subjectType: 'user', subjectId: pat.id });
		}
		const first = audit.list(db, admin, { action: 'person.signed_in' }, 1);
		expect(first).toMatchObject({ total: audit.AUDIT_PAGE_SIZE + 4, page: 1, pageCount: 2 });
		const second = audit.list(db, admin, { action: 'person.signed_in' }, 2);
		expect(second.entries).toHaveLength(4);
		expect(second.entries.at(-1)!.at.toISOString()).toBe('2026-03-30T23:30:00.000Z');
		// a page past the end shows the last page
		expect(audit.list(db, admin, { action: 'person.signed_in' }, 9).page).toBe(2);
	});

	it('uses the indexes for each filter', () => {
		const { db } = seed();
		const plan = (query: string) => (db.$client.prepare(`explain query plan ${query}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
		expect(plan(`select * from audit_entry where action = 'x' order by at desc`)).toContain('audit_entry_action_idx');
		expect(plan(`select * from audit_entry where actor_id in (1, 2) or (subject_type = 'user' and subject_id in ('1', '2'))`)).toMatch(
			/audit_entry_actor_idx[\s\S]*audit_entry_subject_idx/
		);
		expect(plan(`select * from audit_entry where at >= 1 and at < 2`)).toContain('audit_entry_at_idx');
		expect(db.select().from(auditEntry).where(eq(auditEntry.action, 'x')).all()).toEqual([]);
	});
});
