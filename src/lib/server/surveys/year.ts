/**
 * What surveys give the yearly forum report: the surveys that were open during a period and how
 * many responses each had in it. Titles are public (people answered them); counts only, never answers.
 */
import { and, isNull, lte, ne, or, gte, sql } from 'drizzle-orm';
import type { Period } from '$lib/time';
import type { Db } from '../db';
import { survey, surveyResponse } from '../db/schema';

export type SurveyInPeriod = { id: number; title: string; opensOn: string; closesOn: string | null; responses: number };

/** Surveys open at some time in the period (published or closed), by the day they opened, with the responses sent in it. */
export function surveysInPeriod(db: Db, period: Period): SurveyInPeriod[] {
	return db
		.select({
			id: survey.id,
			title: survey.title,
			opensOn: survey.opensOn,
			closesOn: survey.closesOn,
			responses: sql<number>`(select count(*) from ${surveyResponse} where ${surveyResponse.surveyId} = ${survey.id} and ${surveyResponse.submittedOn} between ${period.start} and ${period.end})`
		})
		.from(survey)
		.where(and(ne(survey.state, 'draft'), lte(survey.opensOn, period.end), or(isNull(survey.closesOn), gte(survey.closesOn, period.start))))
		.orderBy(survey.opensOn, survey.id)
		.all();
}
