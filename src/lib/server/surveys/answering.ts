/**
 * Answering a survey: the questions in the respondent's language, answers kept in a draft
 * between pages (found by the secret token in the respondent's link), and sending exactly once.
 *
 * These run on every answering page and every submission, so their queries are prepared once
 * per database (see `prepared`).
 *
 * Anonymous means no account, no address and no time of day, and also no order: every row a
 * response writes (the draft, the response, its answers, the tallies) gets a random id or hidden
 * rowid, never the next number. Numbered rows would let anyone holding the database place an
 * anonymous answer between named ones (a named answer, a flag on one) and so near a person.
 * `src/lib/server/audit/anonymity.spec.ts` tries exactly that.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { DAY_MS, londonDate, secondsUntilTomorrow } from '$lib/time';
import { asksWhich, isOpenOn, type RespondentGroup } from '$lib/features/surveys/model';
import { generateToken, hashToken, unorderedId, unorderedRowid } from '../auth/tokens';
import { takeTry, trySucceeded } from '../auth/throttle';
import { oncePerDb, writeTransaction, type Db } from '../db';
import {
	survey,
	surveyAnswer,
	surveyDraft,
	surveyImage,
	surveyOption,
	surveyQuestion,
	surveyResponse,
	surveyTranslation,
	type Survey,
	type SurveyOption,
	type SurveyQuestion
} from '../db/schema';
import { can, type Actor } from '../permissions';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { checkAnswer, type AnswerProblem, type DraftAnswer } from './answers';
import { completeLocales } from './builder';
import * as safeguarding from '../safeguarding';
import { DRAFTS_PER_SURVEY_PER_DAY, surveyLimits } from './limits';
import { happened } from '../happenings';

/** Thrown when a named survey is opened by someone not signed in: the page sends them to sign in. */
export class SignInNeededError extends DomainError {
	override readonly status = 401;
	constructor() {
		super('sign_in_needed');
	}
}

/** A survey that does not take answers today: the page explains, with the dates. */
export class SurveyClosedError extends DomainError {
	override readonly status = 410;
	/** `today`: the day asked about (the caller's `now`), so the code agrees with the check that failed. */
	constructor(
		readonly survey: Survey,
		today = londonDate()
	) {
		super(survey.state === 'published' && survey.opensOn > today ? 'not_open_yet' : 'survey_closed');
	}
}

export type ImageRef = { id: number; alt: string };
/**
 * `category`: the reach category the option counts as (for the language question, its name in the
 * language's own words beside it); `asksWhich`: choosing it takes a typed name too.
 */
export type AnsweringOption = { id: number; label: string; symbolId: string | null; image: ImageRef | null; category: string | null; asksWhich: boolean };
export type AnsweringQuestion = Pick<SurveyQuestion, 'id' | 'kind' | 'required' | 'symbolId' | 'aboutYou'> & {
	text: string;
	help: string;
	image: ImageRef | null;
	options: AnsweringOption[];
};
export type AnsweringSurvey = Survey & { questions: AnsweringQuestion[]; locale: string };

