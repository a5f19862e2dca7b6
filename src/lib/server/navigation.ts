import { can, type Actor } from './permissions';

/** The header's menu items, each shown only to those whose roles allow what it leads to. */
const ITEMS = [
	{ id: 'board', href: '/board', action: 'board.read' },
	{ id: 'feedback', href: '/feedback', action: 'feedback.send' },
	{ id: 'surveys', href: '/surveys', action: 'surveys.answer' },
	{ id: 'meetings', href: '/meetings', action: 'meetings.read' },
	{ id: 'reports', href: '/reports', action: 'reports.readPublished' },
	{ id: 'myProfile', href: '/my-profile', action: 'profiles.own' },
	{ id: 'youngPeople', href: '/young-people', action: 'profiles.support' },
	{ id: 'manageSurveys', href: '/manage/surveys', action: 'surveys.track' },
	{ id: 'manageMeetings', href: '/manage/meetings', action: 'meetings.manage' },
	{ id: 'followUp', href: '/manage/board', action: 'board.track' },
	{ id: 'manageReports', href: '/manage/reports', action: 'reports.read' },
	{ id: 'standards', href: '/manage/standards', action: 'standards.read' },
	{ id: 'moderation', href: '/manage/feedback', action: 'feedback.moderate' },
	{ id: 'safeguarding', href: '/safeguarding', action: 'safeguarding.review' },
	{ id: 'people', href: '/admin/people', action: 'people.read' },
	{ id: 'services', href: '/admin/services', action: 'services.manage' },
	{ id: 'audit', href: '/admin/audit', action: 'audit.read' },
	{ id: 'emails', href: '/admin/emails', action: 'outbox.manage' },
	{ id: 'settings', href: '/admin/settings', action: 'settings.manage' },
	{ id: 'account', href: '/account', action: 'account.changePassword' }
] as const;

export type NavItem = { id: (typeof ITEMS)[number]['id']; href: string };

/** The menu for this person (a visitor gets only what is public). */
export function navigationFor(actor: Actor): NavItem[] {
	return ITEMS.filter((item) => can(actor, item.action)).map(({ id, href }) => ({ id, href }));
}
