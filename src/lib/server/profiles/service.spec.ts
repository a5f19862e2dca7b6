import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '$lib/roles';
import { ITEMS_PER_SECTION_MAX } from '$lib/features/profiles/model';
import { addPerson, testDb } from '../testing';
import { auditEntry, profileVersion } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../permissions';
import * as profiles from './service';

function setUp() {
	const db = testDb();
	const supporter = addPerson(db, ['supporter'], { name: 'Ms Khan', email: 'khan@example.org' });
	const { id } = profiles.createYoungPerson(db, supporter, { name: 'Sam' });
	const sam: Actor = { id, roles: ['young_person'] };
	return { db, supporter, sam, id };
}

const itemsOf = (view: profiles.ProfileView) => view.sections.flatMap((s) => s.items.map((i) => ({ section: s.section, ...i })));

describe('who may change a profile (checked before a page decodes a photo)', () => {
	it('lets the young person and a linked supporter, and refuses everyone else', () => {
		const { db, supporter, sam, id } = setUp();
		expect(() => profiles.assertMayEdit(db, sam, id)).not.toThrow();
		expect(() => profiles.assertMayEdit(db, supporter, id)).not.toThrow();
		const otherSupporter = addPerson(db, ['supporter']);
		for (const actor of [otherSupporter, addPerson(db, ['admin']), addPerson(db, ['organiser']), null]) {
			expect(() => profiles.assertMayEdit(db, actor, id)).toThrow(ForbiddenError);
		}
	});
});

describe('who can open a profile', () => {
	it('lets the young person and linked supporters in, and nobody else, whatever their roles', () => {
		const { db, supporter, sam, id } = setUp();
		expect(profiles.view(db, sam, id).isOwn).toBe(true);
		expect(profiles.view(db, supporter, id).isOwn).toBe(false);
		// every role on its own, held by someone the young person has not linked
		for (const role of ROLES) {
			const stranger = addPerson(db, [role as Role]);
			expect(() => profiles.view(db, stranger, id), role).toThrow(ForbiddenError);
			expect(() => profiles.addItem(db, stranger, id, 'hopes', { symbolId: 'college' }), role).toThrow(ForbiddenError);
			expect(() => profiles.versions(db, stranger, id), role).toThrow(ForbiddenError);
			expect(() => profiles.createShareLink(db, stranger, id, { label: 'x' }), role).toThrow(ForbiddenError);
		}
		expect(() => profiles.view(db, null, id)).toThrow(ForbiddenError);
		// all the staff roles at once do not add up to a way in
		const everyStaffRole = addPerson(db, ['admin', 'organiser', 'service_lead', 'board_member', 'parent_carer']);
		expect(() => profiles.view(db, everyStaffRole, id)).toThrow(ForbiddenError);
		expect(() => profiles.view(db, sam, 99999)).toThrow(NotFoundError);
	});

	it('lets the young person (or an admin) choose supporters, and takes access away at once', () => {
		const { db, supporter, sam, id } = setUp();
		const teacher = addPerson(db, ['supporter'], { name: 'Mr Ode', email: 'ode@example.org' });
		expect(() => profiles.view(db, teacher, id)).toThrow(ForbiddenError);
		profiles.linkSupporter(db, sam, id, ' ODE@example.org ');
		expect(profiles.view(db, teacher, id).youngPerson.name).toBe('Sam');
		expect(() => profiles.linkSupporter(db, sam, id, 'ode@example.org')).toThrow(ConflictError);
		// only people who are supporters can be linked
		addPerson(db, ['organiser'], { email: 'org@example.org' });
		expect(() => profiles.linkSupporter(db, sam, id, 'org@example.org')).toThrow(ValidationError);
		// a supporter cannot add or remove others; an admin can
		expect(() => profiles.unlinkSupporter(db, supporter, id, teacher.id)).toThrow(ForbiddenError);
		const admin = addPerson(db, ['admin']);
		profiles.unlinkSupporter(db, admin, id, teacher.id);
		expect(() => profiles.view(db, teacher, id)).toThrow(ForbiddenError);
		expect(profiles.supporters(db, admin, id).map((s) => s.name)).toEqual(['Ms Khan']);
		const actions = db.select().from(auditEntry).all().map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['profile.supporter_linked', 'profile.supporter_unlinked']));
	});

	it('gives the consent tick to the young person alone', () => {
		const { db, supporter, sam, id } = setUp();
		expect(() => profiles.setConsent(db, supporter, id, true)).toThrow(ForbiddenError);
		profiles.setConsent(db, sam, id, true);
		expect(profiles.view(db, sam, id).countMySymbols).toBe(true);
		expect(profiles.view(db, supporter, id).may.consent).toBe(false);
		expect(profiles.view(db, sam, id).may.consent).toBe(true);
	});
});