const q = oncePerDb(prepare);
function prepare(db: Db) {
	return {
		survey: db.select().from(survey).where(eq(survey.id, sql.placeholder('id'))).prepare(),
		questions: db
			.select()
			.from(surveyQuestion)
			.where(eq(surveyQuestion.surveyId, sql.placeholder('id')))
			.orderBy(asc(surveyQuestion.position))
			.prepare(),
		options: db
			.select({ option: surveyOption })
			.from(surveyOption)
			.innerJoin(surveyQuestion, eq(surveyQuestion.id, surveyOption.questionId))
			.where(eq(surveyQuestion.surveyId, sql.placeholder('id')))
			.orderBy(asc(surveyOption.position))
			.prepare(),
		images: db
			.select({ id: surveyImage.id, alt: surveyImage.alt })
			.from(surveyImage)
			.where(eq(surveyImage.surveyId, sql.placeholder('id')))
			.prepare(),
		translations: db
			.select({ key: surveyTranslation.key, text: surveyTranslation.text })
			.from(surveyTranslation)
			.where(and(eq(surveyTranslation.surveyId, sql.placeholder('id')), eq(surveyTranslation.locale, sql.placeholder('locale'))))
			.prepare(),
		draft: db.select().from(surveyDraft).where(eq(surveyDraft.tokenHash, sql.placeholder('hash'))).prepare(),
		optionGroup: db
			.select({ group: surveyOption.respondentGroup })
			.from(surveyOption)
			.where(eq(surveyOption.id, sql.placeholder('id')))
			.prepare(),
		response: db
			.select({
				id: surveyResponse.id,
				surveyId: surveyResponse.surveyId,
				submittedOn: surveyResponse.submittedOn,
				accountId: surveyResponse.accountId,
				receiptHash: surveyResponse.receiptHash
			})
			.from(surveyResponse)
			.where(eq(surveyResponse.tokenHash, sql.placeholder('hash')))
			.prepare(),
		saveAnswers: db
			.update(surveyDraft)
			.set({ answers: sql.placeholder('answers') as unknown as string, savedOn: sql.placeholder('savedOn') as unknown as string })
			.where(eq(surveyDraft.tokenHash, sql.placeholder('hash')))
			.prepare(),
		// Raw SQL where a hidden rowid is given: Drizzle cannot set it. See `unorderedRowid`.
		insertResponse: db.$client.prepare(
			`insert into survey_response (rowid, id, survey_id, token_hash, receipt_hash, account_id, submitted_on, locale, on_behalf, respondent_group)
			values (@rowid, @id, @surveyId, @tokenHash, @receiptHash, @accountId, @submittedOn, @locale, @onBehalf, @respondentGroup)
			on conflict (token_hash) do nothing`
		),
		insertAnswer: db
			.insert(surveyAnswer)
			.values({
				id: sql.placeholder('id'),
				responseId: sql.placeholder('responseId'),
				questionId: sql.placeholder('questionId'),
				optionId: sql.placeholder('optionId'),
				text: sql.placeholder('text')
			})
			.prepare(),
		tally: db.$client.prepare(
			`insert into survey_tally (rowid, question_id, option_id, day, respondent_group, count) values (@rowid, @questionId, @optionId, @day, @group, 1)
			on conflict (question_id, option_id, day, respondent_group) do update set "count" = "survey_tally"."count" + 1`
		),
		tallyMonth: db.$client.prepare(
			`insert into survey_tally_month (rowid, question_id, option_id, month, respondent_group, count) values (@rowid, @questionId, @optionId, @month, @group, 1)
			on conflict (question_id, month, option_id, respondent_group) do update set "count" = "survey_tally_month"."count" + 1`
		),
		insertDraft: db.$client.prepare(
			`insert into survey_draft (rowid, token_hash, receipt_hash, survey_id, locale, account_id, on_behalf, preview, saved_on)
			values (@rowid, @tokenHash, @receiptHash, @surveyId, @locale, @accountId, @onBehalf, @preview, @savedOn)`
		),
		deleteDraft: db.delete(surveyDraft).where(eq(surveyDraft.tokenHash, sql.placeholder('hash'))).prepare(),
		// Respondents' unsent drafts of a survey saved today (survey_draft_saved_idx finds the day's drafts).
		draftsToday: db
			.select({ n: count() })
			.from(surveyDraft)
			.where(
				and(
					eq(surveyDraft.surveyId, sql.placeholder('surveyId')),
					eq(surveyDraft.savedOn, sql.placeholder('today')),
					eq(surveyDraft.onBehalf, false),
					eq(surveyDraft.preview, false)
				)
			)
			.prepare()
	};
}

/** A survey row, or NotFoundError. */
export function findSurvey(db: Db, id: number): Survey {
	const row = q(db).survey.get({ id });
	if (!row) throw new NotFoundError('survey_not_found');
	return row;
}

