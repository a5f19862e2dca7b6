/**
 * Words for meetings on the public pages: times as people in England say them ("Tuesday
 * 3 March 2026, 6pm to 8pm"), and the names of stored codes in the reader's language.
 */
import { m } from '$lib/paraglide/messages';
import { formatClock, formatMeetingDay } from '$lib/time';
import type { AccessFeature, ActionStatus, AgendaKind, MeetingAudience, MeetingState } from '$lib/features/meetings/model';
import type { SymbolId } from '$lib/symbols/catalogue';

/** The day in England, written out: "Tuesday 3 March 2026" (the organisers' pages say it the same way). */
export function meetingDay(at: Date | string | number, locale: string): string {
	return formatMeetingDay(new Date(at), locale);
}

/** A time of day in England: "6pm", "6:30pm", "midday" in English; the language's own way otherwise. */
export function meetingClock(at: Date | string | number, locale: string): string {
	return formatClock(new Date(at), locale);
}

/** A point in time: "Tuesday 3 March 2026, 6pm". */
export function meetingMoment(at: Date | string | number, locale: string): string {
	return `${meetingDay(at, locale)}, ${meetingClock(at, locale)}`;
}

/** When a meeting happens: "Tuesday 3 March 2026, 6pm to 8pm" (both days if it runs past midnight). */
export function meetingTime(startsAt: Date | string | number, endsAt: Date | string | number, locale: string): string {
	const day = meetingDay(startsAt, locale);
	if (meetingDay(endsAt, locale) !== day) {
		return m.meetings_time_range_days({ start: meetingMoment(startsAt, locale), end: meetingMoment(endsAt, locale) });
	}
	return m.meetings_time_range({ day, start: meetingClock(startsAt, locale), end: meetingClock(endsAt, locale) });
}

/** Where a meeting is, in words: the place, "Online", or both. */
export function placeWords(place: string, onlineLink: string): string {
	if (place && onlineLink) return m.meetings_place_or_online({ place });
	return place || m.meetings_online();
}

/** A paper's type and size in words: "PDF, 120 KB". */
export function paperDetails(mime: string, size: number): string {
	const type =
		{
			'application/pdf': m.meetings_type_pdf,
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document': m.meetings_type_docx,
			'application/msword': m.meetings_type_doc,
			'application/vnd.oasis.opendocument.text': m.meetings_type_odt
		}[mime] ?? m.meetings_type_other;
	return `${type()}, ${fileSize(size)}`;
}

export function fileSize(bytes: number): string {
	if (bytes < 1024) return m.meetings_size_bytes({ count: bytes });
	if (bytes < 1024 * 1024) return m.meetings_size_kb({ count: Math.round(bytes / 1024) });
	return m.meetings_size_mb({ count: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
}

const AUDIENCES: Record<MeetingAudience, () => string> = {
	open_to_all: m.meetings_audience_open_to_all,
	forum_members: m.meetings_audience_forum_members,
	steering_group: m.meetings_audience_steering_group
};
export const audienceName = (a: MeetingAudience) => AUDIENCES[a]();

/** What a reader can find for a meeting, in words. A draft never reaches the public pages. */
export function stateName(state: MeetingState): string {
	if (state === 'minutes_published') return m.meetings_state_minutes();
	if (state === 'minutes_drafted') return m.meetings_state_minutes_drafted();
	return m.meetings_state_agenda();
}

const KINDS: Record<AgendaKind, () => string> = {
	information: m.meetings_kind_information,
	discussion: m.meetings_kind_discussion,
	decision: m.meetings_kind_decision
};
export const kindName = (k: AgendaKind) => KINDS[k]();

const STATUSES: Record<ActionStatus, () => string> = {
	open: m.meetings_status_open,
	done: m.meetings_status_done,
	dropped: m.meetings_status_dropped
};
export const actionStatusName = (s: ActionStatus) => STATUSES[s]();

/** Each access feature in words, with a symbol beside it (never the symbol alone). */
export const ACCESS: Record<AccessFeature, { name: () => string; symbol: SymbolId }> = {
	step_free: { name: m.meetings_access_step_free, symbol: 'wheelchair' },
	interpreters: { name: m.meetings_access_interpreters, symbol: 'talk' },
	bsl: { name: m.meetings_access_bsl, symbol: 'sign-language' },
	quiet_room: { name: m.meetings_access_quiet_room, symbol: 'quiet-space' },
	hearing_loop: { name: m.meetings_access_hearing_loop, symbol: 'hearing-aid' }
};
