/**
 * Building surveys: details, questions, options, order, publishing, closing, duplicating,
 * translations and images. Every function pages call takes the actor and checks
 * `surveys.manage` itself; `surveyWithServices` and `questionRows` read without an actor for the
 * feature's own modules (results check `surveys.results` before using them).
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import * as outbox from '../outbox';
import { SURVEY_CLOSED, SURVEY_PUBLISHED } from './news';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { londonDate } from '$lib/time';
import { isSymbolId } from '$lib/symbols/catalogue';
import {
	ABOUT_YOU_QUESTIONS,
	FIXED_OPTIONS,
	hasFixedOptions,
	isChoiceKind,
	type AboutYou,
	type QuestionKind,
	type RespondentGroup,
	type SurveyInput,
	type QuestionInput
} from '$lib/features/surveys/model';
import { writeTransaction, type Db } from '../db';
import { nextPosition, renumber, swapWithNeighbour } from '../db/ordering';
import {
	service,
	serviceLead,
	survey,
	surveyAnswer,
	surveyDraft,
	surveyImage,
	surveyOption,
	surveyQuestion,
	surveyQuestionVersion,
	surveyResponse,
	surveyService,
	surveyTranslation,
	type Survey,
	type SurveyOption,
	type SurveyQuestion
} from '../db/schema';
import { can, type Actor } from '../permissions';
import * as services from '../services';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import { sanitiseImage } from '../images';

export type { SurveyInput, OptionInput, QuestionInput } from '$lib/features/surveys/model';

export type QuestionWithOptions = SurveyQuestion & { options: SurveyOption[] };
export type SurveyWithServices = Survey & { serviceIds: number[] };

function mustManage(actor: Actor): asserts actor is NonNullable<Actor> {
	if (!can(actor, 'surveys.manage')) throw new ForbiddenError();
}

function findSurvey(db: Db, id: number): Survey {
	const row = db.select().from(survey).where(eq(survey.id, id)).get();
	if (!row) throw new NotFoundError('survey_not_found');
	return row;
}

function findQuestion(db: Db, id: number): SurveyQuestion {
	const row = db.select().from(surveyQuestion).where(eq(surveyQuestion.id, id)).get();
	if (!row) throw new NotFoundError('question_not_found');
	return row;
}

function checkServices(db: Db, ids: number[]): number[] {
	const unique = [...new Set(ids)];
	if (!unique.length) return unique;
	const found = db.select({ id: service.id }).from(service).where(inArray(service.id, unique)).all();
	if (found.length !== unique.length) throw new ValidationError('service_not_found');
	return unique;
}

function checkSymbol(id: string | null): string | null {
	if (!id) return null;
	if (!isSymbolId(id)) throw new ValidationError('symbol_not_found');
	return id;
}

function checkImage(db: Db, surveyId: number, id: number | null): number | null {
	if (id === null) return null;
	const row = db.select({ surveyId: surveyImage.surveyId }).from(surveyImage).where(eq(surveyImage.id, id)).get();
	if (!row || row.surveyId !== surveyId) throw new ValidationError('image_not_found');
	return id;
}

function surveyValues(input: SurveyInput) {
	if (input.closesOn && input.closesOn < input.opensOn) throw new ValidationError('closes_before_opens');
	return {
		title: input.title.trim(),
		intro: input.intro.trim(),
		audience: input.audience,
		anonymous: input.anonymous,
		opensOn: input.opensOn,
		closesOn: input.closesOn || null
	};
}

function touch(db: Db, surveyId: number, now: Date) {
	db.update(survey).set({ updatedAt: now }).where(eq(survey.id, surveyId)).run();
}

/** Whether any sent response exists for the survey (then its questions are protected). */
function hasResponses(db: Db, surveyId: number): boolean {
	return !!db.select({ id: surveyResponse.id }).from(surveyResponse).where(eq(surveyResponse.surveyId, surveyId)).limit(1).get();
}

/**
 * Whether anyone has started answering: a sent response, or a draft a respondent started or an
 * organiser is typing in from paper. Organisers' previews do not count: they are never sent and
 * hold nobody's answers, and previewing must not stop an organiser changing their mind.
 */
