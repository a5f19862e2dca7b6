/**
 * A survey's counts as they are, before small numbers are protected, and what the protection
 * works on. Not for pages: `results.ts` is what they show (with the permission check and the
 * protection of ./small-groups.ts and ../disclosure.ts). Not re-exported by the index.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { RESPONDENT_GROUPS, isChoiceKind, type RespondentGroup } from '$lib/features/surveys/model';
import type { Db } from '../db';
import { surveyAnswer, surveyResponse, surveyTally } from '../db/schema';
import { ValidationError } from '../errors';
import { questionRows, type QuestionWithOptions } from './builder';
import type { Condition, Dimension } from './small-groups';

/** Which responses to count: those that chose all of `optionIds`, in `locale`, from `group`. */
export type ResultsFilter = { optionIds?: number[]; locale?: string; group?: RespondentGroup };

export const isFiltered = (f: ResultsFilter) => !!(f.optionIds?.length || f.locale || f.group);

/** The SQL condition "this response passes the filter" on survey_response. */
export function responseCondition(surveyId: number, f: ResultsFilter) {
	const parts = [eq(surveyResponse.surveyId, surveyId)];
	if (f.locale) parts.push(eq(surveyResponse.locale, f.locale));
	if (f.group) parts.push(eq(surveyResponse.respondentGroup, f.group));
	for (const optionId of f.optionIds ?? [])
		parts.push(sql`${surveyResponse.id} in (select ${surveyAnswer.responseId} from ${surveyAnswer} where ${surveyAnswer.optionId} = ${optionId})`);
	return and(...parts)!;
}

export type RawCounts = {
	responses: number;
	questions: QuestionWithOptions[];
	/** "questionId:optionId" -> responses that chose it; "questionId:0" -> responses that answered. */
	counts: Map<string, number>;
};

/**
 * Every count of a survey, or of the responses a filter matches. Unfiltered counts come from the
 * running tallies (no scan of the answers, so people answering are not held up); filtered ones
 * count the answers.
 */
export function rawCounts(db: Db, surveyId: number, filter: ResultsFilter = {}): RawCounts {
	const questions = questionRows(db, surveyId);
	const counts = new Map<string, number>();
	let responses: number;
	if (!isFiltered(filter)) {
		const ids = questions.map((qn) => qn.id);
		const rows = ids.length
			? db
					.select({ questionId: surveyTally.questionId, optionId: surveyTally.optionId, n: sql<number>`sum(${surveyTally.count})` })
					.from(surveyTally)
					.where(inArray(surveyTally.questionId, ids))
					.groupBy(surveyTally.questionId, surveyTally.optionId)
					.all()
			: [];
		for (const r of rows) counts.set(`${r.questionId}:${r.optionId}`, r.n);
		responses = db.select({ n: count() }).from(surveyResponse).where(eq(surveyResponse.surveyId, surveyId)).get()!.n;
	} else {
		const where = responseCondition(surveyId, filter);
		responses = db.select({ n: count() }).from(surveyResponse).where(where).get()!.n;
		const chosen = db
			.select({ questionId: surveyAnswer.questionId, optionId: surveyAnswer.optionId, n: count() })
			.from(surveyAnswer)
			.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
			.where(where)
			.groupBy(surveyAnswer.questionId, surveyAnswer.optionId)
			.all();
		for (const r of chosen) if (r.optionId !== null) counts.set(`${r.questionId}:${r.optionId}`, r.n);
		const answered = db
			.select({ questionId: surveyAnswer.questionId, n: sql<number>`count(distinct ${surveyAnswer.responseId})` })
			.from(surveyAnswer)
			.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
			.where(where)
			.groupBy(surveyAnswer.questionId)
			.all();
		for (const r of answered) counts.set(`${r.questionId}:0`, r.n);
	}
	return { responses, questions, counts };
}

/** The "about you" questions results can be filtered on (choice questions only). */
export const filterQuestionsOf = (questions: readonly QuestionWithOptions[]) => questions.filter((q) => q.aboutYou !== null && isChoiceKind(q.kind));

/**
 * A results filter as conditions on the dimensions of `dimensionsOf`. Only "about you" answers
 * may be filtered on (anything else would be a filter on what people said about services):
 * ValidationError('filter_not_about_you') otherwise.
 */
export function conditionsOf(questions: readonly QuestionWithOptions[], filter: ResultsFilter): Condition[] {
	const conditions: Condition[] = [];
	const aboutYou = filterQuestionsOf(questions);
	for (const optionId of filter.optionIds ?? []) {
		const q = aboutYou.find((x) => x.options.some((o) => o.id === optionId));
		if (!q) throw new ValidationError('filter_not_about_you');
		conditions.push(q.kind === 'pick_any' ? { dimension: `o${optionId}`, value: '1' } : { dimension: `q${q.id}`, value: String(optionId) });
	}
	if (filter.locale) conditions.push({ dimension: 'locale', value: filter.locale });
	if (filter.group) conditions.push({ dimension: 'group', value: filter.group });
	return conditions;
}

/**
 * What filters work on, one row per response (in no meaningful order): each "about you" question
 * (its chosen option, '' for no answer; a "pick any" one as one yes / no dimension per option),
 * the language answered in, and the respondent group.
 */
export function dimensionsOf(db: Db, surveyId: number, questions: readonly QuestionWithOptions[]): { dimensions: Dimension[]; total: number } {
	// Plain rows as arrays (no objects per row): a busy survey has tens of thousands of responses.
	const rows = db.$client.prepare('select id, locale, respondent_group from survey_response where survey_id = ?').raw().all(surveyId) as [string, string, RespondentGroup][];
	const responses = rows.map(([id, locale, group]) => ({ id, locale, group }));
	const index = new Map(responses.map((r, i) => [r.id, i]));
	const aboutYou = filterQuestionsOf(questions);
	// The questions are the survey's own, so their answers are its responses' (survey_answer_question_option_idx).
	const answers = aboutYou.length
		? (
				db.$client
					.prepare(`select response_id, question_id, option_id from survey_answer where question_id in (${aboutYou.map(() => '?').join(',')})`)
					.raw()
					.all(...aboutYou.map((q) => q.id)) as [string, number, number | null][]
			).map(([responseId, questionId, optionId]) => ({ responseId, questionId, optionId }))
		: [];
	const dimensions: Dimension[] = [];
	for (const q of aboutYou) {
		if (q.kind === 'pick_any') {
			for (const o of q.options) {
				const values = new Array<string>(responses.length).fill('0');
				for (const a of answers) {
					const i = index.get(a.responseId);
					if (a.optionId === o.id && i !== undefined) values[i] = '1';
				}
				dimensions.push({ key: `o${o.id}`, filterable: ['1'], values });
			}
		} else {
			const values = new Array<string>(responses.length).fill('');
			for (const a of answers) {
				const i = index.get(a.responseId);
				if (a.questionId === q.id && a.optionId !== null && i !== undefined) values[i] = String(a.optionId);
			}
			dimensions.push({ key: `q${q.id}`, filterable: q.options.map((o) => String(o.id)), values });
		}
	}
	const locales = responses.map((r) => r.locale);
	dimensions.push({ key: 'locale', filterable: [...new Set(locales)], values: locales });
	dimensions.push({ key: 'group', filterable: RESPONDENT_GROUPS, values: responses.map((r) => r.group) });
	return { dimensions, total: responses.length };
}
