/**
 * Cross-tabs that need the raw answers: the share of positive answers to a standard's questions,
 * split by what respondents said "about you" (area, age band, ethnicity, language, who is
 * answering), over any dates. Running tallies cannot answer these (they keep no link between a
 * response's answers), so this scans answers, in a worker thread (db/reader.ts) unless the
 * database is in memory (unit tests), where a worker cannot see it.
 */
import type { AboutYou } from '$lib/features/surveys/model';
import type { Period } from '$lib/time';
import type { Db } from '../db';
import { readInWorker } from '../db/reader';

export type CrossTabRow = { bucket: string | null; answered: number; positive: number };

/*
 * For each response sent in the period to a survey with a question linked to the standard: its
 * answer to that question (positive or not) and its answer to the survey's "about you" question
 * of the given kind (no answer: bucket null). Serves from the indexes survey_question_standard_idx,
 * survey_response_survey_idx (survey, day) and survey_answer_response_idx. The unary + on the
 * answers' question_id keeps SQLite from reading every answer to a question (all dates) through
 * survey_answer_question_option_idx: a response has a dozen answers, a question thousands.
 */
const CROSS_TAB_SQL = `
SELECT ao.label AS bucket, count(*) AS answered, sum(o.positive) AS positive
FROM survey_question q
JOIN survey_response r ON r.survey_id = q.survey_id AND r.submitted_on BETWEEN @start AND @end
JOIN survey_answer a ON a.response_id = r.id AND +a.question_id = q.id
JOIN survey_option o ON o.id = a.option_id
LEFT JOIN survey_question aq ON aq.survey_id = q.survey_id AND aq.about_you = @aboutYou
LEFT JOIN survey_answer aa ON aa.response_id = r.id AND +aa.question_id = aq.id
LEFT JOIN survey_option ao ON ao.id = aa.option_id
WHERE q.standard_id = @standardId
GROUP BY ao.label
ORDER BY answered DESC`;

/** Positive and answered counts of a standard's questions by an "about you" answer, over a period. */
export async function crossTab(db: Db, standardId: number, period: Period, aboutYou: AboutYou): Promise<CrossTabRow[]> {
	const params = { standardId, start: period.start, end: period.end, aboutYou };
	const file = db.$client.name;
	const rows =
		db.$client.memory || !file
			? (db.$client.prepare(CROSS_TAB_SQL).all(params) as CrossTabRow[])
			: await readInWorker<CrossTabRow>(file, CROSS_TAB_SQL, params);
	return rows.map((r) => ({ bucket: r.bucket, answered: Number(r.answered), positive: Number(r.positive ?? 0) }));
}