type Structure = { survey: Survey; questions: SurveyQuestion[]; options: SurveyOption[] };

function structure(db: Db, id: number): Structure {
	const s = findSurvey(db, id);
	return { survey: s, questions: q(db).questions.all({ id }), options: q(db).options.all({ id }).map((r) => r.option) };
}

/**
 * A survey as a respondent sees it, with every text in `locale` where a translation exists
 * (English otherwise). Throws NotFoundError.
 */
export function forAnswering(db: Db, surveyId: number, locale: string): AnsweringSurvey {
	const { survey: s, questions, options } = structure(db, surveyId);
	const t = locale === 'en' ? new Map<string, string>() : new Map(q(db).translations.all({ id: surveyId, locale }).map((r) => [r.key, r.text]));
	const images = new Map(q(db).images.all({ id: surveyId }).map((i) => [i.id, { id: i.id, alt: t.get(`image.${i.id}.alt`) ?? i.alt }]));
	const image = (id: number | null) => (id === null ? null : (images.get(id) ?? null));
	return {
		...s,
		locale,
		title: t.get('title') ?? s.title,
		intro: t.get('intro') ?? s.intro,
		questions: questions.map((qn) => ({
			id: qn.id,
			kind: qn.kind,
			required: qn.required,
			symbolId: qn.symbolId,
			aboutYou: qn.aboutYou,
			text: t.get(`question.${qn.id}.text`) ?? qn.text,
			help: t.get(`question.${qn.id}.help`) ?? qn.help,
			image: image(qn.imageId),
			options: options
				.filter((o) => o.questionId === qn.id)
				.map((o) => ({
					id: o.id,
					label: t.get(`option.${o.id}.label`) ?? o.label,
					symbolId: o.symbolId,
					image: image(o.imageId),
					category: o.category,
					asksWhich: asksWhich(qn.aboutYou, o.category)
				}))
		}))
	};
}

/** The languages a survey can be answered in (English first). */
export function locales(db: Db, surveyId: number): string[] {
	return completeLocales(db, surveyId);
}

/** How a response is being made: by the respondent, typed in from paper, or an organiser's preview. */
export type StartMode = 'answer' | 'paper' | 'preview';

/**
 * Receipt codes: 12 characters of Crockford's base32 (digits and capital letters without I, L, O
 * and U), so 60 bits, in three groups of four: "7KQM-4XTP-9ABD". Nothing reads as something else,
 * and whatever people type is forgiven: case, spaces, dashes, O for 0, I or L for 1.
 */
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 12;
/** Bits of chance in a receipt code: 12 characters of 32. */
export const RECEIPT_BITS = RECEIPT_LENGTH * Math.log2(RECEIPT_ALPHABET.length);
/**
 * Codes given before 60-bit ones: 8 characters of these 30 (39 bits). Drafts and responses made
 * then keep their codes: a typed code of 8 characters is looked up as one of them, and a draft
 * opened by its link shows the code it was given. Drafts go within DRAFT_DAYS; sent responses
 * only ever say on which day they were sent.
 */
const LEGACY_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
const LEGACY_LENGTH = 8;

const group = (chars: string) => (chars.match(/.{1,4}/g) ?? []).join('-');

/**
 * The receipt code for a token, as people read it ("7KQM-4XTP-9ABD"). It is worked out from
 * the token, so it is never stored; only its hash is, to find a response by code.
 */
export function receiptCode(token: string): string {
	const digest = sha256(new TextEncoder().encode(`receipt:${token}`));
	// 60 bits from the first 8 bytes, 5 bits a character.
	let bits = 0n;
	for (const byte of digest.slice(0, 8)) bits = (bits << 8n) | BigInt(byte);
	let chars = '';
	for (let i = 0; i < RECEIPT_LENGTH; i++) chars += RECEIPT_ALPHABET[Number((bits >> BigInt(64 - 5 * (i + 1))) & 31n)];
	return group(chars);
}

