import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Role } from '$lib/roles';
import type { Sector } from '$lib/sectors';
import type { BoardSource, BoardStatus, FeedbackStatus, FeedbackWho } from '$lib/features/board/model';

/** Display names for stored codes, in the reader's language (dates are written by $lib/time). */
const ROLE_NAMES: Record<Role, () => string> = {
	admin: m.accounts_role_admin,
	organiser: m.accounts_role_organiser,
	service_lead: m.accounts_role_service_lead,
	board_member: m.accounts_role_board_member,
	supporter: m.accounts_role_supporter,
	parent_carer: m.accounts_role_parent_carer,
	young_person: m.accounts_role_young_person,
	safeguarding_lead: m.accounts_role_safeguarding_lead
};

const SECTOR_NAMES: Record<Sector, () => string> = {
	education: m.services_sector_education,
	health: m.services_sector_health,
	social_care: m.services_sector_social_care
};

export const roleName = (role: Role): string => ROLE_NAMES[role]();
export const sectorName = (sector: Sector): string => SECTOR_NAMES[sector]();

/** Called with a language for emails (made outside any request), without one on pages. */
type Words = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const STATUS_NAMES: Record<BoardStatus, Words> = {
	heard: m.board_status_heard,
	working_on_it: m.board_status_working_on_it,
	done: m.board_status_done,
	not_possible: m.board_status_not_possible
};
const SOURCE_NAMES: Record<BoardSource, () => string> = {
	survey: m.board_source_survey,
	meeting: m.board_source_meeting,
	direct_feedback: m.board_source_direct_feedback,
	pupil_voice: m.board_source_pupil_voice,
	other: m.board_source_other
};
const WHO_NAMES: Record<FeedbackWho, () => string> = {
	parent_carer: m.board_feedback_who_parent_carer,
	young_person: m.board_feedback_who_young_person,
	professional: m.board_feedback_who_professional,
	other: m.board_feedback_who_other,
	prefer_not_to_say: m.board_feedback_who_prefer_not_to_say
};
const FEEDBACK_STATUS_NAMES: Record<FeedbackStatus, () => string> = {
	new: m.board_feedback_status_new,
	made_item: m.board_feedback_status_made_item,
	merged: m.board_feedback_status_merged,
	closed: m.board_feedback_status_closed
};

export const statusName = (s: BoardStatus, locale?: Locale): string => STATUS_NAMES[s]({}, locale ? { locale } : undefined);
export const sourceName = (s: BoardSource): string => SOURCE_NAMES[s]();
export const whoName = (w: FeedbackWho): string => WHO_NAMES[w]();
export const feedbackStatusName = (s: FeedbackStatus): string => FEEDBACK_STATUS_NAMES[s]();
