/**
 * What surveys give "who we hear from" (the reach feature): how many responses fall in each
 * category of each characteristic the "about you" questions ask, read from the running tallies
 * (no scan of the answers). An answer counts by its option's `category`, so an organiser may
 * reword an option freely; options with no category ("Prefer not to say", "Outside the area", the
 * options of surveys made before categories existed) are not counted, and nor is no answer.
 */
import { and, between, eq, isNotNull, sql } from 'drizzle-orm';
import { characteristicOf, isChoiceKind } from '$lib/features/surveys/model';
import { isCategoryOf, type Characteristic, type NamedLanguagesView, type ReachView } from '$lib/features/reach/model';
import type { Period } from '$lib/time';
import type { Db } from '../db';
import { surveyAnswer, surveyOption, surveyQuestion, surveyTally } from '../db/schema';
import * as reach from '../reach';
import { surveyWithServices } from './builder';
import { rawCounts } from './counts';
import { disclosureRules, mustReadResults, protectQuestion } from './results';

/** Responses per category of one characteristic. */
export type ReachCounts = { characteristic: Characteristic; counts: Partial<Record<string, number>> };

/**
 * A survey's counts per category, with what its results page hides of the same answers in the
 * question's own table (reach must hide at least that: see reach's AlsoProtect).
 */
export type SurveyReachCounts = ReachCounts & { hidden: string[]; hideTotal: boolean };

/**
 * For each characteristic a survey asks about (with at least one option that counts as a
 * category), its responses per category: for the survey's results. Throws NotFoundError,
 * ForbiddenError (results are for organisers and the leads of its services).
 */
export function reachCountsOf(db: Db, actor: Parameters<typeof mustReadResults>[1], surveyId: number): SurveyReachCounts[] {
	mustReadResults(db, actor, surveyWithServices(db, surveyId));
	const { questions, counts } = rawCounts(db, surveyId);
	const rules = disclosureRules(db);
	const found: SurveyReachCounts[] = [];
	for (const q of questions) {
		const characteristic = characteristicOf(q.aboutYou);
		if (!characteristic || !isChoiceKind(q.kind) || found.some((f) => f.characteristic === characteristic)) continue;
		const keyed = q.options.filter((o) => isCategoryOf(characteristic, o.category));
		if (!keyed.length) continue;
		const byCategory: Partial<Record<string, number>> = {};
		for (const o of keyed) byCategory[o.category!] = (byCategory[o.category!] ?? 0) + (counts.get(`${q.id}:${o.id}`) ?? 0);
		// What the question's own table hides: its groups hidden, and whether an answer that is no
		// group (or one no longer offered) is hidden, which our total would give away.
		const shown = protectQuestion(q, counts, rules);
		const hiddenIds = new Set(shown.options.filter((o) => o.count === null).map((o) => o.id));
		const hidden = [...new Set(keyed.filter((o) => hiddenIds.has(o.id)).map((o) => o.category!))];
		const answered = counts.get(`${q.id}:0`) ?? 0;
		const chosen = q.options.reduce((sum, o) => sum + (counts.get(`${q.id}:${o.id}`) ?? 0), 0);
		const hideTotal = answered > chosen || q.options.some((o) => !keyed.includes(o) && hiddenIds.has(o.id) && (counts.get(`${q.id}:${o.id}`) ?? 0) > 0);
		found.push({ characteristic, counts: byCategory, hidden, hideTotal });
	}
	return found;
}

/**
 * Responses per category of every characteristic, over all surveys, for the responses sent in a
 * period: for the board report (which decides who may read it). These are responses, not people:
 * someone who answered two surveys counts twice. Characteristics no survey asked are left out.
 */
export function reachCountsInPeriod(db: Db, period: Period): ReachCounts[] {
	const rows = db
		.select({ aboutYou: surveyQuestion.aboutYou, category: surveyOption.category, n: sql<number>`sum(${surveyTally.count})` })
		.from(surveyTally)
		.innerJoin(surveyOption, eq(surveyOption.id, surveyTally.optionId))
		.innerJoin(surveyQuestion, eq(surveyQuestion.id, surveyTally.questionId))
		.where(and(between(surveyTally.day, period.start, period.end), isNotNull(surveyOption.category), isNotNull(surveyQuestion.aboutYou)))
		.groupBy(surveyQuestion.aboutYou, surveyOption.category)
		.all();
	const found = new Map<Characteristic, Partial<Record<string, number>>>();
	for (const r of rows) {
		const characteristic = characteristicOf(r.aboutYou);
		if (!characteristic || !isCategoryOf(characteristic, r.category)) continue;
		const counts = found.get(characteristic) ?? {};
		counts[r.category!] = (counts[r.category!] ?? 0) + Number(r.n);
		found.set(characteristic, counts);
	}
	return [...found].map(([characteristic, counts]) => ({ characteristic, counts }));
}

/**
 * The languages this survey's respondents typed beside "another language", counted together with
 * small counts left out (reach's `namedLanguages`), to show beside `comparison`, the survey's
 * language comparison; never listed by response. Throws NotFoundError, ForbiddenError (as results).
 */
export function otherLanguagesNamed(db: Db, actor: Parameters<typeof mustReadResults>[1], surveyId: number, comparison: ReachView): NamedLanguagesView {
	mustReadResults(db, actor, surveyWithServices(db, surveyId));
	const typed = db
		.select({ text: surveyAnswer.text })
		.from(surveyAnswer)
		.innerJoin(surveyOption, eq(surveyOption.id, surveyAnswer.optionId))
		.innerJoin(surveyQuestion, eq(surveyQuestion.id, surveyAnswer.questionId))
		.where(and(eq(surveyQuestion.surveyId, surveyId), eq(surveyQuestion.aboutYou, 'language'), eq(surveyOption.category, 'other'), isNotNull(surveyAnswer.text)))
		.all()
		.map((r) => r.text!);
	return reach.namedLanguages(db, typed, comparison, disclosureRules(db));
}
