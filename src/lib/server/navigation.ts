import type { NavId, Navigation } from '$lib/navigation';
import { can, type Action, type Actor } from './permissions';

/**
 * The header's menu items, each shown only to those whose roles allow what it leads to, in three
 * groups: `pages` (public: everyone may), `manage` (staff and supporters' pages, under "Manage"),
 * `own` (the person's own pages).
 */
const ITEMS: readonly { id: NavId; href: string; action: Action; group: keyof Navigation }[] = [
	{ id: 'board', href: '/board', action: 'board.read', group: 'pages' },
	{ id: 'feedback', href: '/feedback', action: 'feedback.send', group: 'pages' },
	{ id: 'surveys', href: '/surveys', action: 'surveys.answer', group: 'pages' },
	{ id: 'meetings', href: '/meetings', action: 'meetings.read', group: 'pages' },
	{ id: 'reports', href: '/reports', action: 'reports.readPublished', group: 'pages' },
	{ id: 'youngPeople', href: '/young-people', action: 'profiles.support', group: 'manage' },
	{ id: 'manageSurveys', href: '/manage/surveys', action: 'surveys.track', group: 'manage' },
	{ id: 'manageMeetings', href: '/manage/meetings', action: 'meetings.manage', group: 'manage' },
	{ id: 'followUp', href: '/manage/board', action: 'board.track', group: 'manage' },
	{ id: 'manageReports', href: '/manage/reports', action: 'reports.read', group: 'manage' },
	{ id: 'standards', href: '/manage/standards', action: 'standards.read', group: 'manage' },
	{ id: 'moderation', href: '/manage/feedback', action: 'feedback.moderate', group: 'manage' },
	{ id: 'safeguarding', href: '/safeguarding', action: 'safeguarding.review', group: 'manage' },
	{ id: 'people', href: '/admin/people', action: 'people.read', group: 'manage' },
	{ id: 'services', href: '/admin/services', action: 'services.manage', group: 'manage' },
	{ id: 'audit', href: '/admin/audit', action: 'audit.read', group: 'manage' },
	{ id: 'emails', href: '/admin/emails', action: 'outbox.manage', group: 'manage' },
	{ id: 'settings', href: '/admin/settings', action: 'settings.manage', group: 'manage' },
	{ id: 'myProfile', href: '/my-profile', action: 'profiles.own', group: 'own' },
	{ id: 'account', href: '/account', action: 'account.changePassword', group: 'own' }
];

/** The menu for this person (a visitor gets only what is public). */
export function navigationFor(actor: Actor): Navigation {
	const menu: Navigation = { pages: [], manage: [], own: [] };
	for (const { id, href, action, group } of ITEMS) if (can(actor, action)) menu[group].push({ id, href });
	return menu;
}
