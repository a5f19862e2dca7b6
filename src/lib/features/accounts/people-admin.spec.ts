/**
 * The people admin pages' forms and the status they show, without a browser. The end-to-end
 * tests of these staff-only pages run with JavaScript on only (tests/e2e/people.test.ts,
 * decision 0044); what those pages refuse and show is checked here against the real service on
 * a real, migrated in-memory database.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import * as accounts from '$lib/server/accounts';
import { addPerson, testDb } from '$lib/server/testing';
import PersonStatus from './PersonStatus.svelte';
import { ADMIN_GIVEN_ROLES, inviteSchema, rolesSchema } from './schemas';

/** The problems a form shows, by field, in the order the schema finds them. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
	expect(result.success).toBe(false);
	return result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]);
}

/** The status tag's text, as the people list and a person's page render it. */
function statusOf(person: accounts.PersonSummary) {
	const { body } = render(PersonStatus, { props: { person } });
	return body.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').trim();
}

describe('people admin', () => {
	it('an invite with nothing filled in names what is missing: the name, the email and a role', () => {
		expect(problems(inviteSchema.safeParse({ name: '', email: '', roles: [] }))).toEqual([
			['name', "Enter the person's name"],
			['email', 'Enter your email address'],
			['roles', 'Choose at least one role']
		]);
		expect(problems(inviteSchema.safeParse({ name: '  ', email: 'not an address', roles: ['parent_carer'] }))).toEqual([
			['name', "Enter the person's name"],
			['email', 'Enter an email address like name@example.org']
		]);
		expect(inviteSchema.parse({ name: ' Ina ', email: ' ina@example.org ', roles: ['parent_carer'] })).toEqual({
			name: 'Ina',
			email: 'ina@example.org',
			roles: ['parent_carer']
		});
	});

	it('taking every role away is refused; any role an admin may give is accepted', () => {
		expect(problems(rolesSchema.safeParse({ roles: [] }))).toEqual([['roles', 'Choose at least one role']]);
		expect(rolesSchema.safeParse({ roles: ['no_such_role'] }).success).toBe(false);
		for (const role of ADMIN_GIVEN_ROLES) expect(rolesSchema.parse({ roles: [role] })).toEqual({ roles: [role] });
		expect(ADMIN_GIVEN_ROLES).not.toContain('young_person');
	});

	it('a person shows as invited until they set a password, then active, disabled and active again', async () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const { userId, token } = accounts.invite(db, admin, { name: 'Dev Disabled', email: 'dev@example.org', roles: ['supporter'] });
		const status = () => statusOf(accounts.getPerson(db, admin, userId));
		expect(status()).toBe('Invited, no password yet');
		await accounts.setPasswordWithToken(db, token, 'a long enough test password');
		expect(status()).toBe('Active');
		accounts.setDisabled(db, admin, userId, true);
		expect(status()).toBe('Disabled');
		expect(statusOf(accounts.listPeople(db, admin).find((p) => p.id === userId)!)).toBe('Disabled');
		accounts.setDisabled(db, admin, userId, false);
		expect(status()).toBe('Active');
	});

	it('new roles show on the person at once, in the order of the role list, and their old roles are gone', async () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const { userId } = accounts.invite(db, admin, { name: 'Rae Roles', email: 'rae@example.org', roles: ['parent_carer'] });
		expect(accounts.getPerson(db, admin, userId).roles).toEqual(['parent_carer']);
		accounts.changeRoles(db, admin, userId, ['parent_carer', 'supporter']);
		const [listed] = accounts.listPeople(db, admin).filter((p) => p.id === userId);
		expect(listed.roles).toEqual(accounts.getPerson(db, admin, userId).roles);
		expect(listed.roles).toEqual(['supporter', 'parent_carer']);
		accounts.changeRoles(db, admin, userId, ['supporter']);
		expect(accounts.getPerson(db, admin, userId).roles).toEqual(['supporter']);
	});
});
