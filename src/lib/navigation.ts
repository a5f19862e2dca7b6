import { m } from '$lib/paraglide/messages';

/**
 * The menu's pages by id, with their names in the reader's language. Browser-safe: who sees which
 * page is decided on the server (`$lib/server/navigation.ts`, through can()).
 */
const NAV_LABELS = {
	board: m.site_nav_board,
	feedback: m.site_nav_feedback,
	surveys: m.site_nav_surveys,
	meetings: m.site_nav_meetings,
	reports: m.site_nav_reports,
	myProfile: m.site_nav_my_profile,
	youngPeople: m.site_nav_young_people,
	manageSurveys: m.site_nav_manage_surveys,
	manageMeetings: m.site_nav_manage_meetings,
	manageForum: m.site_nav_manage_forum,
	followUp: m.site_nav_follow_up,
	manageReports: m.site_nav_manage_reports,
	manageYearly: m.yearly_manage_title,
	standards: m.site_nav_standards,
	reach: m.reach_nav,
	manageCoproduction: m.coproduction_manage_title,
	moderation: m.site_nav_moderation,
	safeguarding: m.safeguarding_nav,
	people: m.site_nav_people,
	services: m.site_nav_services,
	audit: m.site_nav_audit,
	emails: m.outbox_title,
	settings: m.site_nav_area_settings,
	languages: m.site_nav_languages,
	account: m.site_nav_account
} satisfies Record<string, () => string>;

export type NavId = keyof typeof NAV_LABELS;
export type NavItem = { id: NavId; href: string };

/**
 * One person's menu, in three parts so the header stays one row: the public pages, the staff
 * pages (under "Manage", and listed on the home page) and their own (My profile, Your account).
 */
export type Navigation = { pages: NavItem[]; manage: NavItem[]; own: NavItem[] };

/** A menu page's name in the reader's language. */
export const navLabel = (id: NavId): string => NAV_LABELS[id]();
