/**
 * What a survey found: counts per answer, free-text answers with themes and quotes, and the CSV
 * export. For organisers and the leads of the survey's services only (`surveys.results`).
 */
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { isChoiceKind, type RespondentGroup } from '$lib/surveys';
import { writeTransaction, type Db } from '../db';
import {
	surveyAnswer,
	surveyAnswerTheme,
	surveyResponse,
	surveyTally,
	surveyTheme,
	type Survey
} from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as services from '../services/service';
import * as audit from '../audit/service';
import { get, questionsOf, type QuestionWithOptions } from './builder';

/** Throws ForbiddenError unless the actor may read this survey's results. */
export function mustReadResults(db: Db, actor: Actor, s: { serviceIds: number[] }) {
	const ledServiceIds = actor ? services.ledBy(db, actor.id) : [];
	if (!can(actor, 'surveys.results', { serviceIds: s.serviceIds, ledServiceIds })) throw new ForbiddenError();
}

/** Whether the actor may read this survey's results (to show or hide the link). */
export function mayReadResults(db: Db, actor: Actor, surveyId: number): boolean {
	try {
		mustReadResults(db, actor, get(db, surveyId));
		return true;
	} catch {
		return false;
	}
}

/** Which responses to count: those that chose all of `optionIds`, in `locale`, from `group`. */
export type ResultsFilter = { optionIds?: number[]; locale?: string; group?: RespondentGroup };

export type OptionResult = { id: number; label: string; symbolId: string | null; positive: boolean; count: number; percent: number };
export type QuestionResult = {
	question: QuestionWithOptions;
	/** Responses that answered this question. */
	answered: number;
	options: OptionResult[];
	/** Share of those who answered who gave a positive answer, when the question marks any. */
	positivePercent: number | null;
};
export type SurveyResults = { survey: Survey & { serviceIds: number[] }; responses: number; questions: QuestionResult[]; locales: string[] };

const isFiltered = (f: ResultsFilter) => !!(f.optionIds?.length || f.locale || f.group);

/** The SQL condition "this response passes the filter" on survey_response. */
function responseCondition(surveyId: number, f: ResultsFilter) {
	const parts = [eq(surveyResponse.surveyId, surveyId)];
	if (f.locale) parts.push(eq(surveyResponse.locale, f.locale));
	if (f.group) parts.push(eq(surveyResponse.respondentGroup, f.group));
	for (const optionId of f.optionIds ?? [])
		parts.push(sql`${surveyResponse.id} in (select ${surveyAnswer.responseId} from ${surveyAnswer} where ${surveyAnswer.optionId} = ${optionId})`);
	return and(...parts)!;
}

const percent = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);

/**
 * Counts and percentages per question. Unfiltered results come from the running tallies (no
 * scan of the answers, so people answering are not held up); filtered ones count the answers.
 * Percentages are of the responses that answered that question ("pick any" can add up past 100).
 * Throws ForbiddenError, NotFoundError.
 */
export function results(db: Db, actor: Actor, surveyId: number, filter: ResultsFilter = {}): SurveyResults {
	const s = get(db, surveyId);
	mustReadResults(db, actor, s);
	const questions = questionsOf(db, surveyId);
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
	const locales = db
		.selectDistinct({ locale: surveyResponse.locale })
		.from(surveyResponse)
		.where(eq(surveyResponse.surveyId, surveyId))
		.orderBy(asc(surveyResponse.locale))
		.all()
		.map((r) => r.locale);
	return {
		survey: s,
		responses,
		locales,
		questions: questions.map((question) => {
			const answered = counts.get(`${question.id}:0`) ?? 0;
			const options = question.options.map((o) => {
				const n = counts.get(`${question.id}:${o.id}`) ?? 0;
				return { id: o.id, label: o.label, symbolId: o.symbolId, positive: o.positive, count: n, percent: percent(n, answered) };
			});
			const marksPositive = isChoiceKind(question.kind) && question.options.some((o) => o.positive);
			// "Pick any" answers can be positive more than once per response; only single-answer kinds get a share.
			const positive = marksPositive && question.kind !== 'pick_any' ? options.filter((o) => o.positive).reduce((a, o) => a + o.count, 0) : null;
			return { question, answered, options, positivePercent: positive === null ? null : percent(positive, answered) };
		})
	};
}

