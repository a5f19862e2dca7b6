import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/roles';
import type { Sector } from '$lib/sectors';
import type { BoardSource, BoardStatus, FeedbackStatus, FeedbackWho } from '$lib/board';

/** Display names for stored codes, in the reader's language (dates are written by $lib/time). */
const ROLE_NAMES: Record<Role, () => string> = {
	admin: m.role_admin,
	organiser: m.role_organiser,
	service_lead: m.role_service_lead,
	board_member: m.role_board_member,
	supporter: m.role_supporter,
	parent_carer: m.role_parent_carer,
	young_person: m.role_young_person,
	safeguarding_lead: m.role_safeguarding_lead
};

const SECTOR_NAMES: Record<Sector, () => string> = {
	education: m.sector_education,
	health: m.sector_health,
	social_care: m.sector_social_care
};

export const roleName = (role: Role): string => ROLE_NAMES[role]();
export const sectorName = (sector: Sector): string => SECTOR_NAMES[sector]();

const STATUS_NAMES: Record<BoardStatus, () => string> = {
	heard: m.status_heard,
	working_on_it: m.status_working_on_it,
	done: m.status_done,
	not_possible: m.status_not_possible
};
const SOURCE_NAMES: Record<BoardSource, () => string> = {
	survey: m.source_survey,
	meeting: m.source_meeting,
	direct_feedback: m.source_direct_feedback,
	pupil_voice: m.source_pupil_voice,
	other: m.source_other
};
const WHO_NAMES: Record<FeedbackWho, () => string> = {
	parent_carer: m.feedback_who_parent_carer,
	young_person: m.feedback_who_young_person,
	professional: m.feedback_who_professional,
	other: m.feedback_who_other,
	prefer_not_to_say: m.feedback_who_prefer_not_to_say
};
const FEEDBACK_STATUS_NAMES: Record<FeedbackStatus, () => string> = {
	new: m.feedback_status_new,
	made_item: m.feedback_status_made_item,
	merged: m.feedback_status_merged,
	closed: m.feedback_status_closed
};

export const statusName = (s: BoardStatus): string => STATUS_NAMES[s]();
export const sourceName = (s: BoardSource): string => SOURCE_NAMES[s]();
export const whoName = (w: FeedbackWho): string => WHO_NAMES[w]();
export const feedbackStatusName = (s: FeedbackStatus): string => FEEDBACK_STATUS_NAMES[s]();
