/**
 * What surveys give the features that work across all of them (../contributions.ts): named
 * responses, drafts and authorship for "My data" and erasure; closed surveys' words and stale
 * drafts for retention; the demo surveys.
 */
import { and, isNotNull, sql } from 'drizzle-orm';
import { cutoffDay, cutoffTime, removedMarker, show, type Contribution, type EraseContext } from '../contributions';
import { survey, surveyAnswer, surveyResponse } from '../db/schema';
import { removeWordsOf } from '../safeguarding';
import { deleteStaleDrafts } from './answering';
import { seedSurveysDemo } from './seed';
import { SURVEY_EVENTS } from './news';
import { needsYou } from './home';

const { iso, yes, text, num } = show;

/**
 * Named survey responses and their answers go. The running totals they were counted in come down
 * by the same amounts (as answering.ts `submit` counted them), so totals stay true. Their words
 * quoted in reports are handed on (`quotedWords`) for the reports step to blank.
 */
function eraseAnswers({ person, run, all, del, asDecided, quotedWords }: EraseContext): void {
	const id = person.id;
	const responses = all<{ id: string; submitted_on: string; respondent_group: string }>(
		'select id, submitted_on, respondent_group from survey_response where account_id = ?',
		id
	);
	for (const r of responses) {
		const answers = all<{ question_id: number; option_id: number | null; text: string | null; quoted: number }>(
			'select question_id, option_id, text, quoted from survey_answer where response_id = ?',
			r.id
		);
		const counted = [...new Set(answers.map((a) => a.question_id))].map((q) => [q, 0] as const);
		const options = answers.filter((a) => a.option_id !== null).map((a) => [a.question_id, a.option_id as number] as const);
		for (const [questionId, optionId] of [...counted, ...options]) {
			run(
				'update survey_tally set count = count - 1 where question_id = ? and option_id = ? and day = ? and respondent_group = ?',
				questionId,
				optionId,
				r.submitted_on,
				r.respondent_group
			);
			run(
				'update survey_tally_month set count = count - 1 where question_id = ? and option_id = ? and month = ? and respondent_group = ?',
				questionId,
				optionId,
				r.submitted_on.slice(0, 7),
				r.respondent_group
			);
		}
		for (const a of answers) if (a.quoted && a.text) quotedWords.add(a.text);
		del('survey_answer_theme', 'delete from survey_answer_theme where answer_id in (select id from survey_answer where response_id = ?)', r.id);
		del('survey_answer', 'delete from survey_answer where response_id = ?', r.id);
		del('survey_response', 'delete from survey_response where id = ?', r.id);
	}
	if (responses.length) {
		run('delete from survey_tally where count <= 0');
		run('delete from survey_tally_month where count <= 0');
	}
	asDecided('survey_draft.account_id', 'survey.created_by', 'survey_question_version.replaced_by');
}

export const contributes: Contribution = {
	feature: 'surveys',
	personalData: [
		{
			name: 'survey responses',
			table: 'survey_response',
			about: 'Surveys you answered with your name (not anonymous ones): which survey, the day you sent it, the language.',
			sql: `select r.id, s.title, r.submitted_on, r.locale, r.respondent_group from survey_response r join survey s on s.id = r.survey_id
			      where r.account_id = :me order by r.submitted_on, r.id`,
			show: { response: text('id'), survey: text('title'), 'sent on': text('submitted_on'), language: text('locale'), group: text('respondent_group') },
			personColumns: { 'survey_response.account_id': 'delete' }
		},
		{
			name: 'survey answers',
			table: 'survey_answer',
			about: 'Your answers in those surveys: the question and what you chose or wrote.',
			sql: `select a.response_id, qn.text as question, o.label as choice, a.text, a.quoted
			      from survey_answer a join survey_response r on r.id = a.response_id
			      join survey_question qn on qn.id = a.question_id left join survey_option o on o.id = a.option_id
			      where r.account_id = :me order by a.response_id, qn.position, a.id`,
			show: { response: text('response_id'), question: text('question'), 'you chose': text('choice'), 'you wrote': text('text'), 'quoted in reports': yes('quoted') }
			// no personColumns: the answers are reached through their response (survey_response.account_id, above) and erased with it
		},
		{
			name: 'unsent survey answers',
			table: 'survey_draft',
			about: 'Answers you saved in a survey with your name but have not sent yet.',
			sql: `select s.title, d.saved_on, d.locale, d.answers from survey_draft d join survey s on s.id = d.survey_id
			      where d.account_id = :me order by d.saved_on`,
			show: { survey: text('title'), 'saved on': text('saved_on'), language: text('locale'), answers: text('answers') },
			personColumns: { 'survey_draft.account_id': 'delete' }
		},
		{
			name: 'surveys you made',
			table: 'survey',
			about: 'Surveys you built.',
			sql: 'select title, created_at from survey where created_by = :me order by created_at',
			show: { survey: text('title'), 'made on': iso('created_at') },
			personColumns: { 'survey.created_by': 'unlink' }
		},
		{
			name: 'survey question changes you made',
			table: 'survey_question_version',
			about: 'Times you changed the words of a survey question after it was published.',
			sql: 'select question_id, version, replaced_at from survey_question_version where replaced_by = :me order by replaced_at',
			show: { question: num('question_id'), version: num('version'), 'changed on': iso('replaced_at') },
			personColumns: { 'survey_question_version.replaced_by': 'unlink' }
		}
	],

	erase: eraseAnswers,
	retention: {
		kinds: ['surveyTexts', 'flagTexts', 'drafts'],
		run: ({ tx, now, settings }) => {
			const counts = { surveyTexts: 0, flagTexts: 0, drafts: 0 };
			// Free text of surveys that closed more than N days ago. A survey's close is `closed_at`
			// when an organiser closed it; a published survey whose last day (`closes_on`) has passed
			// was never "closed" by hand, so its last day counts as its close.
			const days = settings.retainClosedSurveyTextDays;
			if (days > 0) {
				const expiredAnswers = sql`select ${surveyAnswer.id} from ${surveyAnswer}
					inner join ${surveyResponse} on ${surveyResponse.id} = ${surveyAnswer.responseId}
					inner join ${survey} on ${survey.id} = ${surveyResponse.surveyId}
					where ${survey.state} <> 'draft' and (
						(${survey.closedAt} is not null and ${survey.closedAt} < ${cutoffTime(now, days)})
						or (${survey.closedAt} is null and ${survey.closesOn} < ${cutoffDay(now, days)})
					)`;
				// Flags raised on those answers keep their review, categories and context, not the words.
				counts.flagTexts = removeWordsOf(tx, 'survey_answer', sql`select cast(id as text) from (${expiredAnswers})`, removedMarker(days));
				// The answer rows stay, with their text set to null: the response still counts as having
				// answered the question, its themes keep counting, and the tallies (kept apart) are
				// untouched. Only the words go, and with them the "quote" mark.
				counts.surveyTexts = tx
					.update(surveyAnswer)
					.set({ text: null, quoted: false })
					.where(and(isNotNull(surveyAnswer.text), sql`${surveyAnswer.id} in (${expiredAnswers})`))
					.run().changes;
			}
			// Unsent answers: the feature's own rule (60 days, or the survey closed), not a setting.
			counts.drafts = deleteStaleDrafts(tx, now);
			return counts;
		}
	},
	seed: (db, now) => {
		seedSurveysDemo(db, now);
	},
	// a survey opened or closed, to its audience's subscribers
	events: SURVEY_EVENTS,
	needsYou
};
