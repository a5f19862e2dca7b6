import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '$lib/roles';
import { ConfirmIdentityError } from './errors';
import { ACTIONS, can, requireRecentSignIn, signedInRecently, type Action } from './permissions';

/**
 * The permission matrix, written out by hand so a change to the rules has to change this
 * table too. `self` is an action on the actor's own account; `other` on someone else's.
 */
const ALLOWED: Record<Action, { visitor: boolean } & Record<Role, boolean>> = {
	'people.read':              { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'people.invite':            { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'people.changeRoles':       { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'people.disable':           { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'people.issuePasswordLink': { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'people.erase':             { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'data.download':            { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'audit.read':               { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'outbox.manage':            { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'outbox.chooseOwn':         { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'services.manage':          { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'account.changePassword':   { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: false, safeguarding_lead: true },
	'account.twoStep':          { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: false, safeguarding_lead: true },
	'settings.manage':          { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'content.translate':        { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'translations.manage':      { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'board.read':               { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'board.manage':             { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	// service_lead: allowed here because the matrix's resource is about a service they lead (below)
	'board.respond':            { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'board.track':              { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'feedback.send':            { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'feedback.moderate':        { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'meetings.read':            { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'meetings.manage':          { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'meetings.attend':          { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'surveys.answer':           { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'surveys.manage':           { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'surveys.track':            { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'surveys.results':          { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	// service_lead: allowed because the matrix's resource is about a service they lead
	'standards.manage':       { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'standards.read':         { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'standards.enterFigures': { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'reports.read':           { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'reports.comment':        { visitor: false, admin: true, organiser: true, service_lead: false, board_member: true, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'reports.manage':         { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'reports.readPublished':  { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'reach.baseline.import':    { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'reach.baseline.read':      { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'coproduction.read':      { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'coproduction.track':     { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	// service_lead: allowed because the matrix's resource is about a service they lead
	'coproduction.record':    { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'coproduction.ladder':    { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'yearly.manage':          { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'yearly.readPublished':   { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	// the forum: a young person's own account does not join (a young person who is also a parent carer does, below)
	'forum.join':             { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: false, safeguarding_lead: true },
	'forum.readRepresentatives': { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'forum.manageRepresentatives': { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	'forum.readCounts':       { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: false },
	// profiles: the matrix's resource is the actor's own profile, and the actor is a linked supporter (below)
	'profiles.create':        { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: true, parent_carer: false, young_person: false, safeguarding_lead: false },
	'profiles.own':             { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: true, safeguarding_lead: false },
	'profiles.support':       { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: true, parent_carer: false, young_person: false, safeguarding_lead: false },
	'profiles.read':          { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: true, parent_carer: false, young_person: true, safeguarding_lead: false },
	'profiles.edit':          { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: true, parent_carer: false, young_person: true, safeguarding_lead: false },
	'profiles.share':         { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: true, parent_carer: false, young_person: true, safeguarding_lead: false },
	'profiles.consent':       { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: true, safeguarding_lead: false },
	'profiles.chooseSupporters': { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: true, safeguarding_lead: false },
	'safeguarding.review':    { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false, safeguarding_lead: true },
	'safeguarding.tell':      { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true, safeguarding_lead: true },
	'profiles.signInCard':    { visitor: false, admin: false, organiser: false, service_lead: false, board_member: false, supporter: true, parent_carer: false, young_person: false, safeguarding_lead: false }
};

/**
 * Someone else's account, a thing about service 5, which the actor leads, and the profile of
 * young person 1 (the actor, when they are a young person), who linked the actor (a supporter).
 */
const OTHER_PERSON = { userId: 999, serviceIds: [5], ledServiceIds: [5], profileOf: 1, linkedSupporterIds: [1] };

describe('permission matrix', () => {
	it('lists every action the app defines', () => {
		expect(Object.keys(ALLOWED).sort()).toEqual([...ACTIONS].sort());
	});

	for (const action of ACTIONS) {
		describe(action, () => {
			it(`visitor: ${ALLOWED[action].visitor ? 'allowed' : 'denied'}`, () => {
				expect(can(null, action, OTHER_PERSON)).toBe(ALLOWED[action].visitor);
			});
			for (const role of ROLES) {
				it(`${role}: ${ALLOWED[action][role] ? 'allowed' : 'denied'}`, () => {
					expect(can({ id: 1, roles: [role] }, action, OTHER_PERSON)).toBe(ALLOWED[action][role]);
				});
			}
		});
	}

	it('denies a signed-in person with no roles everything but their own account and public actions', () => {
		for (const action of ACTIONS) {
			expect(can({ id: 1, roles: [] }, action, OTHER_PERSON)).toBe(
				['account.changePassword', 'account.twoStep', 'board.read', 'feedback.send', 'surveys.answer', 'meetings.read', 'meetings.attend', 'reports.readPublished', 'coproduction.read', 'yearly.readPublished', 'forum.join', 'forum.readRepresentatives', 'data.download', 'safeguarding.tell', 'outbox.chooseOwn'].includes(action)
			);
		}
	});

	it('lets a service lead record co-production only about a service they lead', () => {
		const lead = { id: 3, roles: ['service_lead'] as Role[] };
		expect(can(lead, 'coproduction.record', { serviceIds: [5, 6], ledServiceIds: [6] })).toBe(true);
		expect(can(lead, 'coproduction.record', { serviceIds: [5], ledServiceIds: [6] })).toBe(false);
		expect(can(lead, 'coproduction.record', { serviceIds: [], ledServiceIds: [6] })).toBe(false);
		expect(can({ id: 4, roles: ['organiser'] }, 'coproduction.record', { serviceIds: [] })).toBe(true);
	});

	it('lets a young person who is also a parent carer join the forum with their account', () => {
		expect(can({ id: 3, roles: ['young_person', 'parent_carer'] }, 'forum.join')).toBe(true);
	});

	it('lets a service lead respond only about a service they lead', () => {
		const lead = { id: 3, roles: ['service_lead'] as Role[] };
		expect(can(lead, 'board.respond', { serviceIds: [5, 6], ledServiceIds: [6] })).toBe(true);
		expect(can(lead, 'board.respond', { serviceIds: [5], ledServiceIds: [6] })).toBe(false);
		expect(can(lead, 'board.respond', { serviceIds: [], ledServiceIds: [6] })).toBe(false);
		expect(can(lead, 'board.respond')).toBe(false);
		// leading a service is not enough without the role
		expect(can({ id: 3, roles: ['parent_carer'] }, 'board.respond', { serviceIds: [5], ledServiceIds: [5] })).toBe(false);
	});

	it('lets a service lead read the results only of surveys about a service they lead', () => {
		const lead = { id: 3, roles: ['service_lead'] as Role[] };
		expect(can(lead, 'surveys.results', { serviceIds: [5, 6], ledServiceIds: [6] })).toBe(true);
		expect(can(lead, 'surveys.results', { serviceIds: [5], ledServiceIds: [6] })).toBe(false);
		// a survey about no service is the forum's own: organisers only
		expect(can(lead, 'surveys.results', { serviceIds: [], ledServiceIds: [6] })).toBe(false);
		expect(can({ id: 3, roles: ['board_member'] }, 'surveys.results', { serviceIds: [5], ledServiceIds: [5] })).toBe(false);
	});

	it('lets only the young person and the supporters they linked open a profile', () => {
		const sam = { id: 10, roles: ['young_person'] as Role[] };
		const linked = { id: 20, roles: ['supporter'] as Role[] };
		const other = { id: 21, roles: ['supporter'] as Role[] };
		const samsProfile = { profileOf: 10, linkedSupporterIds: [20] };
		expect(can(sam, 'profiles.read', samsProfile)).toBe(true);
		expect(can(linked, 'profiles.edit', samsProfile)).toBe(true);
		expect(can(other, 'profiles.read', samsProfile)).toBe(false);
		// another young person, and a linked person who is no longer a supporter
		expect(can({ id: 11, roles: ['young_person'] }, 'profiles.read', samsProfile)).toBe(false);
		expect(can({ id: 20, roles: ['parent_carer'] }, 'profiles.read', samsProfile)).toBe(false);
		// a young person id that happens to match is not enough without the role
		expect(can({ id: 10, roles: ['supporter'] }, 'profiles.read', samsProfile)).toBe(false);
		// the consent is the young person's alone; a supporter prints cards, the young person cannot
		expect(can(linked, 'profiles.consent', samsProfile)).toBe(false);
		expect(can(sam, 'profiles.signInCard', samsProfile)).toBe(false);
		// admins link supporters for a young person who cannot yet choose, but never open the profile
		const admin = { id: 1, roles: ['admin', 'organiser', 'service_lead', 'board_member'] as Role[] };
		expect(can(admin, 'profiles.chooseSupporters', samsProfile)).toBe(true);
		for (const action of ['profiles.read', 'profiles.edit', 'profiles.share', 'profiles.signInCard'] as Action[]) {
			expect(can(admin, action, samsProfile)).toBe(false);
		}
	});

	it('lets a service lead enter figures only for standards of a service they lead', () => {
		const lead = { id: 3, roles: ['service_lead'] as Role[] };
		expect(can(lead, 'standards.enterFigures', { serviceIds: [5], ledServiceIds: [5] })).toBe(true);
		expect(can(lead, 'standards.enterFigures', { serviceIds: [6], ledServiceIds: [5] })).toBe(false);
		// an area-wide standard belongs to no service: organisers only
		expect(can(lead, 'standards.enterFigures', { serviceIds: [], ledServiceIds: [5] })).toBe(false);
		expect(can({ id: 3, roles: ['organiser'] }, 'standards.enterFigures', { serviceIds: [] })).toBe(true);
	});

	it('gives a person with several roles what each role allows', () => {
		const both = { id: 1, roles: ['parent_carer', 'admin'] as Role[] };
		expect(can(both, 'people.invite')).toBe(true);
		expect(can(both, 'account.changePassword')).toBe(true);
	});

	it('does not let an admin disable their own account', () => {
		expect(can({ id: 7, roles: ['admin'] }, 'people.disable', { userId: 7 })).toBe(false);
		expect(can({ id: 7, roles: ['admin'] }, 'people.disable', { userId: 8 })).toBe(true);
	});

	it('lets nobody give themselves a way in: no admin changes their own roles (another admin must), erases or disables themselves', () => {
		for (const action of ['people.changeRoles', 'people.erase', 'people.disable'] as const) {
			expect(can({ id: 7, roles: ['admin'] }, action, { userId: 7 }), action).toBe(false);
			expect(can({ id: 7, roles: ['admin'] }, action, { userId: 8 }), action).toBe(true);
		}
	});

	it('asks for a recent sign-in (15 minutes) before a dangerous step', () => {
		const now = new Date('2026-11-01T12:00:00Z');
		const at = (minutesAgo: number) => ({ id: 1, roles: ['admin'] as Role[], verifiedAt: new Date(now.getTime() - minutesAgo * 60_000) });
		expect(signedInRecently(at(0), now)).toBe(true);
		expect(signedInRecently(at(15), now)).toBe(true);
		expect(signedInRecently(at(15.01), now)).toBe(false);
		expect(signedInRecently({ id: 1, roles: ['admin'] }, now)).toBe(false);
		expect(signedInRecently(null, now)).toBe(false);
		expect(() => requireRecentSignIn(at(16), now)).toThrow(ConfirmIdentityError);
		expect(() => requireRecentSignIn(at(1), now)).not.toThrow();
	});

	it('denies an action it does not know', () => {
		expect(can({ id: 1, roles: ['admin'] }, 'surveys.delete-everything' as Action)).toBe(false);
		expect(can({ id: 1, roles: ['admin'] }, 'toString' as Action)).toBe(false);
	});
});
