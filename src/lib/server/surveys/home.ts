/**
 * Surveys on a person's home page: for organisers, how many open surveys close within a week
 * ("What needs you"); for someone answering named surveys, the ones they started and have not
 * sent yet (a named survey's draft keeps which account it is from; `continueStarted` in
 * ./answering.ts carries on with one).
 */
import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { addDays, londonDate } from '$lib/time';
import type { Need } from '../contributions';
import type { Db } from '../db';
import { survey, surveyDraft } from '../db/schema';
import { can, type Actor } from '../permissions';

/** How many days ahead a survey's closing counts as soon. */
export const CLOSING_SOON_DAYS = 7;

/** The organisers' count: published surveys open today that close within CLOSING_SOON_DAYS. */
export function needsYou(db: Db, actor: NonNullable<Actor>, now = new Date()): Need[] {
	if (!can(actor, 'surveys.manage')) return [];
	const today = londonDate(now);
	const n =
		db
			.select({ n: count() })
			.from(survey)
			.where(and(eq(survey.state, 'published'), lte(survey.opensOn, today), gte(survey.closesOn, today), lte(survey.closesOn, addDays(today, CLOSING_SOON_DAYS))))
			.get()?.n ?? 0;
	return [{ id: 'surveys.closing_soon', count: n, text: m.surveys_needs_closing_soon({ count: n, days: CLOSING_SOON_DAYS }), href: '/manage/surveys', urgency: 'due_soon' }];
}

/** A named survey this person started and has not sent, still open for answers. */
export type StartedSurvey = { surveyId: number; title: string; closesOn: string | null; savedOn: string };

/**
 * The open named surveys this person started and has not sent (their latest draft of each), the
 * one closing soonest first. Anonymous drafts hold no account, so they are never here. Nothing
 * for a visitor.
 */
export function startedSurveys(db: Db, actor: Actor, now = new Date()): StartedSurvey[] {
	if (!actor || !can(actor, 'surveys.answer')) return [];
	const today = londonDate(now);
	const rows = db
		.select({ surveyId: survey.id, title: survey.title, closesOn: survey.closesOn, opensOn: survey.opensOn, state: survey.state, savedOn: surveyDraft.savedOn })
		.from(surveyDraft)
		.innerJoin(survey, eq(survey.id, surveyDraft.surveyId))
		.where(and(eq(surveyDraft.accountId, actor.id), eq(surveyDraft.onBehalf, false), eq(surveyDraft.preview, false), eq(survey.state, 'published'), lte(survey.opensOn, today)))
		.orderBy(desc(surveyDraft.savedOn))
		.all()
		.filter((r) => r.closesOn === null || r.closesOn >= today);
	const seen = new Set<number>();
	return rows
		.filter((r) => !seen.has(r.surveyId) && seen.add(r.surveyId))
		.map(({ surveyId, title, closesOn, savedOn }) => ({ surveyId, title, closesOn, savedOn }))
		.sort((a, b) => (a.closesOn ?? '9999-12-31').localeCompare(b.closesOn ?? '9999-12-31'));
}
