import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ABOUT_YOU, AUDIENCES, QUESTION_KINDS, type Audience, type QuestionKind } from '$lib/features/surveys/model';

/** A choice kept as a plain string (empty at first), so no radio is chosen for the person in advance. */
const oneOf = <T extends string>(values: readonly T[], message: () => string) =>
	z
		.string()
		.default('')
		.refine((v): v is T => (values as readonly string[]).includes(v), { error: message });

const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.surveys_build_date_invalid() })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)), { error: () => m.surveys_build_date_invalid() });

/** A survey's details: making one, or changing it. `anonymous` is a choice of two words, not a box. */
export const surveySchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(1, { error: () => m.surveys_build_title_required() })
			.max(200, { error: () => m.site_form_too_long({ max: 200 }) }),
		intro: z
			.string()
			.trim()
			.max(3000, { error: () => m.site_form_too_long({ max: 3000 }) })
			.default(''),
		audience: oneOf<Audience>(AUDIENCES, () => m.surveys_build_audience_required()),
		anonymity: z.enum(['anonymous', 'named'], { error: () => m.surveys_build_anonymity_required() }).default('anonymous'),
		opensOn: isoDate,
		closesOn: z.union([z.literal(''), isoDate]).default(''),
		serviceIds: z.array(z.coerce.number().int().positive()).default([])
	})
	.refine((v) => !v.closesOn || v.closesOn >= v.opensOn, { error: () => m.surveys_build_closes_before_opens(), path: ['closesOn'] });
export type SurveyFormInput = z.infer<typeof surveySchema>;

/** Adding a question: its kind and its words (everything else is set on the question's page). */
export const addQuestionSchema = z.object({
	kind: oneOf<QuestionKind>(QUESTION_KINDS, () => m.surveys_build_kind_required()),
	text: z
		.string()
		.trim()
		.min(1, { error: () => m.surveys_build_question_text_required() })
		.max(500, { error: () => m.site_form_too_long({ max: 500 }) })
});
export type AddQuestionInput = z.infer<typeof addQuestionSchema>;

/** Adding one of the ready-made "about you" questions. */
export const aboutYouSchema = z.object({
	which: z.enum(ABOUT_YOU, { error: () => m.surveys_build_about_you_required() })
});
export type AboutYouInput = z.infer<typeof aboutYouSchema>;

/** The longest wording, help and option label the question page takes. */
export const QUESTION_LIMITS = { text: 500, help: 1000, label: 200 } as const;
