import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ABOUT_YOU, AUDIENCES, QUESTION_KINDS, RESPONDENT_GROUPS, SURVEY_STATES } from '../../features/surveys/model';
import { user } from '../accounts/schema';
import { service } from '../services/schema';
import { boolean, id, reference, timestamp } from '../db/columns';

/**
 * A survey. Its texts are written in English (the base language); `survey_translation` holds
 * the same texts in other languages. Calendar days are ISO dates "YYYY-MM-DD" in England.
 */
export const survey = sqliteTable('survey', {
	id: id(),
	title: text('title').notNull(),
	/** Easy-read introduction shown before the first question. */
	intro: text('intro').notNull().default(''),
	audience: text('audience', { enum: AUDIENCES }).notNull(),
	/** Anonymous (the default): responses hold no account, no IP, no time of day. */
	anonymous: boolean('anonymous').notNull().default(true),
	state: text('state', { enum: SURVEY_STATES }).notNull().default('draft'),
	opensOn: text('opens_on').notNull(),
	closesOn: text('closes_on'),
	createdBy: reference('created_by', () => user.id, 'set null'),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull(),
	publishedAt: timestamp('published_at'),
	closedAt: timestamp('closed_at')
});

/** Which services a survey is about: their leads read its results. */
export const surveyService = sqliteTable(
	'survey_service',
	{
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		serviceId: reference('service_id', () => service.id, 'restrict').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.surveyId, t.serviceId] }),
		// serves "surveys about the services I lead"
		index('survey_service_service_idx').on(t.serviceId)
	]
);

/** An image the forum holds a licence for, uploaded for a question or option (PNG or JPEG, metadata stripped). */
export const surveyImage = sqliteTable(
	'survey_image',
	{
		id: id(),
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		mime: text('mime', { enum: ['image/png', 'image/jpeg'] }).notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		width: integer('width').notNull(),
		height: integer('height').notNull(),
		alt: text('alt').notNull(),
		createdAt: timestamp('created_at').notNull()
	},
	(t) => [
		// serves the builder's list of a survey's images
		index('survey_image_survey_idx').on(t.surveyId)
	]
);

/** One question, in order. `version` counts wording changes made after publishing. */
export const surveyQuestion = sqliteTable(
	'survey_question',
	{
		id: id(),
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		position: integer('position').notNull(),
		kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
		text: text('text').notNull(),
		/** Optional "why we ask". */
		help: text('help').notNull().default(''),
		required: boolean('required').notNull().default(true),
		symbolId: text('symbol_id'),
		imageId: reference('image_id', () => surveyImage.id, 'set null'),
		/** The service this question is about, for results and standards. */
		serviceId: reference('service_id', () => service.id, 'set null'),
		/** The service standard it measures (standards arrive with reports). */
		standardId: integer('standard_id'),
		/** Set when the question came from the ready-made "about you" set. */
		aboutYou: text('about_you', { enum: ABOUT_YOU }),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		// serves loading a survey's questions in order
		index('survey_question_survey_idx').on(t.surveyId, t.position),
		// serves the board's report: the questions linked to each standard
		index('survey_question_standard_idx').on(t.standardId)
	]
);

/** An answer option of a choice question. `positive` marks answers that count as positive. */
export const surveyOption = sqliteTable(
	'survey_option',
	{
		id: id(),
		questionId: reference('question_id', () => surveyQuestion.id, 'cascade').notNull(),
		position: integer('position').notNull(),
		label: text('label').notNull(),
		symbolId: text('symbol_id'),
		imageId: reference('image_id', () => surveyImage.id, 'set null'),
		positive: boolean('positive').notNull().default(false),
		/** For "who is answering": the respondent group this answer puts a response in. */
		respondentGroup: text('respondent_group', { enum: RESPONDENT_GROUPS }),
		/**
		 * For an "about you" question that counts towards reach: the category key of
		 * features/reach/model.ts this answer counts as, whatever its words; null is not compared.
		 */
		category: text('category')
	},
	(t) => [
		// serves loading a question's options in order
		index('survey_option_question_idx').on(t.questionId, t.position)
	]
);

/** The wording a question had before each change made after publishing (answers were given to it). */
export const surveyQuestionVersion = sqliteTable(
	'survey_question_version',
	{
		questionId: reference('question_id', () => surveyQuestion.id, 'cascade').notNull(),
		version: integer('version').notNull(),
		/** JSON: { text, help, options: [{ id, label }] } as it was. */
		wording: text('wording').notNull(),
		replacedAt: timestamp('replaced_at').notNull(),
		replacedBy: reference('replaced_by', () => user.id, 'set null')
	},
	(t) => [primaryKey({ columns: [t.questionId, t.version] })]
);

/**
 * A survey text in another language. `key` names the text: "title", "intro",
 * "question.<id>.text", "question.<id>.help", "option.<id>.label", "image.<id>.alt".
 */
export const surveyTranslation = sqliteTable(
	'survey_translation',
	{
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		locale: text('locale').notNull(),
		key: text('key').notNull(),
		text: text('text').notNull()
	},
	(t) => [primaryKey({ columns: [t.surveyId, t.locale, t.key] })]
);

/**
 * Answers so far of a response not yet sent. Found by the hash of the resume token in the
 * respondent's link, or by the hash of the receipt code. Holds only the day it was last saved.
 */
