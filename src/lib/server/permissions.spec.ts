import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '$lib/roles';
import { ACTIONS, can, type Action } from './permissions';

/**
 * The permission matrix, written out by hand so a change to the rules has to change this
 * table too. `self` is an action on the actor's own account; `other` on someone else's.
 */
const ALLOWED: Record<Action, { visitor: boolean } & Record<Role, boolean>> = {
	'people.read':              { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'people.invite':            { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'people.changeRoles':       { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'people.disable':           { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'people.issuePasswordLink': { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'audit.read':               { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'services.manage':          { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'account.changePassword':   { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true },
	'settings.manage':          { visitor: false, admin: true, organiser: false, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'board.read':               { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true },
	'board.manage':             { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	// service_lead: allowed here because the matrix's resource is about a service they lead (below)
	'board.respond':            { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'board.track':              { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: false, parent_carer: false, young_person: false },
	'feedback.send':            { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true },
	'feedback.moderate':        { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'meetings.read':            { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true },
	'meetings.manage':          { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'meetings.attend':          { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true },
	'surveys.answer':           { visitor: true, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true },
	'surveys.manage':           { visitor: false, admin: true, organiser: true, service_lead: false, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'surveys.track':            { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false },
	'surveys.results':          { visitor: false, admin: true, organiser: true, service_lead: true, board_member: false, supporter: false, parent_carer: false, young_person: false }
};

/** Someone else's account, and a thing about service 5, which the actor leads. */
const OTHER_PERSON = { userId: 999, serviceIds: [5], ledServiceIds: [5] };

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
				['account.changePassword', 'board.read', 'feedback.send', 'surveys.answer', 'meetings.read', 'meetings.attend'].includes(action)
			);
		}
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

	it('gives a person with several roles what each role allows', () => {
		const both = { id: 1, roles: ['parent_carer', 'admin'] as Role[] };
		expect(can(both, 'people.invite')).toBe(true);
		expect(can(both, 'account.changePassword')).toBe(true);
	});

	it('does not let an admin disable their own account', () => {
		expect(can({ id: 7, roles: ['admin'] }, 'people.disable', { userId: 7 })).toBe(false);
		expect(can({ id: 7, roles: ['admin'] }, 'people.disable', { userId: 8 })).toBe(true);
	});

	it('denies an action it does not know', () => {
		expect(can({ id: 1, roles: ['admin'] }, 'surveys.delete-everything' as Action)).toBe(false);
		expect(can({ id: 1, roles: ['admin'] }, 'toString' as Action)).toBe(false);
	});
});
