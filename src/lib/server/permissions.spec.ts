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
	'account.changePassword':   { visitor: false, admin: true, organiser: true, service_lead: true, board_member: true, supporter: true, parent_carer: true, young_person: true }
};

const OTHER_PERSON = { userId: 999 };

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

	it('denies a signed-in person with no roles everything but their own account', () => {
		for (const action of ACTIONS) {
			expect(can({ id: 1, roles: [] }, action, OTHER_PERSON)).toBe(action === 'account.changePassword');
		}
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
