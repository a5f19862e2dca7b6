/** Between the organisers' forms and the meeting service's inputs (used by the routes). */
import type { AccessFeature, MeetingAudience } from '$lib/features/meetings/model';
import { instantToLondon, londonToInstant } from '$lib/time';
import type { ActionInput, AgendaItemInput, EasyReadSentence, MeetingInput } from '$lib/server/meetings';
import {
	EASY_READ_SENTENCES,
	linesOf,
	type ActionFormInput,
	type AgendaItemFormInput,
	type EasyReadFormInput,
	type MeetingFormInput,
	type OwnerKind
} from './schemas';

/** The meeting form's values (London day and clock times) as the service's input (instants). */
export function meetingInputFrom(data: MeetingFormInput): MeetingInput {
	const startsAt = londonToInstant(data.date, data.startTime);
	const endsAt = londonToInstant(data.date, data.endTime);
	if (!startsAt || !endsAt) throw new Error('meetingInputFrom needs a validated form');
	return {
		title: data.title,
		startsAt,
		endsAt,
		place: data.place,
		onlineLink: data.onlineLink,
		access: data.access,
		accessNotes: data.accessNotes,
		audience: data.audience
	};
}

/** A meeting's current values for the change form. */
export function meetingFormValues(meeting: {
	title: string;
	startsAt: Date;
	endsAt: Date;
	place: string;
	onlineLink: string;
	accessFeatures: AccessFeature[];
	accessNotes: string;
	audience: MeetingAudience;
}): MeetingFormInput {
	const start = instantToLondon(meeting.startsAt);
	return {
		title: meeting.title,
		date: start.date,
		startTime: start.time,
		endTime: instantToLondon(meeting.endsAt).time,
		place: meeting.place,
		onlineLink: meeting.onlineLink,
		access: meeting.accessFeatures,
		accessNotes: meeting.accessNotes,
		audience: meeting.audience
	};
}

export function agendaItemInputFrom(data: AgendaItemFormInput): AgendaItemInput {
	return { title: data.title, lead: data.lead, minutesAllotted: Number(data.minutesAllotted), kind: data.kind };
}

export function agendaItemFormValues(item: AgendaItemInput): AgendaItemFormInput {
	return { title: item.title, lead: item.lead, minutesAllotted: String(item.minutesAllotted), kind: item.kind };
}

/** The action form's values as the service's input: exactly the owner the chosen kind names. */
export function actionInputFrom(data: ActionFormInput): ActionInput {
	return {
		what: data.what,
		ownerUserId: data.ownerKind === 'person' ? Number(data.ownerUserId) : null,
		ownerServiceId: data.ownerKind === 'service' ? Number(data.ownerServiceId) : null,
		ownerName: data.ownerKind === 'name' ? data.ownerName : '',
		dueOn: data.dueOn || null,
		status: data.status,
		droppedReason: data.status === 'dropped' ? data.droppedReason : ''
	};
}

export function actionFormValues(action: ActionInput): ActionFormInput {
	const ownerKind: OwnerKind = action.ownerUserId !== null ? 'person' : action.ownerServiceId !== null ? 'service' : 'name';
	return {
		what: action.what,
		ownerKind,
		ownerUserId: action.ownerUserId === null ? '' : String(action.ownerUserId),
		ownerServiceId: action.ownerServiceId === null ? '' : String(action.ownerServiceId),
		ownerName: action.ownerName,
		dueOn: action.dueOn ?? '',
		status: action.status,
		droppedReason: action.droppedReason
	};
}

/** The easy-read form's boxes, always eight, filled from the saved sentences. */
export function easyReadFormValues(sentences: EasyReadSentence[]): EasyReadFormInput {
	const pad = <T>(list: T[], blank: T) => [...list, ...Array<T>(EASY_READ_SENTENCES).fill(blank)].slice(0, EASY_READ_SENTENCES);
	return { texts: pad(sentences.map((s) => s.text), ''), symbols: pad(sentences.map((s) => s.symbolId ?? ''), '') };
}

export function easyReadInputFrom(data: EasyReadFormInput): EasyReadSentence[] {
	return data.texts.map((text, i) => ({ text, symbolId: data.symbols[i] || null }));
}

export function attendanceInputFrom(data: { attended: string; apologies: string; guests: string }) {
	return { attended: linesOf(data.attended), apologies: linesOf(data.apologies), guests: linesOf(data.guests) };
}

/** Saved attendance (names by kind) back into one-name-per-line boxes. */
export function attendanceFormValues(rows: { name: string; kind: string }[]) {
	const names = (kind: string) =>
		rows
			.filter((r) => r.kind === kind)
			.map((r) => r.name)
			.join('\n');
	return { attended: names('attended'), apologies: names('apologies'), guests: names('guest') };
}

/** The meeting form field a service validation code belongs to. */
export const MEETING_ERROR_FIELDS: Record<string, 'title' | 'endTime' | 'onlineLink' | 'place'> = {
	title_required: 'title',
	ends_before_starts: 'endTime',
	online_link_invalid: 'onlineLink',
	place_required: 'place'
};

/** The action form field a service validation code belongs to. */
export const ACTION_ERROR_FIELDS: Record<string, keyof ActionFormInput> = {
	action_what_required: 'what',
	action_owner_required: 'ownerKind',
	due_invalid: 'dueOn',
	dropped_reason_required: 'droppedReason'
};