function answeringStarted(db: Db, surveyId: number): boolean {
	if (hasResponses(db, surveyId)) return true;
	return !!db
		.select({ surveyId: surveyDraft.surveyId })
		.from(surveyDraft)
		.where(and(eq(surveyDraft.surveyId, surveyId), eq(surveyDraft.preview, false)))
		.limit(1)
		.get();
}

/** What the new survey form offers an organiser: the live services a survey may be about. Throws ForbiddenError. */
export function newSurveyChoices(db: Db, actor: Actor): { services: { id: number; name: string }[] } {
	if (!can(actor, 'surveys.manage')) throw new ForbiddenError();
	return { services: services.list(db).map((s) => ({ id: s.id, name: s.name })) };
}

/** Creates a draft survey. Returns its id. Throws ForbiddenError, ValidationError. */
export function create(db: Db, actor: Actor, input: SurveyInput, now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		const serviceIds = checkServices(tx, input.serviceIds);
		const { id } = tx
			.insert(survey)
			.values({ ...surveyValues(input), state: 'draft', createdBy: actor.id, createdAt: now, updatedAt: now })
			.returning({ id: survey.id })
			.get();
		if (serviceIds.length) tx.insert(surveyService).values(serviceIds.map((serviceId) => ({ surveyId: id, serviceId }))).run();
		audit.record(tx, { actorId: actor.id, action: 'survey.created', subjectType: 'survey', subjectId: id, at: now });
		return id;
	});
}

/**
 * Changes a survey's details. Once anyone has started answering (a draft, not only a sent
 * response) the survey cannot switch between anonymous and named: that would change the promise
 * made to people who began under the other one. The check and the change are one immediate
 * transaction, and `start` reads the survey and writes its draft in one too, so a draft can never
 * slip in between. Throws ForbiddenError, NotFoundError, ValidationError, ConflictError.
 */
export function update(db: Db, actor: Actor, id: number, input: SurveyInput, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const before = findSurvey(tx, id);
		const values = surveyValues(input);
		if (values.anonymous !== before.anonymous && answeringStarted(tx, id)) throw new ConflictError('anonymity_fixed');
		const serviceIds = checkServices(tx, input.serviceIds);
		tx.update(survey).set({ ...values, updatedAt: now }).where(eq(survey.id, id)).run();
		tx.delete(surveyService).where(eq(surveyService.surveyId, id)).run();
		if (serviceIds.length) tx.insert(surveyService).values(serviceIds.map((serviceId) => ({ surveyId: id, serviceId }))).run();
		audit.record(tx, { actorId: actor.id, action: 'survey.updated', subjectType: 'survey', subjectId: id, at: now });
	});
}

/**
 * A survey with the ids of the services it is about, without checking who asks: for the surveys
 * feature's own modules, after their own check. Pages use `get`. Throws NotFoundError.
 */
export function surveyWithServices(db: Db, id: number): SurveyWithServices {
	const row = findSurvey(db, id);
	const serviceIds = db
		.select({ id: surveyService.serviceId })
		.from(surveyService)
		.where(eq(surveyService.surveyId, id))
		.all()
		.map((r) => r.id);
	return { ...row, serviceIds };
}

/** A survey, for those who build surveys. Throws ForbiddenError, NotFoundError. */
export function get(db: Db, actor: Actor, id: number): SurveyWithServices {
	mustManage(actor);
	return surveyWithServices(db, id);
}

/** A survey's questions in order, for those who build surveys. Throws ForbiddenError. */
export function questionsOf(db: Db, actor: Actor, surveyId: number): QuestionWithOptions[] {
	mustManage(actor);
	return questionRows(db, surveyId);
}

/**
 * What the builder's page shows of a survey: its details, its questions, how many responses it
 * has, whether it can still switch between anonymous and named, and why it cannot be published
 * yet. Throws ForbiddenError, NotFoundError.
 */
export function builderView(db: Db, actor: Actor, id: number) {
	const survey = get(db, actor, id);
	return {
		survey,
		questions: questionRows(db, id),
		responses: withCounts(db, [survey])[0].responses,
		anonymityFixed: answeringStarted(db, id),
		problems: survey.state === 'published' ? [] : publishProblems(db, id)
	};
}

