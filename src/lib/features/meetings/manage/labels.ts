/** The organisers' words for meeting codes and for the meeting service's error codes. */
import { m } from '$lib/paraglide/messages';
import type { AccessFeature, ActionStatus, AgendaKind, MeetingAudience, MeetingState } from '$lib/features/meetings/model';

const STATE_NAMES: Record<MeetingState, () => string> = {
	draft: m.meetings_manage_state_draft,
	agenda_published: m.meetings_manage_state_agenda_published,
	minutes_drafted: m.meetings_manage_state_minutes_drafted,
	minutes_published: m.meetings_manage_state_minutes_published
};
const AUDIENCE_NAMES: Record<MeetingAudience, () => string> = {
	open_to_all: m.meetings_manage_audience_open_to_all,
	forum_members: m.meetings_manage_audience_forum_members,
	steering_group: m.meetings_manage_audience_steering_group
};
const KIND_NAMES: Record<AgendaKind, () => string> = {
	information: m.meetings_manage_kind_information,
	discussion: m.meetings_manage_kind_discussion,
	decision: m.meetings_manage_kind_decision
};
const KIND_HINTS: Record<AgendaKind, () => string> = {
	information: m.meetings_manage_kind_information_hint,
	discussion: m.meetings_manage_kind_discussion_hint,
	decision: m.meetings_manage_kind_decision_hint
};
const ACCESS_NAMES: Record<AccessFeature, () => string> = {
	step_free: m.meetings_manage_access_step_free,
	interpreters: m.meetings_manage_access_interpreters,
	bsl: m.meetings_manage_access_bsl,
	quiet_room: m.meetings_manage_access_quiet_room,
	hearing_loop: m.meetings_manage_access_hearing_loop
};
const ACTION_STATUS_NAMES: Record<ActionStatus, () => string> = {
	open: m.meetings_manage_action_status_open,
	done: m.meetings_manage_action_status_done,
	dropped: m.meetings_manage_action_status_dropped
};

export const stateName = (s: MeetingState) => STATE_NAMES[s]();
export const audienceName = (a: MeetingAudience) => AUDIENCE_NAMES[a]();
export const kindName = (k: AgendaKind) => KIND_NAMES[k]();
export const kindHint = (k: AgendaKind) => KIND_HINTS[k]();
export const accessName = (a: AccessFeature) => ACCESS_NAMES[a]();
export const actionStatusName = (s: ActionStatus) => ACTION_STATUS_NAMES[s]();

/** A state change, as the button that makes it says it, with what it means. */
export function stepLabel(from: MeetingState, to: MeetingState): { label: string; hint: string } {
	if (to === 'agenda_published' && from === 'draft') return { label: m.meetings_manage_step_publish_agenda(), hint: m.meetings_manage_step_publish_agenda_hint() };
	if (to === 'minutes_drafted' && from === 'agenda_published') return { label: m.meetings_manage_step_start_minutes(), hint: m.meetings_manage_step_start_minutes_hint() };
	if (to === 'minutes_published') return { label: m.meetings_manage_step_publish_minutes(), hint: m.meetings_manage_step_publish_minutes_hint() };
	if (to === 'draft') return { label: m.meetings_manage_step_back_to_draft(), hint: m.meetings_manage_step_back_to_draft_hint() };
	if (to === 'agenda_published') return { label: m.meetings_manage_step_back_to_agenda(), hint: m.meetings_manage_step_back_to_agenda_hint() };
	return { label: m.meetings_manage_step_unpublish_minutes(), hint: m.meetings_manage_step_unpublish_minutes_hint() };
}

/** What the page says after a state change, by the state the meeting left and reached. */
export function stepDone(from: MeetingState, to: MeetingState): string {
	if (to === 'agenda_published') return from === 'draft' ? m.meetings_manage_done_agenda_published() : m.meetings_manage_done_agenda_published_back();
	if (to === 'minutes_drafted') return from === 'minutes_published' ? m.meetings_manage_done_minutes_unpublished() : m.meetings_manage_done_minutes_drafted();
	if (to === 'minutes_published') return m.meetings_manage_done_minutes_published();
	return m.meetings_manage_done_draft();
}

/** Plain words for the codes the meeting service throws. */
const ERRORS: Record<string, () => string> = {
	title_required: m.meetings_manage_error_title_required,
	ends_before_starts: m.meetings_manage_error_ends_before_starts,
	online_link_invalid: m.meetings_manage_error_online_link_invalid,
	place_required: m.meetings_manage_error_place_required,
	minutes_invalid: m.meetings_manage_error_minutes_invalid,
	reason_required: m.meetings_manage_error_reason_required,
	agenda_empty: m.meetings_manage_error_agenda_empty,
	meeting_cancelled: m.meetings_manage_error_meeting_cancelled,
	state_not_allowed: m.meetings_manage_error_state_not_allowed,
	item_has_minutes: m.meetings_manage_error_item_has_minutes,
	paper_type: m.meetings_manage_error_paper_type,
	paper_too_large: m.meetings_manage_error_paper_too_large,
	paper_empty: m.meetings_manage_error_paper_empty,
	paper_title_required: m.meetings_manage_error_paper_title_required,
	action_what_required: m.meetings_manage_error_action_what_required,
	action_owner_required: m.meetings_manage_error_owner_kind_required,
	due_invalid: m.meetings_manage_error_due_invalid,
	dropped_reason_required: m.meetings_manage_error_dropped_reason_required,
	symbol_not_found: m.meetings_manage_error_symbol_not_found
};

export const errorMessage = (code: string) => (ERRORS[code] ?? m.meetings_manage_error_state_not_allowed)();

/** A file size people can read: "850 KB", "2.4 MB". */
export function fileSize(bytes: number): string {
	if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The kind of a paper from its stored type, in words people know. */
export function paperKind(mime: string): string {
	if (mime === 'application/pdf') return 'PDF';
	if (mime === 'application/vnd.oasis.opendocument.text') return 'ODT';
	return 'Word';
}