export const TEXT_PAGE_SIZE = 50;

/** `locale` is the language the response was given in (so pages can mark the text's language). */
export type TextAnswer = { id: number; text: string; quoted: boolean; submittedOn: string; locale: string; themeIds: number[] };

/**
 * Free-text answers to a question, newest day first (within a day in no set order: answer ids are
 * random so that they do not tell the order answers came in), a page at a time, with their themes.
 * Throws ForbiddenError, NotFoundError.
 */
export function textAnswers(db: Db, actor: Actor, surveyId: number, questionId: number, page = 1, filter: ResultsFilter = {}) {
	const s = get(db, surveyId);
	mustReadResults(db, actor, s);
	const where = and(responseCondition(surveyId, filter), eq(surveyAnswer.questionId, questionId), isNotNull(surveyAnswer.text));
	const total = db.select({ n: count() }).from(surveyAnswer).innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId)).where(where).get()!.n;
	const rows = db
		.select({ id: surveyAnswer.id, text: surveyAnswer.text, quoted: surveyAnswer.quoted, submittedOn: surveyResponse.submittedOn, locale: surveyResponse.locale })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(where)
		.orderBy(desc(surveyResponse.submittedOn), desc(surveyAnswer.id))
		.limit(TEXT_PAGE_SIZE)
		.offset((Math.max(1, page) - 1) * TEXT_PAGE_SIZE)
		.all();
	const tags = rows.length
		? db
				.select()
				.from(surveyAnswerTheme)
				.where(
					inArray(
						surveyAnswerTheme.answerId,
						rows.map((r) => r.id)
					)
				)
				.all()
		: [];
	const answers: TextAnswer[] = rows.map((r) => ({
		...r,
		text: r.text ?? '',
		themeIds: tags.filter((t) => t.answerId === r.id).map((t) => t.themeId)
	}));
	return { answers, total, pages: Math.max(1, Math.ceil(total / TEXT_PAGE_SIZE)) };
}

/** A survey's themes with how many answers carry each. Throws ForbiddenError, NotFoundError. */
export function themes(db: Db, actor: Actor, surveyId: number) {
	mustReadResults(db, actor, get(db, surveyId));
	return db
		.select({ id: surveyTheme.id, name: surveyTheme.name, answers: sql<number>`count(${surveyAnswerTheme.answerId})` })
		.from(surveyTheme)
		.leftJoin(surveyAnswerTheme, eq(surveyAnswerTheme.themeId, surveyTheme.id))
		.where(eq(surveyTheme.surveyId, surveyId))
		.groupBy(surveyTheme.id)
		.orderBy(asc(surveyTheme.name))
		.all();
}