/**
 * A survey's questions in order, each with its options in order, without checking who asks: for
 * the surveys feature's own modules, after their own check. Pages use `questionsOf`.
 */
export function questionRows(db: Db, surveyId: number): QuestionWithOptions[] {
	const questions = db
		.select()
		.from(surveyQuestion)
		.where(eq(surveyQuestion.surveyId, surveyId))
		.orderBy(asc(surveyQuestion.position))
		.all();
	if (!questions.length) return [];
	const options = db
		.select()
		.from(surveyOption)
		.where(
			inArray(
				surveyOption.questionId,
				questions.map((q) => q.id)
			)
		)
		.orderBy(asc(surveyOption.position))
		.all();
	return questions.map((q) => ({ ...q, options: options.filter((o) => o.questionId === q.id) }));
}

export type SurveyListEntry = Survey & { responses: number; questions: number };

/** Every survey for the organisers' list, newest first, with response and question counts. */
export function listForManagers(db: Db, actor: Actor): SurveyListEntry[] {
	mustManage(actor);
	const rows = db.select().from(survey).orderBy(desc(survey.createdAt), desc(survey.id)).all();
	return withCounts(db, rows);
}

/**
 * The surveys a person may see in the organisers' area: every survey for those who build them,
 * and for a service lead the surveys about a service they lead. Throws ForbiddenError.
 */
export function listForActor(db: Db, actor: Actor): SurveyListEntry[] {
	if (can(actor, 'surveys.manage')) return listForManagers(db, actor);
	if (!can(actor, 'surveys.track')) throw new ForbiddenError();
	const led = db
		.select({ serviceId: serviceLead.serviceId })
		.from(serviceLead)
		.where(eq(serviceLead.userId, actor!.id))
		.all()
		.map((r) => r.serviceId);
	if (!led.length) return [];
	const rows = db
		.selectDistinct({ survey })
		.from(survey)
		.innerJoin(surveyService, eq(surveyService.surveyId, survey.id))
		.where(inArray(surveyService.serviceId, led))
		.orderBy(desc(survey.createdAt), desc(survey.id))
		.all()
		.map((r) => r.survey);
	return withCounts(db, rows);
}

/** How many rows of `table` each of these surveys has, by its survey id `column` (none: no entry). */
function countPerSurvey(db: Db, table: SQLiteTable, column: SQLiteColumn, ids: number[]): Map<number, number> {
	const rows = db
		.select({ id: sql<number>`${column}`, n: count() })
		.from(table)
		.where(inArray(column, ids))
		.groupBy(column)
		.all();
	return new Map(rows.map((r) => [r.id, r.n]));
}

/** Counts of sent responses and questions for some surveys. */
function withCounts(db: Db, rows: Survey[]): SurveyListEntry[] {
	if (!rows.length) return [];
	const ids = rows.map((r) => r.id);
	const responses = countPerSurvey(db, surveyResponse, surveyResponse.surveyId, ids);
	const questions = countPerSurvey(db, surveyQuestion, surveyQuestion.surveyId, ids);
	return rows.map((r) => ({ ...r, responses: responses.get(r.id) ?? 0, questions: questions.get(r.id) ?? 0 }));
}

/** Published surveys open for answers today, soonest closing first (the public list). */
export function listOpen(db: Db, today = londonDate()): Survey[] {
	return db
		.select()
		.from(survey)
		.where(
			and(
				eq(survey.state, 'published'),
				sql`${survey.opensOn} <= ${today}`,
				sql`(${survey.closesOn} is null or ${survey.closesOn} >= ${today})`
			)
		)
		.orderBy(sql`coalesce(${survey.closesOn}, '9999-12-31')`, asc(survey.title))
		.all();
}

/** A survey's questions, as a list in order. */
const questionList = (surveyId: number) => ({ table: surveyQuestion, id: surveyQuestion.id, position: surveyQuestion.position, list: eq(surveyQuestion.surveyId, surveyId) });

