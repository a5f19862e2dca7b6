import { m } from '$lib/paraglide/messages';
import type { FlagOutcome, FlagSource, PhraseCategory } from '$lib/features/safeguarding/model';

/** Where a flag's text was written, in words (never who wrote it). */
export const sourceName = (source: FlagSource): string =>
	({
		survey_answer: m.safeguarding_source_survey_answer,
		feedback: m.safeguarding_source_feedback,
		profile_item: m.safeguarding_source_profile_item,
		message: m.safeguarding_source_message
	})[source]();

/** The kind of worry a phrase may point to. */
export const categoryName = (category: PhraseCategory): string =>
	({
		self_harm: m.safeguarding_category_self_harm,
		abuse: m.safeguarding_category_abuse,
		neglect: m.safeguarding_category_neglect,
		unsafe: m.safeguarding_category_unsafe
	})[category]();

/** The kinds of worry of a flag, as one line ("none matched" for a message). */
export const categoriesText = (categories: PhraseCategory[]): string =>
	categories.length ? categories.map(categoryName).join(', ') : m.safeguarding_category_none();

/** What a lead decided. */
export const outcomeName = (outcome: FlagOutcome): string =>
	({
		no_concern: m.safeguarding_outcome_no_concern,
		support_offered: m.safeguarding_outcome_support_offered,
		referred: m.safeguarding_outcome_referred,
		already_known: m.safeguarding_outcome_already_known
	})[outcome]();

/** A longer explanation of each outcome, for the review form. */
export const outcomeHint = (outcome: FlagOutcome): string =>
	({
		no_concern: m.safeguarding_outcome_no_concern_hint,
		support_offered: m.safeguarding_outcome_support_offered_hint,
		referred: m.safeguarding_outcome_referred_hint,
		already_known: m.safeguarding_outcome_already_known_hint
	})[outcome]();

/** A flag's id as a reference people can read out: random and long, so in groups of four digits. */
export const flagRef = (id: number): string => String(id).replace(/\B(?=(\d{4})+$)/g, ' ');