/** The code an older draft or response was given (see LEGACY_ALPHABET). */
function legacyReceiptCode(token: string): string {
	const digest = sha256(new TextEncoder().encode(`receipt:${token}`));
	const chars = [...digest.slice(0, LEGACY_LENGTH)].map((b) => LEGACY_ALPHABET[b % LEGACY_ALPHABET.length]).join('');
	return group(chars);
}

/**
 * A typed code as it was meant: capitals, no spaces, dashes or other marks, O as 0 and I or L as
 * 1 (Crockford's rules; full-width and accented letters are read as their plain ones).
 */
export function normaliseReceiptCode(typed: string): string {
	return typed
		.normalize('NFKD')
		.toUpperCase()
		.replace(/[^0-9A-Z]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
}

/** The stored hash of a receipt code, as typed or as shown (a code of either length). */
export function receiptHash(code: string): string {
	return hashToken(group(normaliseReceiptCode(code)));
}

/** The code to show for a token whose draft or response stored `storedHash`: its own, or the older one it was given. */
function receiptFor(token: string, storedHash: string): string {
	const code = receiptCode(token);
	if (storedHash === receiptHash(code)) return code;
	const legacy = legacyReceiptCode(token);
	return storedHash === receiptHash(legacy) ? legacy : code;
}

/** Too many tries: the page asks the person to wait this long. */
export class TooManyTriesError extends DomainError {
	override readonly status = 429;
	constructor(
		code: 'too_many_starts' | 'too_many_codes' | 'too_many_drafts_today',
		readonly retryAfterSeconds: number
	) {
		super(code);
	}
}

/** Checks who may start or continue a response in this mode. */
function checkStart(actor: Actor, s: Survey, mode: StartMode, today: string) {
	if (mode !== 'answer') {
		if (!can(actor, 'surveys.manage')) throw new ForbiddenError();
		if (mode === 'paper' && s.state === 'draft') throw new SurveyClosedError(s);
		return;
	}
	if (!can(actor, 'surveys.answer')) throw new ForbiddenError();
	if (!isOpenOn(s, today)) throw new SurveyClosedError(s, today);
	if (!s.anonymous && !actor) throw new SignInNeededError();
}

/** Where a respondent's start came from, for the per-address limit (never stored with the draft). */
export type StartFrom = { address: string };

/**
 * Starts a response: makes a draft and returns the token for the respondent's link (their
 * resume link) and its receipt code. A respondent's start (`answer`) counts against the limits in
 * ./limits.ts: `from` (the client's address) per hour, and the survey's drafts per day.
 * Throws NotFoundError, SurveyClosedError, SignInNeededError, ForbiddenError, TooManyTriesError.
 */
export function start(
	db: Db,
	actor: Actor,
	surveyId: number,
	locale: string,
	mode: StartMode = 'answer',
	now = new Date(),
	from?: StartFrom
) {
	const today = londonDate(now);
	// One immediate transaction from reading the survey to writing the draft: a change between
	// anonymous and named (builder.update, which refuses once a draft exists) comes wholly before
	// or wholly after, so the draft is made under the promise the survey makes when it is made.
	return writeTransaction(db, () => {
		const s = findSurvey(db, surveyId);
		checkStart(actor, s, mode, today);
		if (mode === 'answer') {
			if (from) {
				const gate = takeTry(db, [surveyLimits.start(from.address, now)], now);
				if (!gate.allowed) throw new TooManyTriesError('too_many_starts', gate.retryAfterSeconds);
			}
			if (q(db).draftsToday.get({ surveyId, today })!.n >= DRAFTS_PER_SURVEY_PER_DAY) {
				throw new TooManyTriesError('too_many_drafts_today', secondsUntilTomorrow(now));
			}
		}
		const token = generateToken();
		const code = receiptCode(token);
		q(db).insertDraft.run({
			rowid: unorderedRowid(),
			tokenHash: hashToken(token),
			receiptHash: receiptHash(code),
			surveyId,
			locale: locales(db, surveyId).includes(locale) ? locale : 'en',
			// Named surveys know who answered; anonymous ones, and paper ones typed in by an organiser, do not.
			accountId: !s.anonymous && mode === 'answer' ? actor!.id : null,
			onBehalf: mode === 'paper' ? 1 : 0,
			preview: mode === 'preview' ? 1 : 0,
			savedOn: today
		});
		return { token, receipt: code };
	});
}

export type Draft = typeof surveyDraft.$inferSelect & { parsed: Record<number, DraftAnswer> };
export type OpenedResponse =
	| { state: 'draft'; draft: Draft; survey: AnsweringSurvey; receipt: string }
	| { state: 'sent'; surveyId: number; submittedOn: string; receipt: string };

/**
 * Opens the response behind a respondent's link: its draft and the survey in the draft's
 * language, or the fact that it was already sent. A draft of a named survey opens only for its
 * person; paper and preview drafts only for organisers. Throws NotFoundError, ForbiddenError,
 * SurveyClosedError, SignInNeededError.
 */
export function open(db: Db, actor: Actor, surveyId: number, token: string, now = new Date()): OpenedResponse {
	const hash = hashToken(token);
	const draft = q(db).draft.get({ hash });
	if (!draft) {
		const sent = q(db).response.get({ hash });
		if (!sent || sent.surveyId !== surveyId) throw new NotFoundError('response_not_found');
		return { state: 'sent', surveyId, submittedOn: sent.submittedOn, receipt: receiptFor(token, sent.receiptHash) };
	}
	if (draft.surveyId !== surveyId) throw new NotFoundError('response_not_found');
	const s = findSurvey(db, surveyId);
	checkStart(actor, s, draft.preview ? 'preview' : draft.onBehalf ? 'paper' : 'answer', londonDate(now));
	if (draft.accountId !== null && draft.accountId !== actor?.id) throw new ForbiddenError();
	return {
		state: 'draft',
		draft: { ...draft, parsed: JSON.parse(draft.answers) as Record<number, DraftAnswer> },
		survey: forAnswering(db, surveyId, draft.locale),
		receipt: receiptFor(token, draft.receiptHash)
	};
}

export type Resumed =
	| { state: 'draft'; token: string }
	| { state: 'sent'; submittedOn: string }
	| { state: 'not_found' }
	| { state: 'too_many_tries'; retryAfterSeconds: number };

/**
 * Gives a draft a new link and, with it, a new code (the code is worked out from the token, which
 * is never stored, so the old pair cannot be given back): the old link and code stop working.
 * Returns the new token.
 */
function renewLink(tx: Db, tokenHash: string, now: Date): string {
	const token = generateToken();
	tx.update(surveyDraft)
		.set({ tokenHash: hashToken(token), receiptHash: receiptHash(receiptCode(token)), savedOn: londonDate(now) })
		.where(eq(surveyDraft.tokenHash, tokenHash))
		.run();
	return token;
}

/**
 * Finds a response by its receipt code, typed by someone at `address`. Every try counts against
 * the address and against the code itself (./limits.ts), before the code is looked up; a right
 * code gives its try back. A draft gets a new link and, with it, a new code (the code is worked
 * out from the token, which is never stored, so the old pair cannot be given back): the old link
 * and code stop working, and the pages show the new code. Returns the new token, the day a sent
 * response was sent, 'not_found' when no response of this survey has that code, or
 * 'too_many_tries' with how long to wait.
 */
export function resumeByReceipt(db: Db, surveyId: number, code: string, address: string, now = new Date()): Resumed {
	const typed = normaliseReceiptCode(code.slice(0, 100));
	const hash = receiptHash(typed);
	return writeTransaction(db, (tx) => {
		const gate = takeTry(tx, [surveyLimits.receiptCode(surveyId, typed), surveyLimits.receiptAddress(address, now)], now);
		if (!gate.allowed) return { state: 'too_many_tries' as const, retryAfterSeconds: gate.retryAfterSeconds };
		// Only codes of a length ever given can match (a hash of anything else is looked up for nothing).
		const possible = typed.length === RECEIPT_LENGTH || typed.length === LEGACY_LENGTH;
		const draft = possible ? tx.select().from(surveyDraft).where(eq(surveyDraft.receiptHash, hash)).get() : undefined;
		if (draft && draft.surveyId === surveyId) {
			trySucceeded(tx, gate);
			return { state: 'draft' as const, token: renewLink(tx, draft.tokenHash, now) };
		}
		const sent = possible
			? tx
					.select({ submittedOn: surveyResponse.submittedOn })
					.from(surveyResponse)
					.where(and(eq(surveyResponse.receiptHash, hash), eq(surveyResponse.surveyId, surveyId)))
					.get()
			: undefined;
		if (!sent) return { state: 'not_found' as const };
		trySucceeded(tx, gate);
		return { state: 'sent' as const, submittedOn: sent.submittedOn };
	});
}

/**
 * Carries on with the signed-in person's own draft of a named survey (their latest), from their
 * home page: it gets a new link and code (`renewLink`), as finding it by its code does. Only the
 * draft's own account reaches it, as only they can open its link. Returns the new token. Throws
 * NotFoundError('response_not_found') when they have no draft of it, SurveyClosedError.
 */
export function continueStarted(db: Db, actor: Actor, surveyId: number, now = new Date()): string {
	if (!actor) throw new NotFoundError('response_not_found');
	return writeTransaction(db, (tx) => {
		// `db` for the survey: its prepared statements belong to the connection (as in `start`)
		const s = findSurvey(db, surveyId);
		checkStart(actor, s, 'answer', londonDate(now));
		const draft = tx
			.select({ tokenHash: surveyDraft.tokenHash })
			.from(surveyDraft)
			.where(and(eq(surveyDraft.surveyId, surveyId), eq(surveyDraft.accountId, actor.id), eq(surveyDraft.onBehalf, false), eq(surveyDraft.preview, false)))
			.orderBy(desc(surveyDraft.savedOn))
			.limit(1)
			.get();
		if (!draft) throw new NotFoundError('response_not_found');
		return renewLink(tx, draft.tokenHash, now);
	});
}

/**
 * Keeps one answer in the draft, after checking it. Returns null when saved, or the problem
 * (the draft keeps what it had). Throws like `open`, and NotFoundError for a question that is
 * not the survey's.
 */
export function saveAnswer(
	db: Db,
	actor: Actor,
	surveyId: number,
	token: string,
	questionId: number,
	optionIds: readonly number[],
	text: string,
	now = new Date()
): AnswerProblem | null {
	const opened = open(db, actor, surveyId, token, now);
	if (opened.state === 'sent') throw new ValidationError('already_sent');
	const question = opened.survey.questions.find((qn) => qn.id === questionId);
	if (!question) throw new NotFoundError('question_not_found');
	const checked = checkAnswer(rulesOf(question), optionIds, text);
	if (!checked.ok) return checked.problem;
	const answers = { ...opened.draft.parsed };
	if (checked.answer) answers[questionId] = checked.answer;
	else delete answers[questionId];
	q(db).saveAnswers.run({ answers: JSON.stringify(answers), savedOn: londonDate(now), hash: hashToken(token) });
	return null;
}

/** What `checkAnswer` needs of a question. */
const rulesOf = (qn: AnsweringQuestion) => ({
	kind: qn.kind,
	required: qn.required,
	optionIds: qn.options.map((o) => o.id),
	whichOptionId: qn.options.find((o) => o.asksWhich)?.id ?? null
});

/** The first question a draft still needs (required and unanswered, or answered with something no longer valid), by index. */
export function firstMissing(s: AnsweringSurvey, answers: Record<number, DraftAnswer>): number | null {
	const index = s.questions.findIndex((qn) => {
		const a = answers[qn.id];
		const checked = checkAnswer(rulesOf(qn), a?.options ?? [], a?.text ?? '');
		return !checked.ok;
	});
	return index < 0 ? null : index;
}

function randomId(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function groupOf(db: Db, s: Survey, questions: AnsweringQuestion[], answers: Record<number, DraftAnswer>): RespondentGroup {
	const who = questions.find((qn) => qn.aboutYou === 'who');
	const chosen = who && answers[who.id]?.options[0];
	const group = chosen ? q(db).optionGroup.get({ id: chosen })?.group : null;
	if (group) return group;
	if (s.audience === 'parent_carers') return 'parent_carer';
	if (s.audience === 'young_people') return 'young_person';
	return 'unknown';
}

export type Submitted = { responseId: string | null; receipt: string; alreadySent: boolean; submittedOn: string };

/**
 * Sends a draft: stores the response and its answers, updates the running tallies and deletes
 * the draft, in one transaction. Sending the same token again (a double click, a resent form,
 * many at once) stores nothing more and returns the same confirmation.
 * Throws like `open`; ValidationError 'answers_missing' when a required question is unanswered,
 * 'preview_not_sent' for a preview.
 */
export function submit(db: Db, actor: Actor, surveyId: number, token: string, now = new Date()): Submitted {
	const hash = hashToken(token);
	const today = londonDate(now);
	const p = q(db);
	// Inside the transaction the work uses `db` itself (the same connection), so the prepared
	// statements, which belong to `db`, are reused rather than prepared again for `tx`.
	return writeTransaction(db, () => {
		const opened = open(db, actor, surveyId, token, now);
		if (opened.state === 'sent') return { responseId: null, receipt: opened.receipt, alreadySent: true, submittedOn: opened.submittedOn };
		const { draft, survey: s, receipt } = opened;
		// Whether the response says who sent it is decided now, from the survey as it is in this
		// transaction (read by `open` above), never from the draft alone: a response records an
		// account only if the survey is named at the moment it is sent, and only the account the
		// draft was started with (a draft started anonymously never gains one).
		const accountId = s.anonymous || draft.onBehalf ? null : draft.accountId;
		if (draft.preview) throw new ValidationError('preview_not_sent');
		if (firstMissing(s, draft.parsed) !== null) throw new ValidationError('answers_missing');
		const group = groupOf(db, s, s.questions, draft.parsed);
		const id = randomId();
		const inserted = p.insertResponse.run({
			rowid: unorderedRowid(),
			id,
			surveyId,
			tokenHash: hash,
			receiptHash: draft.receiptHash,
			accountId,
			submittedOn: today,
			locale: draft.locale,
			onBehalf: draft.onBehalf ? 1 : 0,
			respondentGroup: group
		});
		// The unique token is the last word: if another connection got there first, this is a repeat.
		if (inserted.changes === 0) return { responseId: null, receipt, alreadySent: true, submittedOn: today };
		const month = today.slice(0, 7);
		const count = (questionId: number, optionId: number) => {
			p.tally.run({ rowid: unorderedRowid(), questionId, optionId, day: today, group });
			p.tallyMonth.run({ rowid: unorderedRowid(), questionId, optionId, month, group });
		};
		for (const qn of s.questions) {
			const a = draft.parsed[qn.id];
			if (!a) continue;
			count(qn.id, 0);
			if (a.options.length) {
				for (const optionId of a.options) {
					// The language typed beside "another language" stays with that answer (checkAnswer
					// kept it only for that option); it is never shown tied to the response (results'
					// `otherLanguagesNamed`).
					const which = a.text && qn.options.find((o) => o.id === optionId)?.asksWhich ? a.text : null;
					const answerId = unorderedId();
					p.insertAnswer.run({ id: answerId, responseId: id, questionId: qn.id, optionId, text: which });
					count(qn.id, optionId);
					if (which) {
						safeguarding.raiseIfWorrying(
							db,
							{ source: 'survey_answer', sourceId: answerId, personId: accountId, text: which, context: { survey: s.title, question: qn.text } },
							now
						);
					}
				}
			} else {
				const answerId = unorderedId();
				p.insertAnswer.run({ id: answerId, responseId: id, questionId: qn.id, optionId: null, text: a.text });
				// Free text is checked for phrases that may point to harm; the answer is kept either way.
				safeguarding.raiseIfWorrying(
					db,
					{
						source: 'survey_answer',
						sourceId: answerId,
						personId: accountId,
						text: a.text ?? '',
						context: { survey: s.title, question: qn.text }
					},
					now
				);
			}
		}
		p.deleteDraft.run({ hash });
		return { responseId: id, receipt, alreadySent: false, submittedOn: today };
	});
}

/** How long unsent answers are kept after they were last saved. */
export const DRAFT_DAYS = 60;

/**
 * Deletes drafts nobody has touched for `DRAFT_DAYS` days, and respondents' drafts of closed
 * surveys (paper responses may still be typed in after closing): unsent answers are not kept
 * for ever. Returns how many went.
 */
export function deleteStaleDrafts(db: Db, now = new Date()): number {
	const cutoff = new Date(now.getTime() - DRAFT_DAYS * DAY_MS);
	const old = db.delete(surveyDraft).where(sql`${surveyDraft.savedOn} < ${londonDate(cutoff)}`).run().changes;
	const closed = db
		.delete(surveyDraft)
		.where(
			and(
				eq(surveyDraft.onBehalf, false),
				sql`${surveyDraft.surveyId} in (select ${survey.id} from ${survey} where ${survey.state} = 'closed')`
			)
		)
		.run().changes;
	return old + closed;
}

type QueuedSubmit = {
	actor: Actor;
	surveyId: number;
	token: string;
	resolve: (value: Submitted) => void;
	reject: (reason: unknown) => void;
};
const queued = new WeakMap<Db, QueuedSubmit[]>();

/**
 * `submit`, sharing one commit with the other submissions that arrive in the same turn of the
 * event loop. With `synchronous = FULL` every commit waits for the disk, so at busy times one
 * flush for many answers is what keeps up. Each submission runs in its own savepoint: one that
 * is refused undoes only itself. The promise settles after the commit, so an acknowledged
 * response is on disk.
 */
export function submitSoon(db: Db, actor: Actor, surveyId: number, token: string): Promise<Submitted> {
	return new Promise((resolve, reject) => {
		let queue = queued.get(db);
		if (!queue) {
			queued.set(db, (queue = []));
			setImmediate(() => flushSubmissions(db));
		}
		queue.push({ actor, surveyId, token, resolve, reject });
	});
}

function flushSubmissions(db: Db) {
	const jobs = queued.get(db) ?? [];
	queued.delete(db);
	const now = new Date();
	const outcomes: ({ ok: true; value: Submitted } | { ok: false; error: unknown })[] = [];
	try {
		writeTransaction(db, () => {
			for (const job of jobs) {
				try {
					// Inside the open transaction, submit's own transaction is a savepoint.
					outcomes.push({ ok: true, value: submit(db, job.actor, job.surveyId, job.token, now) });
				} catch (error) {
					outcomes.push({ ok: false, error });
				}
			}
		});
	} catch (error) {
		for (const job of jobs) job.reject(error);
		return;
	}
	// counted after the commit, for GET /metrics (happenings.ts)
	const stored = outcomes.filter((o) => o.ok).length;
	if (stored) happened('survey_submitted', stored);
	jobs.forEach((job, i) => {
		const outcome = outcomes[i];
		if (outcome.ok) job.resolve(outcome.value);
		else job.reject(outcome.error);
	});
}
