/** Form schemas for the organisers' meeting pages. Browser-safe; the service applies the rules. */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ACCESS_FEATURES, ACTION_STATUSES, AGENDA_KINDS, EASY_READ_SENTENCES, MEETING_AUDIENCES } from '$lib/features/meetings/model';
import { isClockTime, isIsoDate } from '$lib/time';
import { isSymbolId } from '$lib/symbols/catalogue';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.site_form_too_long({ max }) })
		.default('');

const requiredText = (max: number, required: () => string) =>
	z
		.string()
		.trim()
		.min(1, { error: required })
		.max(max, { error: () => m.site_form_too_long({ max }) });

/** A web address people can open safely: https only. */
export function isHttpsLink(value: string): boolean {
	if (!/^https:\/\/\S+$/i.test(value)) return false;
	try {
		return new URL(value).protocol === 'https:';
	} catch {
		return false;
	}
}

/** Planning or changing a meeting. Date and times are Europe/London wall-clock; the route converts them. */
export const meetingSchema = z.object({
	title: requiredText(200, () => m.meetings_manage_error_title_required()),
	date: z
		.string()
		.trim()
		.refine(isIsoDate, { error: () => m.meetings_manage_error_date_invalid() })
		.default(''),
	startTime: z
		.string()
		.trim()
		.refine(isClockTime, { error: () => m.meetings_manage_error_start_invalid() })
		.default(''),
	endTime: z
		.string()
		.trim()
		.refine(isClockTime, { error: () => m.meetings_manage_error_end_invalid() })
		.default(''),
	place: optionalText(300),
	onlineLink: optionalText(500).refine((v) => v === '' || isHttpsLink(v), { error: () => m.meetings_manage_error_online_link_invalid() }),
	access: z.array(z.enum(ACCESS_FEATURES)).default([]),
	accessNotes: optionalText(1000),
	audience: z.enum(MEETING_AUDIENCES, { error: () => m.meetings_manage_error_audience_required() }).default('open_to_all')
});
export type MeetingFormInput = z.infer<typeof meetingSchema>;

/** An agenda item. Minutes stay text so what was typed comes back as typed. */
export const agendaItemSchema = z.object({
	title: requiredText(200, () => m.meetings_manage_error_item_title_required()),
	lead: optionalText(200),
	minutesAllotted: z
		.string()
		.trim()
		.refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 480, { error: () => m.meetings_manage_error_minutes_invalid() })
		.default('10'),
	kind: z.enum(AGENDA_KINDS, { error: () => m.meetings_manage_error_kind_required() }).default('discussion')
});
export type AgendaItemFormInput = z.infer<typeof agendaItemSchema>;

export const cancelSchema = z.object({
	reason: requiredText(500, () => m.meetings_manage_error_reason_required())
});

/** An item's minutes: notes (Markdown) and decisions, one per line. */
export const notesSchema = z.object({
	notes: optionalText(20000),
	decisions: optionalText(5000)
});
export type NotesFormInput = z.infer<typeof notesSchema>;

/** Lines of a "one per line" box: trimmed, empty ones left out. */
export const linesOf = (text: string) =>
	text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);

export const OWNER_KINDS = ['person', 'service', 'name'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

const isoDateOrEmpty = z
	.string()
	.trim()
	.refine((v) => v === '' || isIsoDate(v), { error: () => m.meetings_manage_error_due_invalid() })
	.default('');

/** An action: what, who (a person, a service or a name), when by, and where it is up to. */
export const actionSchema = z
	.object({
		what: requiredText(500, () => m.meetings_manage_error_action_what_required()),
		ownerKind: z.enum(OWNER_KINDS, { error: () => m.meetings_manage_error_owner_kind_required() }).default('person'),
		ownerUserId: z.string().default(''),
		ownerServiceId: z.string().default(''),
		ownerName: optionalText(200),
		dueOn: isoDateOrEmpty,
		status: z.enum(ACTION_STATUSES).default('open'),
		droppedReason: optionalText(500)
	})
	.superRefine((v, ctx) => {
		if (v.ownerKind === 'person' && !/^\d+$/.test(v.ownerUserId))
			ctx.addIssue({ code: 'custom', path: ['ownerUserId'], message: m.meetings_manage_error_owner_person_required() });
		if (v.ownerKind === 'service' && !/^\d+$/.test(v.ownerServiceId))
			ctx.addIssue({ code: 'custom', path: ['ownerServiceId'], message: m.meetings_manage_error_owner_service_required() });
		if (v.ownerKind === 'name' && !v.ownerName)
			ctx.addIssue({ code: 'custom', path: ['ownerName'], message: m.meetings_manage_error_owner_name_required() });
		if (v.status === 'dropped' && !v.droppedReason)
			ctx.addIssue({ code: 'custom', path: ['droppedReason'], message: m.meetings_manage_error_dropped_reason_required() });
	});
export type ActionFormInput = z.infer<typeof actionSchema>;

export const attendanceSchema = z.object({
	attended: optionalText(5000),
	apologies: optionalText(5000),
	guests: optionalText(5000)
});
export type AttendanceFormInput = z.infer<typeof attendanceSchema>;

export { EASY_READ_SENTENCES };
export const EASY_READ_MAX_CHARS = 200;

/** The easy-read summary: up to eight sentences, each posted with its symbol (or ''), in order. */
export const easyReadSchema = z.object({
	texts: z
		.array(
			z
				.string()
				.trim()
				.max(EASY_READ_MAX_CHARS, { error: () => m.meetings_manage_error_easy_read_too_long() })
		)
		.max(EASY_READ_SENTENCES)
		.default([]),
	symbols: z
		.array(z.string().refine((v): boolean => v === '' || isSymbolId(v), { error: () => m.meetings_manage_error_symbol_not_found() }))
		.max(EASY_READ_SENTENCES)
		.default([])
});
export type EasyReadFormInput = z.infer<typeof easyReadSchema>;
