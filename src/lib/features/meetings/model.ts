/**
 * Forum meetings: the words and rules both the browser and the server need.
 * What a meeting may do is decided in `$lib/server/meetings/service.ts`.
 */

/** A meeting's life: planned, agenda out, minutes being written, minutes out. */
export const MEETING_STATES = ['draft', 'agenda_published', 'minutes_drafted', 'minutes_published'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** The only moves a meeting's state can make (one step on, or one step back to fix a mistake). */
export const NEXT_MEETING_STATES: Record<MeetingState, readonly MeetingState[]> = {
	draft: ['agenda_published'],
	agenda_published: ['minutes_drafted', 'draft'],
	minutes_drafted: ['minutes_published', 'agenda_published'],
	minutes_published: ['minutes_drafted']
};

export function canMoveMeetingTo(from: MeetingState, to: MeetingState): boolean {
	return NEXT_MEETING_STATES[from].includes(to);
}

/** Whether the public can see the meeting at all (its agenda at least). */
export const isPublicState = (state: MeetingState) => state !== 'draft';

export const MEETING_AUDIENCES = ['open_to_all', 'forum_members', 'steering_group'] as const;
export type MeetingAudience = (typeof MEETING_AUDIENCES)[number];

export const AGENDA_KINDS = ['information', 'discussion', 'decision'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The most sentences an easy-read summary has (each one can be translated: content's `meeting_easy_read`). */
export const EASY_READ_SENTENCES = 8;

/** What a person says about coming; and, in the minutes, who came. */
export const ATTENDANCE_KINDS = ['attending', 'apologies', 'attended', 'guest'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

/** Access information a meeting can offer, each shown with words (and an icon). */
export const ACCESS_FEATURES = ['step_free', 'interpreters', 'bsl', 'quiet_room', 'hearing_loop'] as const;
export type AccessFeature = (typeof ACCESS_FEATURES)[number];

/** Papers people can open without special software; checked by their bytes, not their name. */
export const PAPER_TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	doc: 'application/msword',
	odt: 'application/vnd.oasis.opendocument.text'
} as const;
export type PaperType = keyof typeof PAPER_TYPES;
export const PAPER_MAX_BYTES = 10 * 1024 * 1024;
