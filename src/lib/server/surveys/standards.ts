/**
 * What surveys give the board's report: questions linked to service standards, their running
 * tallies over periods, and the quotes and themes organisers picked. Aggregates only: no answer
 * can be traced to a person from these, and the report applies its disclosure rules on top.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Period } from '$lib/standards';
import type { RespondentGroup } from '$lib/surveys';
import type { Sector } from '$lib/sectors';
import type { Db } from '../db';
import {
	survey,
	surveyAnswer,
	surveyAnswerTheme,
	surveyOption,
	surveyQuestion,
	surveyResponse,
	surveyService,
	surveyTheme
} from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit/service';
import { writeTransaction } from '../db';

/** Kinds whose answers are one choice each, so "share of positive answers" is a share of people. */
export const STANDARD_KINDS = ['smiley3', 'smiley5', 'yes_no', 'pick_one'] as const;

/**
 * Links a question to a survey standard (or unlinks it with null). Only one-choice questions with
 * at least one answer marked positive can measure a standard. `checkStandard` is the standards
 * feature's own check that the standard exists, is live and is measured by surveys.
 * Throws ForbiddenError, NotFoundError or ValidationError('question_kind', 'no_positive').
 */
export function linkQuestionToStandard(
	db: Db,
	actor: Actor,
	questionId: number,
	standardId: number | null,
	checkStandard: (standardId: number) => void,
	now = new Date()
): void {
	if (!can(actor, 'surveys.manage')) throw new ForbiddenError();
	const question = db.select().from(surveyQuestion).where(eq(surveyQuestion.id, questionId)).get();
	if (!question) throw new NotFoundError('question_not_found');
	if (standardId !== null) {
		if (!(STANDARD_KINDS as readonly string[]).includes(question.kind)) {
			throw new ValidationError('question_kind', 'Only smiley, yes / no and pick-one questions can measure a standard.');
		}
		const positive = db
			.select({ n: sql<number>`count(*)` })
			.from(surveyOption)
			.where(and(eq(surveyOption.questionId, questionId), eq(surveyOption.positive, true)))
			.get()!.n;
		if (positive === 0) throw new ValidationError('no_positive', 'Mark which answers count as positive first.');
		checkStandard(standardId);
	}
	writeTransaction(db, (tx) => {
		tx.update(surveyQuestion).set({ standardId }).where(eq(surveyQuestion.id, questionId)).run();
		audit.record(tx, {
			actorId: actor!.id,
			action: 'survey.question_standard_linked',
			subjectType: 'survey_question',
			subjectId: questionId,
			details: { before: question.standardId, after: standardId },
			at: now
		});
	});
}

export type LinkedQuestion = { standardId: number; questionId: number; text: string; surveyId: number; surveyTitle: string };

/** The questions linked to these standards, by survey and position. */
export function linkedQuestions(db: Db, standardIds: readonly number[]): LinkedQuestion[] {
	if (standardIds.length === 0) return [];
	return db
		.select({
			standardId: sql<number>`${surveyQuestion.standardId}`,
			questionId: surveyQuestion.id,
			text: surveyQuestion.text,
			surveyId: survey.id,
			surveyTitle: survey.title
		})
		.from(surveyQuestion)
		.innerJoin(survey, eq(survey.id, surveyQuestion.surveyId))
		.where(inArray(surveyQuestion.standardId, [...standardIds]))
		.orderBy(asc(survey.id), asc(surveyQuestion.position))
		.all();
}

export type StandardTally = {
	standardId: number;
	/** Which of the periods asked for. */
	period: number;
	group: RespondentGroup;
	/** The sector of the service the question is about; null for a question about no service. */
	sector: Sector | null;
	answered: number;
	positive: number;
};

/**
 * Answered and positive counts of the questions linked to each standard, for each period, by
 * respondent group and sector, from the running tallies (never the answers themselves).
 */