export const surveyDraft = sqliteTable(
	'survey_draft',
	{
		tokenHash: text('token_hash').primaryKey(),
		receiptHash: text('receipt_hash').notNull(),
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		locale: text('locale').notNull(),
		/** JSON: { [questionId]: { options: number[], text: string } }. */
		answers: text('answers').notNull().default('{}'),
		/** Only for named surveys. */
		accountId: reference('account_id', () => user.id, 'cascade'),
		/** A paper response an organiser is typing in. */
		onBehalf: boolean('on_behalf').notNull().default(false),
		/** An organiser trying out a survey: never sent. */
		preview: boolean('preview').notNull().default(false),
		savedOn: text('saved_on').notNull()
	},
	(t) => [
		// serves "resume with my receipt code"
		uniqueIndex('survey_draft_receipt_idx').on(t.receiptHash),
		// serves clearing out old drafts
		index('survey_draft_saved_idx').on(t.savedOn)
	]
);

/**
 * A sent response. The id is random. `tokenHash` is unique: however often the same answers are
 * sent, one response is stored. Anonymous responses hold no account, and only the day.
 */
export const surveyResponse = sqliteTable(
	'survey_response',
	{
		id: text('id').primaryKey(),
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		tokenHash: text('token_hash').notNull(),
		receiptHash: text('receipt_hash').notNull(),
		accountId: reference('account_id', () => user.id, 'set null'),
		submittedOn: text('submitted_on').notNull(),
		locale: text('locale').notNull(),
		onBehalf: boolean('on_behalf').notNull().default(false),
		respondentGroup: text('respondent_group', { enum: RESPONDENT_GROUPS }).notNull()
	},
	(t) => [
		uniqueIndex('survey_response_token_idx').on(t.tokenHash),
		// serves "resume with my receipt code" after sending (shows the confirmation)
		index('survey_response_receipt_idx').on(t.receiptHash),
		// serves results, counts and the CSV export of a survey
		index('survey_response_survey_idx').on(t.surveyId, t.submittedOn),
		// serves the results page's language filter (the languages a survey was answered in)
		index('survey_response_survey_locale_idx').on(t.surveyId, t.locale)
	]
);

/** One answer: a chosen option (one row per option for "pick any") or a text. */
export const surveyAnswer = sqliteTable(
	'survey_answer',
	{
		id: id(),
		responseId: text('response_id')
			.notNull()
			.references(() => surveyResponse.id, { onDelete: 'cascade' }),
		questionId: reference('question_id', () => surveyQuestion.id, 'cascade').notNull(),
		optionId: reference('option_id', () => surveyOption.id, 'restrict'),
		text: text('text'),
		/** Marked by an organiser as a quote reports may use. */
		quoted: boolean('quoted').notNull().default(false)
	},
	(t) => [
		// serves the CSV export and a response's answers
		index('survey_answer_response_idx').on(t.responseId),
		// serves results filters ("responses that chose option X") and the "is this option answered" check
		index('survey_answer_question_option_idx').on(t.questionId, t.optionId),
		// serves the board report's "what families told us": the few answers marked as quotes
		index('survey_answer_quoted_idx').on(t.responseId).where(sql`${t.quoted} = 1`)
	]
);

/** Themes organisers tag free-text answers with. */
export const surveyTheme = sqliteTable(
	'survey_theme',
	{
		id: id(),
		surveyId: reference('survey_id', () => survey.id, 'cascade').notNull(),
		name: text('name').notNull()
	},
	(t) => [uniqueIndex('survey_theme_name_idx').on(t.surveyId, t.name)]
);

export const surveyAnswerTheme = sqliteTable(
	'survey_answer_theme',
	{
		answerId: reference('answer_id', () => surveyAnswer.id, 'cascade').notNull(),
		themeId: reference('theme_id', () => surveyTheme.id, 'cascade').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.answerId, t.themeId] }),
		// serves theme counts
		index('survey_answer_theme_theme_idx').on(t.themeId)
	]
);

/**
 * Running counts kept inside the submit transaction, so results and reports never scan the
 * answers. `optionId` 0 counts the responses that answered the question at all.
 */
export const surveyTally = sqliteTable(
	'survey_tally',
	{
		questionId: reference('question_id', () => surveyQuestion.id, 'cascade').notNull(),
		optionId: integer('option_id').notNull(),
		day: text('day').notNull(),
		respondentGroup: text('respondent_group', { enum: RESPONDENT_GROUPS }).notNull(),
		count: integer('count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.questionId, t.optionId, t.day, t.respondentGroup] }),
		// serves the board's report: one question's counts over a period, read from the index alone
		index('survey_tally_question_day_idx').on(t.questionId, t.day, t.optionId, t.respondentGroup, t.count)
	]
);

/**
 * The same running counts by calendar month ("YYYY-MM"), kept in the same submit transaction, so
 * a quarter's report reads three rows per answer instead of ninety. Reports add daily counts only
 * for the part-months at the edges of a custom period.
 */
export const surveyTallyMonth = sqliteTable(
	'survey_tally_month',
	{
		questionId: reference('question_id', () => surveyQuestion.id, 'cascade').notNull(),
		optionId: integer('option_id').notNull(),
		month: text('month').notNull(),
		respondentGroup: text('respondent_group', { enum: RESPONDENT_GROUPS }).notNull(),
		count: integer('count').notNull()
	},
	// the primary key serves the report: one question's months, read in order
	(t) => [primaryKey({ columns: [t.questionId, t.month, t.optionId, t.respondentGroup] })]
);

export type Survey = typeof survey.$inferSelect;
export type SurveyQuestion = typeof surveyQuestion.$inferSelect;
export type SurveyOption = typeof surveyOption.$inferSelect;
export type SurveyResponse = typeof surveyResponse.$inferSelect;
