/**
 * What counts as a valid answer to each kind of question. Pure: the answering pages and the
 * submit transaction both use it, so a draft can never hold an answer the submit would refuse.
 */
import { TEXT_LIMITS, type QuestionKind } from '$lib/features/surveys/model';
import { OTHER_LANGUAGE_MAX, cleanLanguageName } from '$lib/features/reach/model';

/**
 * One question's answer as a draft keeps it: chosen option ids, or text; or both, when the chosen
 * option asks which (the language typed beside "another language").
 */
export type DraftAnswer = { options: number[]; text: string };

export type AnswerProblem =
	/** A required question left empty. */
	| 'required'
	/** More than one option for a question that takes one. */
	| 'one_only'
	/** An option that is not one of this question's. */
	| 'unknown_option'
	/** Text longer than the kind allows. */
	| 'too_long'
	/** The name typed beside an option that asks which is longer than OTHER_LANGUAGE_MAX. */
	| 'which_too_long';

export type CheckedAnswer = { ok: true; answer: DraftAnswer | null } | { ok: false; problem: AnswerProblem };

type QuestionRules = {
	kind: QuestionKind;
	required: boolean;
	optionIds: readonly number[];
	/** The option that, when chosen, takes a typed name too (null: none does). */
	whichOptionId?: number | null;
};

/**
 * Checks a raw answer against its question. Returns the cleaned answer (null when the question
 * was skipped, which only optional questions allow) or the problem. For a choice question `text`
 * is the name typed beside its "which" option (optional), ignored unless that option is chosen.
 */
export function checkAnswer(question: QuestionRules, optionIds: readonly number[], text: string): CheckedAnswer {
	if (question.kind === 'short_text' || question.kind === 'long_text') {
		// Keep what people typed; only the ends are trimmed. Line breaks matter in long answers.
		const cleaned = (question.kind === 'short_text' ? text.replace(/\s+/g, ' ') : text.replace(/\r\n?/g, '\n')).trim();
		if (cleaned.length > TEXT_LIMITS[question.kind]) return { ok: false, problem: 'too_long' };
		if (!cleaned) return question.required ? { ok: false, problem: 'required' } : { ok: true, answer: null };
		return { ok: true, answer: { options: [], text: cleaned } };
	}
	const chosen = [...new Set(optionIds)];
	if (chosen.some((id) => !question.optionIds.includes(id))) return { ok: false, problem: 'unknown_option' };
	if (!chosen.length) return question.required ? { ok: false, problem: 'required' } : { ok: true, answer: null };
	if (question.kind !== 'pick_any' && chosen.length > 1) return { ok: false, problem: 'one_only' };
	// Keep the question's order, not the order the browser sent them in.
	const ordered = question.optionIds.filter((id) => chosen.includes(id));
	// The name typed beside "another language" counts only when that option is chosen: a name typed
	// and then another language picked instead is dropped, never kept unseen.
	const which = question.whichOptionId != null && ordered.includes(question.whichOptionId) ? cleanLanguageName(text) : '';
	if (which.length > OTHER_LANGUAGE_MAX) return { ok: false, problem: 'which_too_long' };
	return { ok: true, answer: { options: ordered, text: which } };
}

/** Whether a response's answer to a question counts as positive: one of the chosen options is marked positive. */
export function isPositive(chosen: readonly number[], positiveIds: ReadonlySet<number>): boolean {
	return chosen.some((id) => positiveIds.has(id));
}