/**
 * Sets a free-text answer's themes (existing ones by id, plus new ones by name) and whether it
 * is a quote reports may use. Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function tagAnswer(
	db: Db,
	actor: Actor,
	answerId: number,
	input: { themeIds: number[]; newThemes: string[]; quoted: boolean },
	now = new Date()
): void {
	if (!can(actor, 'surveys.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const answer = tx
			.select({ id: surveyAnswer.id, surveyId: surveyResponse.surveyId, text: surveyAnswer.text })
			.from(surveyAnswer)
			.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
			.where(eq(surveyAnswer.id, answerId))
			.get();
		if (!answer || answer.text === null) throw new NotFoundError('answer_not_found');
		const own = new Set(
			tx
				.select({ id: surveyTheme.id })
				.from(surveyTheme)
				.where(eq(surveyTheme.surveyId, answer.surveyId))
				.all()
				.map((r) => r.id)
		);
		const ids = new Set(input.themeIds);
		for (const id of ids) if (!own.has(id)) throw new ValidationError('theme_not_found');
		for (const name of input.newThemes.map((n) => n.trim().toLowerCase()).filter(Boolean)) {
			if (name.length > 60) throw new ValidationError('theme_too_long');
			const existing = tx
				.select({ id: surveyTheme.id })
				.from(surveyTheme)
				.where(and(eq(surveyTheme.surveyId, answer.surveyId), eq(surveyTheme.name, name)))
				.get();
			ids.add(existing?.id ?? tx.insert(surveyTheme).values({ surveyId: answer.surveyId, name }).returning({ id: surveyTheme.id }).get().id);
		}
		tx.delete(surveyAnswerTheme).where(eq(surveyAnswerTheme.answerId, answerId)).run();
		if (ids.size) tx.insert(surveyAnswerTheme).values([...ids].map((themeId) => ({ answerId, themeId }))).run();
		tx.update(surveyAnswer).set({ quoted: input.quoted }).where(eq(surveyAnswer.id, answerId)).run();
		audit.record(tx, { actorId: actor!.id, action: 'survey.answer_tagged', subjectType: 'survey', subjectId: answer.surveyId, details: { answerId, themes: ids.size, quoted: input.quoted }, at: now });
	});
}

/** Answers organisers marked as quotes for reports, newest first. Throws ForbiddenError, NotFoundError. */
export function quotes(db: Db, actor: Actor, surveyId: number) {
	mustReadResults(db, actor, get(db, surveyId));
	return db
		.select({ id: surveyAnswer.id, questionId: surveyAnswer.questionId, text: surveyAnswer.text, submittedOn: surveyResponse.submittedOn })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(and(eq(surveyResponse.surveyId, surveyId), eq(surveyAnswer.quoted, true)))
		.orderBy(desc(surveyResponse.submittedOn))
		.all();
}

/**
 * Every response as rows for a CSV file: a header row, then one row per response (choices by
 * their words, several joined with "; "). Cells are plain text: the CSV writer neutralises
 * formulas. Audited, since it is an export. Throws ForbiddenError, NotFoundError.
 */
export function exportRows(db: Db, actor: Actor, surveyId: number, now = new Date()): string[][] {
	const s = get(db, surveyId);
	mustReadResults(db, actor, s);
	const questions = questionsOf(db, surveyId);
	const labels = new Map(questions.flatMap((qn) => qn.options.map((o) => [o.id, o.label] as const)));
	// answer ids are random (they must not tell the order answers came in): "pick any" choices go in the options' order
	const place = new Map(questions.flatMap((qn) => qn.options.map((o, i) => [o.id, i] as const)));
	const header = ['Response', 'Sent on', 'Language', 'Entered from paper', 'Respondent group', ...questions.map((qn) => qn.text)];
	const responses = db
		.select({ id: surveyResponse.id, submittedOn: surveyResponse.submittedOn, locale: surveyResponse.locale, onBehalf: surveyResponse.onBehalf, group: surveyResponse.respondentGroup })
		.from(surveyResponse)
		.where(eq(surveyResponse.surveyId, surveyId))
		.orderBy(asc(surveyResponse.submittedOn), asc(surveyResponse.id))
		.all();
	const answers = db
		.select({ responseId: surveyAnswer.responseId, questionId: surveyAnswer.questionId, optionId: surveyAnswer.optionId, text: surveyAnswer.text })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(eq(surveyResponse.surveyId, surveyId))
		.all()
		.sort((a, b) => (a.optionId === null ? 0 : (place.get(a.optionId) ?? 0)) - (b.optionId === null ? 0 : (place.get(b.optionId) ?? 0)));
	const byResponse = new Map<string, Map<number, string[]>>();
	for (const a of answers) {
		let m = byResponse.get(a.responseId);
		if (!m) byResponse.set(a.responseId, (m = new Map()));
		const list = m.get(a.questionId) ?? [];
		list.push(a.optionId !== null ? (labels.get(a.optionId) ?? '') : (a.text ?? ''));
		m.set(a.questionId, list);
	}
	const rows = responses.map((r) => {
		const m = byResponse.get(r.id);
		return [r.id, r.submittedOn, r.locale, r.onBehalf ? 'yes' : 'no', r.group, ...questions.map((qn) => (m?.get(qn.id) ?? []).join('; '))];
	});
	if (actor) audit.record(db, { actorId: actor.id, action: 'survey.exported', subjectType: 'survey', subjectId: surveyId, details: { rows: rows.length }, at: now });
	return [header, ...rows];
}
