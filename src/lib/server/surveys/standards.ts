/**
 * What surveys give the board's report: questions linked to service standards, their running
 * tallies over periods, and the quotes and themes organisers picked. Aggregates only: no answer
 * can be traced to a person from these, and the report applies its disclosure rules on top.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { addDays, monthEnd, type Period } from '$lib/time';
import type { RespondentGroup } from '$lib/features/surveys/model';
import type { Sector } from '$lib/sectors';
import type { Db } from '../db';
import {
	service,
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
import * as audit from '../audit';
import { oncePerDb, writeTransaction } from '../db';
import { reportInputsChanged } from '../report-inputs';

/** Kinds whose answers are one choice each, so "share of positive answers" is a share of people. */
export const STANDARD_KINDS = ['smiley3', 'smiley5', 'yes_no', 'pick_one'] as const;

/**
 * Links a question to a survey standard (or unlinks it with null). Only one-choice questions with
 * at least one answer marked positive can measure a standard. `checkStandard` is the standards
 * feature's own check that the standard exists, is live and is measured by surveys.
 * Throws ForbiddenError, NotFoundError or ValidationError('question_kind', 'no_positive').
 */
/** The questions with exactly these words (the demo standards link to the demo surveys' questions by their words). */
export function questionIdsWithText(db: Db, text: string): number[] {
	return db.select({ id: surveyQuestion.id }).from(surveyQuestion).where(eq(surveyQuestion.text, text)).all().map((q) => q.id);
}

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
	// a draft report read a moment ago would still count the question under its old standard
	reportInputsChanged(db);
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

/** Whole calendar months ("YYYY-MM") inside a period, and the days at its edges outside them. */
export function splitPeriod(period: Period): { months: string[]; days: Period[] } {
	const months: string[] = [];
	let [y, m] = period.start.split('-').map(Number);
	for (;;) {
		const first = `${y}-${String(m).padStart(2, '0')}-01`;
		if (first > period.end) break;
		const last = monthEnd(first);
		if (first >= period.start && last <= period.end) months.push(first.slice(0, 7));
		[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
	}
	if (months.length === 0) return { months, days: [period] };
	const days: Period[] = [];
	const firstMonth = `${months[0]}-01`;
	const lastDay = monthEnd(months.at(-1)!);
	if (period.start < firstMonth) days.push({ start: period.start, end: addDays(firstMonth, -1) });
	if (period.end > lastDay) days.push({ start: addDays(lastDay, 1), end: period.end });
	return { months, days };
}

// Reports ask for thousands of tally rows each time: plain prepared statements reading rows as
// arrays keep the per-row cost down (no query building, no row objects).
const tallyStatements = oncePerDb(prepareTallies);
function prepareTallies(db: Db) {
	const c = db.$client;
	return {
		byMonth: c.prepare('SELECT option_id, month, respondent_group, count FROM survey_tally_month WHERE question_id = ? AND month BETWEEN ? AND ?').raw(),
		// the days at a custom period's edges can be a month or two: add them up in SQLite rather
		// than bring a row per day, option and group into JavaScript
		byDay: c
			.prepare('SELECT option_id, respondent_group, sum(count) FROM survey_tally WHERE question_id = ? AND day BETWEEN ? AND ? GROUP BY option_id, respondent_group')
			.raw()
	};
}

/**
 * Answered and positive counts of the questions linked to each standard, for each period, by
 * respondent group and sector, from the running tallies (never the answers themselves): whole
 * months from the monthly counts (one index range per question), the days at a custom period's
 * edges from the daily ones.
 */
export function standardTallies(db: Db, standardIds: readonly number[], periods: readonly Period[]): StandardTally[] {
	if (standardIds.length === 0 || periods.length === 0) return [];
	const questions = db
		.select({ id: surveyQuestion.id, standardId: sql<number>`${surveyQuestion.standardId}`, sector: service.sector })
		.from(surveyQuestion)
		.leftJoin(service, eq(service.id, surveyQuestion.serviceId))
		.where(inArray(surveyQuestion.standardId, [...standardIds]))
		.all();
	if (questions.length === 0) return [];
	const positive = new Set(
		db
			.select({ id: surveyOption.id })
			.from(surveyOption)
			.where(and(inArray(surveyOption.questionId, questions.map((q) => q.id)), eq(surveyOption.positive, true)))
			.all()
			.map((o) => o.id)
	);
	const parts = periods.map(splitPeriod);
	const periodOfMonth = new Map(parts.flatMap((p, i) => p.months.map((mo) => [mo, i] as const)));
	const months = [...periodOfMonth.keys()].sort();
	const dayRanges = parts.flatMap((p, i) => p.days.map((d) => ({ ...d, i })));
	const { byMonth, byDay } = tallyStatements(db);
	const merged = new Map<string, StandardTally>();
	const add = (q: (typeof questions)[number], period: number, optionId: number, group: RespondentGroup, count: number) => {
		const key = `${q.standardId}|${period}|${group}|${q.sector}`;
		let row = merged.get(key);
		if (!row) merged.set(key, (row = { standardId: q.standardId, period, group, sector: q.sector, answered: 0, positive: 0 }));
		if (optionId === 0) row.answered += count;
		else if (positive.has(optionId)) row.positive += count;
	};
	for (const q of questions) {
		if (months.length) {
			for (const [optionId, month, group, count] of byMonth.all(q.id, months[0], months.at(-1)) as [number, string, RespondentGroup, number][]) {
				const period = periodOfMonth.get(month);
				if (period !== undefined) add(q, period, optionId, group, count);
			}
		}
		for (const range of dayRanges) {
			for (const [optionId, group, count] of byDay.all(q.id, range.start, range.end) as [number, RespondentGroup, number][]) {
				add(q, range.i, optionId, group, count);
			}
		}
	}
	return [...merged.values()];
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
				// written out as "= 1" so SQLite can use the partial index of quoted answers
				sql`${surveyAnswer.quoted} = 1`,
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
