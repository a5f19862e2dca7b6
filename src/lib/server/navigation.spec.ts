/** The menu: grouped so the header stays one row, every page still there for those who may open it. */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '$lib/roles';
import { navigationFor } from './navigation';

const person = (...roles: Role[]) => ({ id: 1, roles });
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const PUBLIC = ['board', 'feedback', 'surveys', 'meetings', 'reports'];

describe('the menu', () => {
	it('gives a visitor the public pages only', () => {
		expect(navigationFor(null)).toEqual({
			pages: [
				{ id: 'board', href: '/board' },
				{ id: 'feedback', href: '/feedback' },
				{ id: 'surveys', href: '/surveys' },
				{ id: 'meetings', href: '/meetings' },
				{ id: 'reports', href: '/reports' }
			],
			manage: [],
			own: []
		});
	});

	it('keeps the public pages and the person’s own in the header, and nothing to manage for families', () => {
		expect(navigationFor(person('parent_carer'))).toMatchObject({ manage: [], own: [{ id: 'account', href: '/account' }] });
		expect(navigationFor(person('young_person'))).toMatchObject({ manage: [], own: [{ id: 'myProfile', href: '/my-profile' }] });
		for (const role of ROLES) expect(ids(navigationFor(person(role)).pages), role).toEqual(PUBLIC);
	});

	it('folds each role’s staff pages under Manage', () => {
		expect(ids(navigationFor(person('organiser')).manage)).toEqual(['manageSurveys', 'manageMeetings', 'manageForum', 'followUp', 'manageReports', 'manageYearly', 'standards', 'reach', 'manageCoproduction', 'moderation']);
		expect(ids(navigationFor(person('service_lead')).manage)).toEqual(['manageSurveys', 'followUp', 'manageReports', 'standards', 'reach', 'manageCoproduction']);
		expect(ids(navigationFor(person('board_member')).manage)).toEqual(['followUp', 'manageReports', 'standards', 'reach']);
		expect(ids(navigationFor(person('safeguarding_lead')).manage)).toEqual(['safeguarding']);
		expect(ids(navigationFor(person('supporter')).manage)).toEqual(['youngPeople']);
		expect(ids(navigationFor(person('admin')).manage)).toEqual([
			'manageSurveys',
			'manageMeetings',
			'manageForum',
			'followUp',
			'manageReports',
			'manageYearly',
			'standards',
			'reach',
			'manageCoproduction',
			'moderation',
			'people',
			'services',
			'audit',
			'emails',
			'settings',
			'languages'
		]);
		// safeguarding is not an admin's: it comes with the role, beside whatever else they hold
		expect(ids(navigationFor(person('admin', 'safeguarding_lead')).manage)).toContain('safeguarding');
	});

	it('holds the header to one short row: at most six public pages, one "Manage" and two of one’s own, for every role and mix of roles', () => {
		const everyRole = navigationFor(person(...ROLES));
		expect(everyRole.pages.length + (everyRole.manage.length ? 1 : 0) + everyRole.own.length).toBeLessThanOrEqual(9);
		// and no page is lost or shown twice: every page a person may open is in exactly one group
		const all = [...everyRole.pages, ...everyRole.manage, ...everyRole.own].map((i) => i.href);
		expect(new Set(all).size).toBe(all.length);
		expect(all).toHaveLength(25);
	});
});
