import { describe, expect, it } from 'vitest';
import { addPerson, testDb } from '../testing';
import { auditEntry, profileShareLink, profileShareOpen } from '../db/schema';
import { ConfirmIdentityError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../permissions';
import * as profiles from './service';

const DAY = 24 * 60 * 60 * 1000;

function setUp() {
	const db = testDb();
	const supporter = addPerson(db, ['supporter'], { name: 'Ms Khan' });
	const { id } = profiles.createYoungPerson(db, supporter, { name: 'Sam' });
	const sam: Actor = { id, roles: ['young_person'] };
	profiles.addItem(db, sam, id, 'important', { symbolId: 'dog', words: 'Biscuit' });
	return { db, supporter, sam, id };
}

describe('share links', () => {
	it('shows the profile read-only to whoever has the link, for 30 days by default', () => {
		const { db, sam, id } = setUp();
		const t0 = new Date('2026-11-01T09:00:00Z');
		const link = profiles.createShareLink(db, sam, id, { label: 'New class teacher' }, t0);
		expect(link.expiresAt).toEqual(new Date(t0.getTime() + 30 * DAY));
		// stored as a hash only
		expect(JSON.stringify(db.select().from(profileShareLink).all())).not.toContain(link.token);

		const shown = profiles.openSharedProfile(db, link.token, new Date(t0.getTime() + DAY));
		expect(shown.youngPerson.name).toBe('Sam');
		expect(shown.sections.flatMap((s) => s.items)).toMatchObject([{ symbolId: 'dog', words: 'Biscuit' }]);
		// a visitor with the link may do nothing else
		expect(shown.may).toEqual({ consent: false, chooseSupporters: false, signInCard: false });
		expect(shown.isOwn).toBe(false);

		// works until the last millisecond, then never again
		profiles.openSharedProfile(db, link.token, new Date(link.expiresAt.getTime() - 1));
		expect(() => profiles.openSharedProfile(db, link.token, link.expiresAt)).toThrow(NotFoundError);
		expect(profiles.shareLinks(db, sam, id, link.expiresAt)[0]).toMatchObject({ state: 'expired', opens: 2 });
	});

	it('records each opening with the time and nothing about who opened it', () => {
		const { db, supporter, id } = setUp();
		const t0 = new Date('2026-11-01T09:00:00Z');
		const link = profiles.createShareLink(db, supporter, id, { label: 'Dentist', days: 7 }, t0);
		profiles.openSharedProfile(db, link.token, new Date(t0.getTime() + 1000));
		profiles.openSharedProfile(db, link.token, new Date(t0.getTime() + 2000));
		const opens = db.select().from(profileShareOpen).all();
		expect(opens.map((o) => Object.keys(o).sort())).toEqual([['id', 'openedAt', 'shareLinkId'], ['id', 'openedAt', 'shareLinkId']]);
		expect(profiles.shareLinks(db, supporter, id, t0)).toMatchObject([
			{ label: 'Dentist', createdBy: 'Ms Khan', state: 'active', opens: 2, lastOpenedAt: new Date(t0.getTime() + 2000) }
		]);
	});

	it('stops a link at once when it is revoked', () => {
		const { db, sam, supporter, id } = setUp();
		const link = profiles.createShareLink(db, supporter, id, { label: 'Respite carer' });
		profiles.openSharedProfile(db, link.token);
		profiles.revokeShareLink(db, sam, id, link.id);
		expect(() => profiles.openSharedProfile(db, link.token)).toThrow(NotFoundError);
		expect(() => profiles.sharedProfileId(db, link.token)).toThrow(NotFoundError);
		expect(profiles.shareLinks(db, sam, id)[0].state).toBe('revoked');
		// revoking again changes nothing; revoking through another profile is not found
		profiles.revokeShareLink(db, sam, id, link.id);
		const other = profiles.createYoungPerson(db, supporter, { name: 'Kai' });
		expect(() => profiles.revokeShareLink(db, supporter, other.id, link.id)).toThrow(NotFoundError);
		const actions = db.select().from(auditEntry).all().map((a) => a.action);
		expect(actions.filter((a) => a.startsWith('profile.share_link'))).toEqual(['profile.share_link_created', 'profile.share_link_revoked']);
	});

	it('refuses strangers, unknown links and odd lengths', () => {
		const { db, sam, id } = setUp();
		expect(() => profiles.createShareLink(db, addPerson(db, ['organiser']), id, { label: 'x' })).toThrow(ForbiddenError);
		expect(() => profiles.shareLinks(db, addPerson(db, ['supporter']), id)).toThrow(ForbiddenError);
		expect(() => profiles.createShareLink(db, sam, id, { label: 'x', days: 365 })).toThrow(ValidationError);
		expect(() => profiles.createShareLink(db, sam, id, { label: '  ' })).toThrow(ValidationError);
		expect(() => profiles.openSharedProfile(db, 'not-a-real-token')).toThrow(NotFoundError);
	});

	it('stops the share links a supporter made when the supporter is unlinked (theirs only)', () => {
		const { db, supporter, sam, id } = setUp();
		const t0 = new Date('2026-11-01T09:00:00Z');
		const theirs = profiles.createShareLink(db, supporter, id, { label: 'For the new school' }, t0);
		const samsOwn = profiles.createShareLink(db, sam, id, { label: 'For my gran' }, t0);
		profiles.unlinkSupporter(db, sam, id, supporter.id, t0);
		expect(() => profiles.openSharedProfile(db, theirs.token, t0)).toThrow(NotFoundError);
		expect(profiles.openSharedProfile(db, samsOwn.token, t0).youngPerson.name).toBe('Sam');
	});

	it('lets an admin link a supporter but never themselves, and only after a recent sign-in', () => {
		const { db, id } = setUp();
		const t0 = new Date('2026-11-01T09:00:00Z');
		const admin = { ...addPerson(db, ['admin', 'supporter'], { email: 'ada@example.org' }), verifiedAt: t0 };
		const other = addPerson(db, ['supporter'], { email: 'other@example.org' });
		expect(() => profiles.linkSupporter(db, admin, id, 'ada@example.org', t0)).toThrow(ValidationError);
		expect(() => profiles.linkSupporter(db, admin, id, 'other@example.org', new Date(t0.getTime() + 16 * 60_000))).toThrow(ConfirmIdentityError);
		expect(profiles.linkSupporter(db, admin, id, 'other@example.org', t0).id).toBe(other.id);
	});
});
