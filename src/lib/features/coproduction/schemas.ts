/**
 * The staff forms for co-production entries and the ladder: Zod schemas that keep what was typed
 * (numbers and ids stay text, so a mistake comes back as written) and the mapping to the service's
 * input. Browser-safe; the service applies the real rules and explains each problem.
 */
import { z } from 'zod';
import type { FormPathLeavesWithErrors } from 'sveltekit-superforms';
import { BODIES, LEVELS } from './model';
import type { Body, Level } from './model';

const text = z.string().default('');

export const entrySchema = z.object({
	title: text,
	body: z.enum(BODIES).default('forum'),
	bodyServiceId: text,
	bodyName: text,
	decidedOn: text,
	level: z.enum(LEVELS).default('consult'),
	parentCarers: z.string().default('0'),
	youngPeople: z.string().default('0'),
	forumReps: z.string().default('0'),
	serviceIds: z.array(z.string()).default([]),
	changed: text,
	agendaItemId: text,
	surveyId: text,
	boardItemId: text,
	standardId: text
});
export type EntryFormInput = z.infer<typeof entrySchema>;

/** The form's fields in page order (for the error summary). */
export const ENTRY_FIELDS = ['title', 'body', 'bodyServiceId', 'bodyName', 'decidedOn', 'level', 'parentCarers', 'youngPeople', 'forumReps', 'serviceIds', 'changed', 'agendaItemId', 'surveyId', 'boardItemId', 'standardId'];

/** A whole number as typed ("12", " 3 "); NaN for anything else, which the service refuses with its reason. */
export function readCount(typed: string): number {
	const t = typed.trim();
	if (t === '') return 0;
	return /^\d{1,6}$/.test(t) ? Number(t) : NaN;
}

/** An id chosen in a list ('' for none); a number that is not an id becomes -1, which the service refuses as missing. */
export function readId(typed: string): number | null {
	const t = typed.trim();
	if (t === '') return null;
	return /^\d{1,12}$/.test(t) ? Number(t) : -1;
}

export type EntryInputShape = {
	title: string;
	body: Body;
	/** The deciding service, when body is 'service'. */
	bodyServiceId: number | null;
	/** The deciding body's name, when body is 'other'. */
	bodyName: string;
	decidedOn: string;
	level: Level;
	parentCarers: number;
	youngPeople: number;
	forumReps: number;
	/** The services that took part. */
	serviceIds: number[];
	changed: string;
	agendaItemId: number | null;
	surveyId: number | null;
	boardItemId: number | null;
	standardId: number | null;
};

/** The form's values as the service's input. */
export function entryInputFrom(f: EntryFormInput): EntryInputShape {
	return {
		title: f.title,
		body: f.body,
		bodyServiceId: f.body === 'service' ? readId(f.bodyServiceId) : null,
		bodyName: f.bodyName,
		decidedOn: f.decidedOn.trim(),
		level: f.level,
		parentCarers: readCount(f.parentCarers),
		youngPeople: readCount(f.youngPeople),
		forumReps: readCount(f.forumReps),
		serviceIds: f.serviceIds.map((s) => readId(s) ?? -1),
		changed: f.changed,
		agendaItemId: readId(f.agendaItemId),
		surveyId: readId(f.surveyId),
		boardItemId: readId(f.boardItemId),
		standardId: readId(f.standardId)
	};
}

const idText = (id: number | null | undefined) => (id === null || id === undefined ? '' : String(id));

/** An entry (or a prefill) as the form's values. */
export function entryFormValues(e: Partial<EntryInputShape>): Partial<EntryFormInput> {
	return {
		...(e.title !== undefined ? { title: e.title } : {}),
		...(e.body ? { body: e.body } : {}),
		bodyServiceId: idText(e.bodyServiceId),
		bodyName: e.bodyName ?? '',
		decidedOn: e.decidedOn ?? '',
		...(e.level ? { level: e.level } : {}),
		parentCarers: String(e.parentCarers ?? 0),
		youngPeople: String(e.youngPeople ?? 0),
		forumReps: String(e.forumReps ?? 0),
		serviceIds: (e.serviceIds ?? []).map(String),
		changed: e.changed ?? '',
		agendaItemId: idText(e.agendaItemId),
		surveyId: idText(e.surveyId),
		boardItemId: idText(e.boardItemId),
		standardId: idText(e.standardId)
	};
}

/** Where a problem with a field of the service's input is shown on the form (a list's problem goes on the list itself). */
export function errorPath(field: keyof EntryInputShape): FormPathLeavesWithErrors<EntryFormInput> {
	return (field === 'serviceIds' ? 'serviceIds._errors' : field) as FormPathLeavesWithErrors<EntryFormInput>;
}
