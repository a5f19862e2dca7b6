import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** The longest theme name the service accepts. */
export const THEME_MAX = 60;

/**
 * Tagging one free-text answer: the survey's themes ticked, new themes typed (separated by
 * commas), and whether reports may quote it.
 */
export const tagSchema = z.object({
	answerId: z.coerce.number().int().positive(),
	themeIds: z.array(z.coerce.number().int().positive()).default([]),
	newThemes: z
		.string()
		.max(1000, { error: () => m.surveys_results_answer_theme_too_long() })
		.default('')
		.transform((v) =>
			v
				.split(/[,،]/) // the Arabic comma too: Urdu keyboards type it
				.map((t) => t.trim())
				.filter(Boolean)
		)
		.refine((list) => list.every((t) => t.length <= THEME_MAX), { error: () => m.surveys_results_answer_theme_too_long() }),
	quoted: z.preprocess((v) => v === 'on' || v === '1' || v === 'true' || v === true, z.boolean()).default(false)
});
export type TagInput = z.infer<typeof tagSchema>;
