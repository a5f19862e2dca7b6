import { m } from '$lib/paraglide/messages';
import type { Audience, QuestionKind } from '$lib/features/surveys/model';

/** Who a survey is for, in words. */
export function audienceName(audience: Audience): string {
	return { parent_carers: m.surveys_answer_audience_parent_carers, young_people: m.surveys_answer_audience_young_people, both: m.surveys_answer_audience_both }[audience]();
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