function insertOptions(
	db: Db,
	questionId: number,
	options: readonly { label: string; symbolId: string | null; imageId?: number | null; positive: boolean; group?: RespondentGroup; category?: string }[]
) {
	if (!options.length) return;
	db.insert(surveyOption)
		.values(
			options.map((o, i) => ({
				questionId,
				position: i + 1,
				label: o.label,
				symbolId: o.symbolId,
				imageId: o.imageId ?? null,
				positive: o.positive,
				respondentGroup: o.group ?? null,
				category: o.category ?? null
			}))
		)
		.run();
}

/**
 * Adds a question at the end. Smiley and yes / no questions start with their usual answers
 * (with words and symbols); "pick" questions start with no options. Returns its id.
 * Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function addQuestion(db: Db, actor: Actor, surveyId: number, kind: QuestionKind, text: string, now = new Date()): number {
	mustManage(actor);
	if (!text.trim()) throw new ValidationError('question_text_required');
	return writeTransaction(db, (tx) => {
		findSurvey(tx, surveyId);
		const { id } = tx
			.insert(surveyQuestion)
			.values({ surveyId, position: nextPosition(tx, questionList(surveyId)), kind, text: text.trim() })
			.returning({ id: surveyQuestion.id })
			.get();
		insertOptions(tx, id, FIXED_OPTIONS[kind] ?? []);
		touch(tx, surveyId, now);
		audit.record(tx, { actorId: actor.id, action: 'survey.question_added', subjectType: 'survey', subjectId: surveyId, details: { questionId: id, kind }, at: now });
		return id;
	});
}

/**
 * Adds a ready-made "about you" question (optional, with "Prefer not to say"). A survey holds
 * each one once. Returns its id. Throws ForbiddenError, NotFoundError, ConflictError.
 */
export function addAboutYou(db: Db, actor: Actor, surveyId: number, which: AboutYou, now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		findSurvey(tx, surveyId);
		const exists = tx
			.select({ id: surveyQuestion.id })
			.from(surveyQuestion)
			.where(and(eq(surveyQuestion.surveyId, surveyId), eq(surveyQuestion.aboutYou, which)))
			.get();
		if (exists) throw new ConflictError('about_you_exists');
		const template = ABOUT_YOU_QUESTIONS[which];
		const { id } = tx
			.insert(surveyQuestion)
			.values({
				surveyId,
				position: nextPosition(tx, questionList(surveyId)),
				kind: 'pick_one',
				text: template.text,
				help: template.help,
				required: false,
				aboutYou: which
			})
			.returning({ id: surveyQuestion.id })
			.get();
		insertOptions(tx, id, template.options);
		touch(tx, surveyId, now);
		audit.record(tx, { actorId: actor.id, action: 'survey.question_added', subjectType: 'survey', subjectId: surveyId, details: { questionId: id, aboutYou: which }, at: now });
		return id;
	});
}

/** A question with its options. Throws ForbiddenError, NotFoundError. */
export function getQuestion(db: Db, actor: Actor, questionId: number): QuestionWithOptions {
	mustManage(actor);
	const question = findQuestion(db, questionId);
	const options = db.select().from(surveyOption).where(eq(surveyOption.questionId, questionId)).orderBy(asc(surveyOption.position)).all();
	return { ...question, options };
}

function answeredOptionIds(db: Db, questionId: number): Set<number> {
	return new Set(
		db
			.selectDistinct({ id: surveyAnswer.optionId })
			.from(surveyAnswer)
			.where(and(eq(surveyAnswer.questionId, questionId), sql`${surveyAnswer.optionId} is not null`))
			.all()
			.map((r) => r.id!)
	);
}

function wordingOf(question: SurveyQuestion, options: SurveyOption[]) {
	return { text: question.text, help: question.help, options: options.map((o) => ({ id: o.id, label: o.label })) };
}

/**
 * Changes a question: wording, help, required, symbol or image, service, and its options
 * (their words, symbols, which count as positive, order; "pick" questions may add and remove).
 * Once the survey has answers, a change of wording keeps the old wording as a version, and an
 * option somebody chose cannot be removed. Throws ForbiddenError, NotFoundError,
 * ValidationError, ConflictError.
 */