describe('building a profile', () => {
	it('takes symbols alone, words alone or both, and marks what a supporter wrote', () => {
		const { db, supporter, sam, id } = setUp();
		profiles.addItem(db, sam, id, 'important', { symbolId: 'dog' });
		profiles.addItem(db, sam, id, 'important', { words: '  My   gran  ' });
		profiles.addItem(db, supporter, id, 'support', { symbolId: 'give-me-time', words: 'Give Sam time to answer' });
		expect(itemsOf(profiles.view(db, sam, id))).toMatchObject([
			{ section: 'important', symbolId: 'dog', words: null, writtenBy: null },
			{ section: 'important', symbolId: null, words: 'My gran', writtenBy: null },
			{ section: 'support', symbolId: 'give-me-time', writtenBy: 'Ms Khan' }
		]);
		for (const bad of [{}, { symbolId: 'no-such-symbol' }, { symbolId: 'status-done' }, { words: 'x'.repeat(101) }]) {
			expect(() => profiles.addItem(db, sam, id, 'hopes', bad)).toThrow(ValidationError);
		}
	});

	it('keeps each part short enough to print on one page', () => {
		const { db, sam, id } = setUp();
		for (let i = 0; i < ITEMS_PER_SECTION_MAX; i++) profiles.addItem(db, sam, id, 'hopes', { symbolId: 'college' });
		expect(() => profiles.addItem(db, sam, id, 'hopes', { symbolId: 'work' })).toThrow(
			expect.objectContaining({ code: 'section_full' })
		);
		profiles.addItem(db, sam, id, 'admire', { symbolId: 'funny' });
	});

	it('lets the young person change or remove what a supporter wrote, and a supporter only their own', () => {
		const { db, supporter, sam, id } = setUp();
		const theirs = profiles.addItem(db, supporter, id, 'support', { symbolId: 'quiet-space' }).itemId;
		const mine = profiles.addItem(db, sam, id, 'important', { symbolId: 'cat' }).itemId;
		expect(() => profiles.updateItem(db, supporter, id, mine, { symbolId: 'dog' })).toThrow(ForbiddenError);
		expect(() => profiles.removeItem(db, supporter, id, mine)).toThrow(ForbiddenError);
		profiles.updateItem(db, sam, id, theirs, { symbolId: 'quiet-space', words: 'The library at lunch' });
		// now in the young person's own words
		expect(itemsOf(profiles.view(db, sam, id)).find((i) => i.id === theirs)).toMatchObject({ words: 'The library at lunch', writtenBy: null });
		profiles.removeItem(db, sam, id, theirs);
		expect(itemsOf(profiles.view(db, sam, id)).map((i) => i.id)).toEqual([mine]);
		// an item of another profile is not found through this one
		const other = profiles.createYoungPerson(db, supporter, { name: 'Kai' });
		const elsewhere = profiles.addItem(db, supporter, other.id, 'hopes', { symbolId: 'college' }).itemId;
		expect(() => profiles.removeItem(db, supporter, id, elsewhere)).toThrow(NotFoundError);
	});

	it('moves items within their part', () => {
		const { db, sam, id } = setUp();
		const a = profiles.addItem(db, sam, id, 'important', { symbolId: 'cat' }).itemId;
		const b = profiles.addItem(db, sam, id, 'important', { symbolId: 'dog' }).itemId;
		profiles.addItem(db, sam, id, 'hopes', { symbolId: 'college' });
		expect(profiles.moveItem(db, sam, id, a, 'up')).toBeNull();
		profiles.moveItem(db, sam, id, b, 'up');
		const important = profiles.view(db, sam, id).sections.find((s) => s.section === 'important')!;
		expect(important.items.map((i) => i.id)).toEqual([b, a]);
	});
});

describe('versions', () => {
	it('keeps every save as a numbered snapshot that later changes do not alter', () => {
		const { db, supporter, sam, id } = setUp();
		const t = (h: number) => new Date(Date.UTC(2026, 10, 2, h));
		const first = profiles.addItem(db, sam, id, 'important', { symbolId: 'dog', words: 'Biscuit' }, t(9));
		expect(first.version).toBe(1);
		profiles.addItem(db, supporter, id, 'support', { symbolId: 'timer' }, t(10));
		profiles.updateItem(db, sam, id, first.itemId, { symbolId: 'dog', words: 'Biscuit, my dog' }, t(11));
		profiles.removeItem(db, sam, id, first.itemId, t(12));

		expect(profiles.view(db, sam, id).version).toBe(4);
		expect(profiles.versions(db, supporter, id)).toEqual([
			{ number: 4, savedAt: t(12), savedBy: 'Sam', change: 'removed' },
			{ number: 3, savedAt: t(11), savedBy: 'Sam', change: 'changed' },
			{ number: 2, savedAt: t(10), savedBy: 'Ms Khan', change: 'added' },
			{ number: 1, savedAt: t(9), savedBy: 'Sam', change: 'added' }
		]);
		const v2 = profiles.version(db, sam, id, 2);
		const v2items = v2.sections.flatMap((s) => s.items);
		expect(v2items).toEqual([
			{ symbolId: 'dog', words: 'Biscuit', writtenBy: null },
			{ symbolId: 'timer', words: null, writtenBy: 'Ms Khan' }
		]);
		expect(profiles.version(db, sam, id, 3).sections.flatMap((s) => s.items)[0].words).toBe('Biscuit, my dog');
		expect(() => profiles.version(db, sam, id, 9)).toThrow(NotFoundError);
		expect(db.select().from(profileVersion).all()).toHaveLength(4);
	});

	it('marks the profile reviewed without making a new version', () => {
		const { db, supporter, sam, id } = setUp();
		expect(profiles.view(db, sam, id).reviewedAt).toBeNull();
		const when = new Date('2026-11-20T15:00:00Z');
		profiles.markReviewed(db, supporter, id, when);
		expect(profiles.view(db, sam, id)).toMatchObject({ reviewedAt: when, reviewedBy: 'Ms Khan', version: 0 });
		profiles.markReviewed(db, sam, id, when);
		expect(profiles.view(db, sam, id).reviewedBy).toBe('Sam');
	});

	it('does not roll back a version number when a save fails', () => {
		const { db, sam, id } = setUp();
		profiles.addItem(db, sam, id, 'important', { symbolId: 'dog' });
		expect(() => profiles.addItem(db, sam, id, 'important', { symbolId: 'nope' })).toThrow(ValidationError);
		expect(profiles.view(db, sam, id).version).toBe(1);
		expect(profiles.versions(db, sam, id)).toHaveLength(1);
	});
});
