import type { NavId, Navigation } from '$lib/navigation';
import { can, type Action, type Actor } from './permissions';

/**
 * The header's menu items, each shown only to those whose roles allow what it leads to, in three
 * groups: `pages` (public: everyone may), `manage` (staff and supporters' pages, under "Manage"),
 * `own` (the person's own pages). `action` comes last on each line: the audit log's spec takes a
 * line ending `action: '...' }` for a permission, any other `action:` for an audited action.
 */
const ITEMS: readonly { id: NavId; href: string; group: keyof Navigation; action: Action }[] = [
	{ id: 'board', href: '/board', group: 'pages', action: 'board.read' },
	{ id: 'feedback', href: '/feedback', group: 'pages', action: 'feedback.send' },
	{ id: 'surveys', href: '/surveys', group: 'pages', action: 'surveys.answer' },
	{ id: 'meetings', href: '/meetings', group: 'pages', action: 'meetings.read' },
	{ id: 'reports', href: '/reports', group: 'pages', action: 'reports.readPublished' },
	{ id: 'youngPeople', href: '/young-people', group: 'manage', action: 'profiles.support' },
	{ id: 'manageSurveys', href: '/manage/surveys', group: 'manage', action: 'surveys.track' },
	{ id: 'manageMeetings', href: '/manage/meetings', group: 'manage', action: 'meetings.manage' },
	{ id: 'manageForum', href: '/manage/forum', group: 'manage', action: 'forum.readCounts' },
	{ id: 'followUp', href: '/manage/board', group: 'manage', action: 'board.track' },
	{ id: 'manageReports', href: '/manage/reports', group: 'manage', action: 'reports.read' },
	{ id: 'manageYearly', href: '/manage/yearly', group: 'manage', action: 'yearly.manage' },
	{ id: 'standards', href: '/manage/standards', group: 'manage', action: 'standards.read' },
	{ id: 'reach', href: '/manage/reach', group: 'manage', action: 'reach.baseline.read' },
	{ id: 'manageCoproduction', href: '/manage/coproduction', group: 'manage', action: 'coproduction.track' },
	{ id: 'moderation', href: '/manage/feedback', group: 'manage', action: 'feedback.moderate' },
	{ id: 'safeguarding', href: '/safeguarding', group: 'manage', action: 'safeguarding.review' },
	{ id: 'people', href: '/admin/people', group: 'manage', action: 'people.read' },
	{ id: 'services', href: '/admin/services', group: 'manage', action: 'services.manage' },
	{ id: 'audit', href: '/admin/audit', group: 'manage', action: 'audit.read' },
	{ id: 'emails', href: '/admin/emails', group: 'manage', action: 'outbox.manage' },
	{ id: 'settings', href: '/admin/settings', group: 'manage', action: 'settings.manage' },
	{ id: 'languages', href: '/admin/languages', group: 'manage', action: 'translations.manage' },
	{ id: 'myProfile', href: '/my-profile', group: 'own', action: 'profiles.own' },
	{ id: 'account', href: '/account', group: 'own', action: 'account.changePassword' }
];

/** The menu for this person (a visitor gets only what is public). */
export function navigationFor(actor: Actor): Navigation {
	const menu: Navigation = { pages: [], manage: [], own: [] };
	for (const { id, href, action, group } of ITEMS) if (can(actor, action)) menu[group].push({ id, href });
	return menu;
}