export function updateQuestion(db: Db, actor: Actor, questionId: number, input: QuestionInput, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const question = findQuestion(tx, questionId);
		const surveyId = question.surveyId;
		const text = input.text.trim();
		if (!text) throw new ValidationError('question_text_required');
		const before = tx.select().from(surveyOption).where(eq(surveyOption.questionId, questionId)).orderBy(asc(surveyOption.position)).all();
		const beforeIds = new Set(before.map((o) => o.id));
		const options = isChoiceKind(question.kind) ? input.options : [];
		for (const o of options) {
			if (o.id !== undefined && !beforeIds.has(o.id)) throw new ValidationError('option_not_found');
			if (!o.label.trim()) throw new ValidationError('option_label_required');
			checkSymbol(o.symbolId);
			checkImage(tx, surveyId, o.imageId);
		}
		const kept = new Set(options.flatMap((o) => (o.id === undefined ? [] : [o.id])));
		const removed = before.filter((o) => !kept.has(o.id));
		const added = options.filter((o) => o.id === undefined);
		if (hasFixedOptions(question.kind) && (removed.length || added.length)) throw new ValidationError('options_fixed');
		const answered = answeredOptionIds(tx, questionId);
		if (removed.some((o) => answered.has(o.id))) throw new ConflictError('option_answered');

		const answers = hasResponses(tx, surveyId);
		const reworded =
			text !== question.text ||
			input.help.trim() !== question.help ||
			options.some((o) => o.id !== undefined && before.find((b) => b.id === o.id)!.label !== o.label.trim());
		let version = question.version;
		if (answers && reworded) {
			// People answered the old words: keep them, so results can say what was asked.
			tx.insert(surveyQuestionVersion)
				.values({ questionId, version, wording: JSON.stringify(wordingOf(question, before)), replacedAt: now, replacedBy: actor.id })
				.run();
			version += 1;
		}
		tx.update(surveyQuestion)
			.set({
				text,
				help: input.help.trim(),
				required: input.required,
				symbolId: checkSymbol(input.symbolId),
				imageId: checkImage(tx, surveyId, input.imageId),
				serviceId: input.serviceId === null ? null : checkServices(tx, [input.serviceId])[0],
				version
			})
			.where(eq(surveyQuestion.id, questionId))
			.run();
		if (removed.length)
			tx.delete(surveyOption)
				.where(
					inArray(
						surveyOption.id,
						removed.map((o) => o.id)
					)
				)
				.run();
		options.forEach((o, i) => {
			const values = { position: i + 1, label: o.label.trim(), symbolId: o.symbolId || null, imageId: o.imageId, positive: o.positive };
			if (o.id === undefined) tx.insert(surveyOption).values({ questionId, ...values }).run();
			else tx.update(surveyOption).set(values).where(eq(surveyOption.id, o.id)).run();
		});
		touch(tx, surveyId, now);
		audit.record(tx, {
			actorId: actor.id,
			action: 'survey.question_updated',
			subjectType: 'survey',
			subjectId: surveyId,
			details: { questionId, version },
			at: now
		});
	});
}

/** Earlier wordings of a question, newest first. Throws ForbiddenError. */
export function questionVersions(db: Db, actor: Actor, questionId: number) {
	mustManage(actor);
	return db
		.select()
		.from(surveyQuestionVersion)
		.where(eq(surveyQuestionVersion.questionId, questionId))
		.orderBy(desc(surveyQuestionVersion.version))
		.all()
		.map((v) => ({ ...v, wording: JSON.parse(v.wording) as ReturnType<typeof wordingOf> }));
}

/** Removes a question nobody has answered. Throws ForbiddenError, NotFoundError, ConflictError. */
export function removeQuestion(db: Db, actor: Actor, questionId: number, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const question = findQuestion(tx, questionId);
		const answered = tx.select({ id: surveyAnswer.id }).from(surveyAnswer).where(eq(surveyAnswer.questionId, questionId)).limit(1).get();
		if (answered) throw new ConflictError('question_answered');
		tx.delete(surveyQuestion).where(eq(surveyQuestion.id, questionId)).run();
		tx.delete(surveyTranslation)
			.where(and(eq(surveyTranslation.surveyId, question.surveyId), sql`${surveyTranslation.key} like ${`question.${questionId}.%`}`))
			.run();
		renumber(tx, questionList(question.surveyId));
		touch(tx, question.surveyId, now);
		audit.record(tx, { actorId: actor.id, action: 'survey.question_removed', subjectType: 'survey', subjectId: question.surveyId, details: { questionId }, at: now });
	});
}


