import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { areaSettingsSchema } from '$lib/features/board/schemas';

/**
 * A whole number from `min` to `max`. Checked after superforms has read the field: it reads an
 * empty field as null (never as 0, which would mean "keep for ever") and "1.5" as 1.5 (not 1).
 */
const wholeNumber = (min: number, max: number, invalid: () => string) =>
	z
		.number({ error: invalid })
		.nullable()
		.refine((v) => v !== null && Number.isInteger(v) && v >= min && v <= max, { error: invalid });

/** A retention period: whole days, 0 ("keep for ever") to 3650 (ten years). */
const days = (invalid: () => string) => wholeNumber(0, 3650, invalid);

/** The area settings page: the board's and reports' settings, plus safeguarding and retention. */
export const settingsPageSchema = areaSettingsSchema.extend({
	safeguardingReviewWorkingDays: wholeNumber(1, 10, () => m.retention_set_review_days_invalid()),
	childrensServicesContact: z
		.string()
		.trim()
		.max(200, { error: () => m.retention_set_contact_too_long() }),
	retainFeedbackContactDays: days(() => m.retention_set_feedback_invalid()),
	retainClosedSurveyTextDays: days(() => m.retention_set_survey_invalid()),
	retainInactiveProfileDays: days(() => m.retention_set_profile_invalid()),
	retainShareOpenDays: days(() => m.retention_set_opens_invalid()),
	retainAuditDays: days(() => m.retention_set_audit_invalid())
});

export type SettingsPageInput = z.infer<typeof settingsPageSchema>;

/** Every field in page order, for the error summary. */
export const FIELD_ORDER = [
	'replyWithinWeeks',
	'disclosureMinimumResponses',
	'disclosureSmallCountBelow',
	'safeguardingReviewWorkingDays',
	'childrensServicesContact',
	'retainFeedbackContactDays',
	'retainClosedSurveyTextDays',
	'retainInactiveProfileDays',
	'retainShareOpenDays',
	'retainAuditDays'
] as const satisfies readonly (keyof SettingsPageInput)[];

type NumberField = Exclude<(typeof FIELD_ORDER)[number], 'childrensServicesContact'>;

/** Number fields (all but the contact), in page order: what was typed in them is given back when the form has errors. */
export const NUMBER_FIELDS: readonly NumberField[] = FIELD_ORDER.filter((field): field is NumberField => field !== 'childrensServicesContact');