export function standardTallies(db: Db, standardIds: readonly number[], periods: readonly Period[]): StandardTally[] {
	if (standardIds.length === 0 || periods.length === 0) return [];
	const start = periods.reduce((a, p) => (p.start < a ? p.start : a), periods[0].start);
	const end = periods.reduce((a, p) => (p.end > a ? p.end : a), periods[0].end);
	const periodCase = sql.join(
		periods.map((p, i) => sql`WHEN t.day BETWEEN ${p.start} AND ${p.end} THEN ${i}`),
		sql` `
	);
	const ids = sql.join(standardIds.map((id) => sql`${id}`), sql`, `);
	// raw SQL: one pass over the tally index for every standard and period at once
	const rows = db.all<{ standardId: number; period: number | null; grp: RespondentGroup; sector: Sector | null; answered: number; positive: number }>(sql`
		SELECT q.standard_id AS standardId,
			CASE ${periodCase} END AS period,
			t.respondent_group AS grp,
			s.sector AS sector,
			SUM(CASE WHEN t.option_id = 0 THEN t.count ELSE 0 END) AS answered,
			SUM(CASE WHEN o.positive = 1 THEN t.count ELSE 0 END) AS positive
		FROM survey_question q
		JOIN survey_tally t ON t.question_id = q.id AND t.day BETWEEN ${start} AND ${end}
		LEFT JOIN survey_option o ON o.id = t.option_id
		LEFT JOIN service s ON s.id = q.service_id
		WHERE q.standard_id IN (${ids})
		GROUP BY 1, 2, 3, 4`);
	return rows
		.filter((r) => r.period !== null)
		.map((r) => ({ standardId: r.standardId, period: r.period!, group: r.grp, sector: r.sector, answered: r.answered, positive: r.positive }));
}

/** Which surveys a report's scope covers: about one of these services (null: every survey). */
function surveysAbout(serviceIds: readonly number[] | null) {
	return serviceIds === null
		? undefined
		: inArray(
				surveyResponse.surveyId,
				sql`(SELECT ${surveyService.surveyId} FROM ${surveyService} WHERE ${inArray(surveyService.serviceId, [...serviceIds, -1])})`
			);
}

export type ReportQuote = { text: string; surveyId: number; surveyTitle: string; submittedOn: string };

/** Quotes organisers marked, from responses sent in the period to surveys in scope, newest first. */
export function reportQuotes(db: Db, period: Period, serviceIds: readonly number[] | null, limit = 12): ReportQuote[] {
	return db
		.select({ text: sql<string>`${surveyAnswer.text}`, surveyId: survey.id, surveyTitle: survey.title, submittedOn: surveyResponse.submittedOn })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.innerJoin(survey, eq(survey.id, surveyResponse.surveyId))
		.where(
			and(
				eq(surveyAnswer.quoted, true),
				isNotNull(surveyAnswer.text),
				gte(surveyResponse.submittedOn, period.start),
				lte(surveyResponse.submittedOn, period.end),
				surveysAbout(serviceIds)
			)
		)
		.orderBy(desc(surveyResponse.submittedOn), asc(surveyAnswer.id))
		.limit(limit)
		.all();
}

export type ReportTheme = { name: string; answers: number };

/** Themes organisers tagged answers with (answers sent in the period, surveys in scope), most used first. */
export function reportThemes(db: Db, period: Period, serviceIds: readonly number[] | null): ReportTheme[] {
	return db
		.select({ name: surveyTheme.name, answers: sql<number>`count(*)` })
		.from(surveyAnswerTheme)
		.innerJoin(surveyTheme, eq(surveyTheme.id, surveyAnswerTheme.themeId))
		.innerJoin(surveyAnswer, eq(surveyAnswer.id, surveyAnswerTheme.answerId))
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(and(gte(surveyResponse.submittedOn, period.start), lte(surveyResponse.submittedOn, period.end), surveysAbout(serviceIds)))
		.groupBy(sql`lower(${surveyTheme.name})`)
		.orderBy(sql`2 DESC`, asc(surveyTheme.name))
		.all();
}