/**
 * Moves a question one place up or down (swaps it with its neighbour; at either end it stays).
 * Throws ForbiddenError, NotFoundError.
 */
export function moveQuestion(db: Db, actor: Actor, questionId: number, direction: 'up' | 'down', now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const question = findQuestion(tx, questionId);
		if (swapWithNeighbour(tx, questionList(question.surveyId), question, direction)) touch(tx, question.surveyId, now);
	});
}

/** Why a survey cannot be published yet, as problem codes with the question they are about. */
function publishProblems(db: Db, surveyId: number, today = londonDate()): { code: string; questionId?: number }[] {
	const s = findSurvey(db, surveyId);
	const problems: { code: string; questionId?: number }[] = [];
	const questions = questionRows(db, surveyId);
	if (!questions.length) problems.push({ code: 'no_questions' });
	for (const q of questions) {
		if (isChoiceKind(q.kind) && q.options.length < 2) problems.push({ code: 'too_few_options', questionId: q.id });
	}
	if (s.closesOn && s.closesOn < today) problems.push({ code: 'closes_in_past' });
	return problems;
}

/**
 * Publishes a draft (or reopens a closed survey): people with the link can answer between its
 * dates. Throws ForbiddenError, NotFoundError, ValidationError (with the first problem's code).
 */
export function publish(db: Db, actor: Actor, id: number, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const s = findSurvey(tx, id);
		if (s.state === 'published') return;
		const problems = publishProblems(tx, id, londonDate(now));
		if (problems.length) throw new ValidationError(problems[0].code);
		tx.update(survey)
			.set({ state: 'published', publishedAt: s.publishedAt ?? now, closedAt: null, updatedAt: now })
			.where(eq(survey.id, id))
			.run();
		// a first publishing is news to its subscribers (a reopening is not announced again)
		if (s.state === 'draft') outbox.emit(tx, SURVEY_PUBLISHED, id, now);
		audit.record(tx, { actorId: actor.id, action: s.state === 'closed' ? 'survey.reopened' : 'survey.published', subjectType: 'survey', subjectId: id, at: now });
	});
}

/** Closes a published survey: it takes no more answers. Throws ForbiddenError, NotFoundError, ConflictError. */
export function close(db: Db, actor: Actor, id: number, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const s = findSurvey(tx, id);
		if (s.state === 'closed') return;
		if (s.state !== 'published') throw new ConflictError('not_published');
		tx.update(survey).set({ state: 'closed', closedAt: now, updatedAt: now }).where(eq(survey.id, id)).run();
		outbox.emit(tx, SURVEY_CLOSED, id, now);
		audit.record(tx, { actorId: actor.id, action: 'survey.closed', subjectType: 'survey', subjectId: id, at: now });
	});
}

/**
 * Copies a survey as a new draft: details, services, questions, options, images and
 * translations; never responses. Returns the new id. Throws ForbiddenError, NotFoundError.
 */
