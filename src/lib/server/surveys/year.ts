/**
 * What surveys give the yearly forum report: the surveys that were open during a period and how
 * many responses each had in it. Titles are public (people answered them); counts only, never answers.
 */
import { and, between, count, gte, inArray, isNull, lte, ne, or } from 'drizzle-orm';
import type { Period } from '$lib/time';
import type { Db } from '../db';
import { survey, surveyResponse } from '../db/schema';

export type SurveyInPeriod = { id: number; title: string; opensOn: string; closesOn: string | null; responses: number };

/** Surveys open at some time in the period (published or closed), by the day they opened, with the responses sent in it. */
export function surveysInPeriod(db: Db, period: Period): SurveyInPeriod[] {
	const list = db
		.select({ id: survey.id, title: survey.title, opensOn: survey.opensOn, closesOn: survey.closesOn })
		.from(survey)
		.where(and(ne(survey.state, 'draft'), lte(survey.opensOn, period.end), or(isNull(survey.closesOn), gte(survey.closesOn, period.start))))
		.orderBy(survey.opensOn, survey.id)
		.all();
	if (!list.length) return [];
	const counts = db
		.select({ surveyId: surveyResponse.surveyId, n: count() })
		.from(surveyResponse)
		.where(and(inArray(surveyResponse.surveyId, list.map((s) => s.id)), between(surveyResponse.submittedOn, period.start, period.end)))
		.groupBy(surveyResponse.surveyId)
		.all();
	return list.map((s) => ({ ...s, responses: counts.find((c) => c.surveyId === s.id)?.n ?? 0 }));
}
