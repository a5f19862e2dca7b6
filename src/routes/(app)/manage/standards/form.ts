/**
 * The staff forms for service standards and their figures: Zod schemas (first checks, with
 * translated messages) and conversions to the standards service's inputs. Browser-safe; the
 * service applies the real rules (thresholds, ranges, who may do what).
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { DIRECTIONS, MEASURE_KINDS, MEASURE_UNITS } from '$lib/features/standards/model';
import { isIsoDate, quarterFrom, type Period } from '$lib/time';
import type { Standard } from '$lib/server/db/schema';
import type { FigureInput, StandardInput } from '$lib/server/standards';

/** A typed number: "75", "62.5", "75%", " 12 " (a trailing percent sign is allowed); NaN if it is not one. */
export function readNumber(text: string): number {
	const t = text.trim().replace(/\s*%$/, '');
	return /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

const numberText = (error: () => string) =>
	z
		.string()
		.trim()
		.refine((v) => Number.isFinite(readNumber(v)), { error })
		.default('');

const requiredText = (max: number, error: () => string) => z.string().trim().min(1, { error }).max(max, { error });

/** Making or changing a standard. Numbers stay text so what was typed comes back on an error. */
export const standardSchema = z.object({
	/** '' for the whole area, otherwise a service id. */
	serviceId: z.string().default(''),
	statement: requiredText(200, () => m.standards_problem_statement()),
	measure: requiredText(200, () => m.standards_problem_measure()),
	measureKind: z.enum(MEASURE_KINDS, { error: () => m.standards_problem_kind() }).default('survey'),
	unit: z.enum(MEASURE_UNITS, { error: () => m.standards_problem_unit() }).default('percent'),
	direction: z.enum(DIRECTIONS, { error: () => m.standards_problem_direction() }).default('higher_better'),
	target: numberText(() => m.standards_problem_target_number()),
	amberFrom: numberText(() => m.standards_problem_amber_number())
});
export type StandardFormInput = z.infer<typeof standardSchema>;

/** The standard form's fields in page order (for the error summary). */
export const STANDARD_FIELDS = ['serviceId', 'statement', 'measure', 'measureKind', 'unit', 'direction', 'target', 'amberFrom'];

export function standardInputFrom(data: StandardFormInput): StandardInput {
	return {
		serviceId: data.serviceId === '' ? null : Number(data.serviceId),
		statement: data.statement,
		measure: data.measure,
		measureKind: data.measureKind,
		unit: data.unit,
		direction: data.direction,
		target: readNumber(data.target),
		amberFrom: readNumber(data.amberFrom)
	};
}

export function standardFormValues(s: Standard): StandardFormInput {
	return {
		serviceId: s.serviceId === null ? '' : String(s.serviceId),
		statement: s.statement,
		measure: s.measure,
		measureKind: s.measureKind,
		unit: s.unit,
		direction: s.direction,
		target: String(s.target),
		amberFrom: String(s.amberFrom)
	};
}

/** The quick-pick value of a period ("2026-04-01/2026-06-30"); "other" means the two date fields. */
export const periodValue = (p: Period) => `${p.start}/${p.end}`;
export const OTHER_PERIOD = 'other';

/** The last four whole quarters before the one holding `today`, newest first (the figure form's quick picks). */
export function recentQuarters(today: string): Period[] {
	return [-1, -2, -3, -4].map((k) => quarterFrom(today, k));
}

/** Entering one figure: a quick-pick quarter or two typed days, the figure and a note. */
export const figureSchema = z
	.object({
		period: z.string().default(''),
		start: z.string().trim().default(''),
		end: z.string().trim().default(''),
		value: numberText(() => m.standards_problem_value_number()),
		note: z
			.string()
			.trim()
			.max(1000, { error: () => m.standards_problem_note() })
			.default('')
	})
	.superRefine((v, ctx) => {
		if (quickPick(v.period)) return;
		if (!isIsoDate(v.start)) ctx.addIssue({ code: 'custom', path: ['start'], message: m.standards_problem_day_invalid() });
		if (!isIsoDate(v.end)) ctx.addIssue({ code: 'custom', path: ['end'], message: m.standards_problem_day_invalid() });
	});
export type FigureFormInput = z.infer<typeof figureSchema>;

export const FIGURE_FIELDS = ['period', 'start', 'end', 'value', 'note'];

/** The quarter a quick-pick radio names, or null ("other", or anything else). */
function quickPick(value: string): Period | null {
	const match = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(value);
	return match ? { start: match[1], end: match[2] } : null;
}

export function figureInputFrom(data: FigureFormInput): FigureInput {
	return {
		period: quickPick(data.period) ?? { start: data.start, end: data.end },
		value: readNumber(data.value),
		note: data.note
	};
}