export function duplicate(db: Db, actor: Actor, id: number, now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		const s = surveyWithServices(tx, id);
		const { id: copyId } = tx
			.insert(survey)
			.values({
				title: `${s.title} (copy)`,
				intro: s.intro,
				audience: s.audience,
				anonymous: s.anonymous,
				state: 'draft',
				opensOn: londonDate(now),
				closesOn: null,
				createdBy: actor.id,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: survey.id })
			.get();
		if (s.serviceIds.length) tx.insert(surveyService).values(s.serviceIds.map((serviceId) => ({ surveyId: copyId, serviceId }))).run();
		const images = new Map<number, number>();
		for (const image of tx.select().from(surveyImage).where(eq(surveyImage.surveyId, id)).all()) {
			const { id: _old, ...rest } = image;
			images.set(_old, tx.insert(surveyImage).values({ ...rest, surveyId: copyId, createdAt: now }).returning({ id: surveyImage.id }).get().id);
		}
		const mapImage = (imageId: number | null) => (imageId === null ? null : (images.get(imageId) ?? null));
		const keys = new Map<string, string>([
			['title', 'title'],
			['intro', 'intro']
		]);
		for (const [oldId, newId] of images) keys.set(`image.${oldId}.alt`, `image.${newId}.alt`);
		for (const q of questionRows(tx, id)) {
			const { id: oldQ, options, ...rest } = q;
			const newQ = tx
				.insert(surveyQuestion)
				.values({ ...rest, surveyId: copyId, imageId: mapImage(q.imageId), version: 1 })
				.returning({ id: surveyQuestion.id })
				.get().id;
			keys.set(`question.${oldQ}.text`, `question.${newQ}.text`);
			keys.set(`question.${oldQ}.help`, `question.${newQ}.help`);
			for (const o of options) {
				const { id: oldO, ...orest } = o;
				const newO = tx
					.insert(surveyOption)
					.values({ ...orest, questionId: newQ, imageId: mapImage(o.imageId) })
					.returning({ id: surveyOption.id })
					.get().id;
				keys.set(`option.${oldO}.label`, `option.${newO}.label`);
			}
		}
		const translations = tx.select().from(surveyTranslation).where(eq(surveyTranslation.surveyId, id)).all();
		const copied = translations.flatMap((t) => {
			const key = keys.get(t.key);
			return key ? [{ surveyId: copyId, locale: t.locale, key, text: t.text }] : [];
		});
		if (copied.length) tx.insert(surveyTranslation).values(copied).run();
		audit.record(tx, { actorId: actor.id, action: 'survey.duplicated', subjectType: 'survey', subjectId: copyId, details: { from: id }, at: now });
		return copyId;
	});
}

/** One text of a survey that can be translated: its key, what it is, and the English. */
export type TranslatableText = { key: string; kind: 'title' | 'intro' | 'question' | 'help' | 'option' | 'alt'; english: string };

/** Every text of a survey a translation must cover, in reading order, for those who build surveys. Throws ForbiddenError, NotFoundError. */
export function translatableTexts(db: Db, actor: Actor, surveyId: number): TranslatableText[] {
	mustManage(actor);
	return textsOf(db, surveyId);
}

function textsOf(db: Db, surveyId: number): TranslatableText[] {
	const s = findSurvey(db, surveyId);
	const texts: TranslatableText[] = [{ key: 'title', kind: 'title', english: s.title }];
	if (s.intro) texts.push({ key: 'intro', kind: 'intro', english: s.intro });
	for (const q of questionRows(db, surveyId)) {
		texts.push({ key: `question.${q.id}.text`, kind: 'question', english: q.text });
		if (q.help) texts.push({ key: `question.${q.id}.help`, kind: 'help', english: q.help });
		for (const o of q.options) texts.push({ key: `option.${o.id}.label`, kind: 'option', english: o.label });
	}
	for (const image of db.select({ id: surveyImage.id, alt: surveyImage.alt }).from(surveyImage).where(eq(surveyImage.surveyId, surveyId)).all())
		texts.push({ key: `image.${image.id}.alt`, kind: 'alt', english: image.alt });
	return texts;
}

/** A survey's translations into one language, by key, for those who build surveys. Throws ForbiddenError. */
export function translationsOf(db: Db, actor: Actor, surveyId: number, locale: string): Map<string, string> {
	mustManage(actor);
	return new Map(
		db
			.select({ key: surveyTranslation.key, text: surveyTranslation.text })
			.from(surveyTranslation)
			.where(and(eq(surveyTranslation.surveyId, surveyId), eq(surveyTranslation.locale, locale)))
			.all()
			.map((r) => [r.key, r.text])
	);
}

/**
 * Languages a survey can be answered in: English, and each language in which every text is
 * translated. A partly translated language is not offered: people would meet English halfway.
 * Public: the answering pages offer these languages to anyone.
 */
