import { m } from '$lib/paraglide/messages';
import type { Audience, QuestionKind } from '$lib/features/surveys/model';
import { LANGUAGE_NAMES, isLocale, languageNames } from '$lib/i18n';

/** Who a survey is for, in words. */
export function audienceName(audience: Audience): string {
	return { parent_carers: m.surveys_answer_audience_parent_carers, young_people: m.surveys_answer_audience_young_people, both: m.surveys_answer_audience_both }[audience]();
}

/** A language's own name for itself ("Türkçe"), for choosing the language of a survey. */
export function languageName(locale: string): string {
	if (isLocale(locale)) return LANGUAGE_NAMES[locale];
	try {
		return languageNames(locale).of(locale) ?? locale;
	} catch {
		return locale;
	}
}

/** What went wrong with an answer, in words for this kind of question. */
export function problemMessage(problem: string, kind: QuestionKind, limit: number): string {
	switch (problem) {
		case 'required':
			return kind === 'pick_any' ? m.surveys_answer_problem_required_any() : kind === 'short_text' || kind === 'long_text' ? m.surveys_answer_problem_required_text() : m.surveys_answer_problem_required_one();
		case 'one_only':
			return m.surveys_answer_problem_one_only();
		case 'too_long':
			return m.surveys_answer_problem_too_long({ count: limit });
		default:
			return m.surveys_answer_problem_unknown_option();
	}
}
