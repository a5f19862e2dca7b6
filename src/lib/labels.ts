import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/roles';
import type { Sector } from '$lib/sectors';
import type { BoardSource, BoardStatus, FeedbackStatus, FeedbackWho } from '$lib/board';

/** Display names for stored codes, in the reader's language. */
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

const DATE_STYLES = {
	dateTime: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' },
	day: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
	month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
	date: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// One formatter per style and language: a new Intl.DateTimeFormat per call costs time and
// native memory V8 does not see, and a page of board items formats dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: keyof typeof DATE_STYLES, locale: string): Intl.DateTimeFormat {
	const key = `${style}:${locale}`;
	let format = formatters.get(key);
	if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, DATE_STYLES[style])));
	return format;
}

/** A date and time as people in England read it: "Sunday 22 November 2026, 3:05pm". */
export function formatDateTime(date: Date | string | number, locale: string): string {
	return formatter('dateTime', locale).format(new Date(date));
}

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

/** A calendar day ("2026-11-22") as people read it: "22 November 2026". */
export function formatDay(isoDate: string, locale: string): string {
	return formatter('day', locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A calendar month ("2026-11", or a day in it) as people read it: "November 2026". */
export function formatMonth(isoMonth: string, locale: string): string {
	return formatter('month', locale).format(new Date(`${isoMonth.slice(0, 7)}-15T00:00:00Z`));
}

/** An instant's day in England, as people read it. */
export function formatDate(date: Date | string | number, locale: string): string {
	return formatter('date', locale).format(new Date(date));
}