export function completeLocales(db: Db, surveyId: number): string[] {
	const keys = textsOf(db, surveyId).map((t) => t.key);
	const rows = db
		.select({ locale: surveyTranslation.locale, key: surveyTranslation.key })
		.from(surveyTranslation)
		.where(eq(surveyTranslation.surveyId, surveyId))
		.all();
	const byLocale = new Map<string, Set<string>>();
	for (const r of rows) {
		if (!byLocale.has(r.locale)) byLocale.set(r.locale, new Set());
		byLocale.get(r.locale)!.add(r.key);
	}
	const complete = [...byLocale].filter(([, have]) => keys.every((k) => have.has(k))).map(([locale]) => locale);
	return ['en', ...complete.filter((l) => l !== 'en').sort()];
}

/**
 * Saves a translation of a survey's texts. Empty texts remove that translation. Keys that are
 * not texts of this survey are refused. Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function saveTranslation(db: Db, actor: Actor, surveyId: number, locale: string, texts: Record<string, string>, now = new Date()): void {
	mustManage(actor);
	if (locale === 'en' || !/^[a-z]{2,3}$/.test(locale)) throw new ValidationError('locale_invalid');
	writeTransaction(db, (tx) => {
		const valid = new Set(textsOf(tx, surveyId).map((t) => t.key));
		for (const key of Object.keys(texts)) if (!valid.has(key)) throw new ValidationError('translation_key_invalid');
		tx.delete(surveyTranslation).where(and(eq(surveyTranslation.surveyId, surveyId), eq(surveyTranslation.locale, locale))).run();
		const rows = Object.entries(texts)
			.map(([key, text]) => ({ surveyId, locale, key, text: text.trim() }))
			.filter((r) => r.text);
		if (rows.length) tx.insert(surveyTranslation).values(rows).run();
		touch(tx, surveyId, now);
		audit.record(tx, { actorId: actor.id, action: 'survey.translated', subjectType: 'survey', subjectId: surveyId, details: { locale, texts: rows.length }, at: now });
	});
}

/**
 * Stores an uploaded image (PNG or JPEG only, checked by its bytes; drawn anew, so no metadata) with
 * its alt text. Returns its id. Throws ForbiddenError, NotFoundError, ValidationError.
 */
export async function addImage(db: Db, actor: Actor, surveyId: number, bytes: Uint8Array, alt: string, now = new Date()): Promise<number> {
	mustManage(actor);
	if (!alt.trim()) throw new ValidationError('alt_required');
	const clean = await sanitiseImage(bytes);
	return writeTransaction(db, (tx) => {
		findSurvey(tx, surveyId);
		const { id } = tx
			.insert(surveyImage)
			.values({ surveyId, mime: clean.mime, bytes: Buffer.from(clean.bytes), width: clean.width, height: clean.height, alt: alt.trim(), createdAt: now })
			.returning({ id: surveyImage.id })
			.get();
		audit.record(tx, { actorId: actor.id, action: 'survey.image_added', subjectType: 'survey', subjectId: surveyId, details: { imageId: id }, at: now });
		return id;
	});
}

/** A survey's images (without their bytes), for the builder. Throws ForbiddenError. */
export function imagesOf(db: Db, actor: Actor, surveyId: number) {
	mustManage(actor);
	return db
		.select({ id: surveyImage.id, alt: surveyImage.alt, width: surveyImage.width, height: surveyImage.height })
		.from(surveyImage)
		.where(eq(surveyImage.surveyId, surveyId))
		.orderBy(asc(surveyImage.id))
		.all();
}

/**
 * An image's bytes for serving: anyone may see images of a published or closed survey;
 * a draft's images only those who build surveys. Throws NotFoundError.
 */
export function imageFile(db: Db, actor: Actor, imageId: number) {
	const row = db
		.select({ mime: surveyImage.mime, bytes: surveyImage.bytes, state: survey.state })
		.from(surveyImage)
		.innerJoin(survey, eq(survey.id, surveyImage.surveyId))
		.where(eq(surveyImage.id, imageId))
		.get();
	if (!row || (row.state === 'draft' && !can(actor, 'surveys.manage'))) throw new NotFoundError('image_not_found');
	return { mime: row.mime, bytes: row.bytes };
}
