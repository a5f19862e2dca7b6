/**
 * What a survey found: counts per answer, free-text answers with themes and quotes, and the CSV
 * export. For organisers and the leads of the survey's services only (`surveys.results`), with
 * small numbers protected (thresholds from /admin/settings; see `results`, `textAnswers`,
 * `exportRows` and ./small-groups.ts for who sees what and why).
 */
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { isChoiceKind, TEXT_KINDS } from '$lib/features/surveys/model';
import { writeTransaction, type Db } from '../db';
import { survey, surveyAnswer, surveyAnswerTheme, surveyResponse, surveyService, surveyTheme, type Survey } from '../db/schema';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as services from '../services';
import * as settings from '../settings';
import * as audit from '../audit';
import {
	hiddenCanBeWorkedOut,
	isSmallCount,
	showCount,
	showPercentage,
	suppressBreakdown,
	type CountDisplay,
	type DisclosureRules
} from '../disclosure';
import { completeLocales, questionRows, surveyWithServices, type QuestionWithOptions, type SurveyWithServices } from './builder';
import { conditionsOf, dimensionsOf, isFiltered, rawCounts, type ResultsFilter } from './counts';
import { decide, protectBreakdown, type Decision } from './small-groups';

/** Throws ForbiddenError unless the actor may read this survey's results. */
export function mustReadResults(db: Db, actor: Actor, s: { serviceIds: number[] }) {
	const ledServiceIds = actor ? services.ledBy(db, actor.id) : [];
	if (!can(actor, 'surveys.results', { serviceIds: s.serviceIds, ledServiceIds })) throw new ForbiddenError();
}

/** Whether the actor may read this survey's results (to show or hide the link). */
export function mayReadResults(db: Db, actor: Actor, surveyId: number): boolean {
	return resultsOpenTo(db, actor, [surveyId]).has(surveyId);
}

/**
 * Which of these surveys' results the actor may open (organisers: all; a service lead: those about
 * a service they lead; anyone else: none), so pages link only those. Ids of no survey are left out.
 */
export function resultsOpenTo(db: Db, actor: Actor, surveyIds: readonly number[]): Set<number> {
	const ids = [...new Set(surveyIds)];
	if (!ids.length || !can(actor, 'surveys.track')) return new Set();
	const ledServiceIds = actor ? services.ledBy(db, actor.id) : [];
	const found = db.select({ id: survey.id }).from(survey).where(inArray(survey.id, ids)).all();
	const about = db.select({ surveyId: surveyService.surveyId, serviceId: surveyService.serviceId }).from(surveyService).where(inArray(surveyService.surveyId, ids)).all();
	return new Set(
		found
			.map((r) => r.id)
			.filter((id) => can(actor, 'surveys.results', { serviceIds: about.filter((a) => a.surveyId === id).map((a) => a.serviceId), ledServiceIds }))
	);
}

/**
 * What both results pages start from: the survey (after checking the actor may read its results),
 * its questions, and how many responses it has. Throws NotFoundError, ForbiddenError.
 */
export function resultsView(db: Db, actor: Actor, surveyId: number): { survey: SurveyWithServices; questions: QuestionWithOptions[]; responses: number } {
	const s = surveyWithServices(db, surveyId);
	mustReadResults(db, actor, s);
	const responses = db.select({ n: count() }).from(surveyResponse).where(eq(surveyResponse.surveyId, surveyId)).get()!.n;
	return { survey: s, questions: questionRows(db, surveyId), responses };
}

export type { ResultsFilter } from './counts';

/** The area's thresholds (/admin/settings), as the disclosure maths takes them. */
export function disclosureRules(db: Db): DisclosureRules {
	const area = settings.get(db);
	return { minimumForPercentage: area.disclosureMinimumResponses, smallCountBelow: area.disclosureSmallCountBelow };
}

/**
 * The fewest responses a filtered view, a CSV row's group or a service lead's written answers may
 * rest on: the area's "fewest responses for a percentage" (10 by default), since every view shows
 * percentages. Counts inside a view are protected with the smaller "counts below" (5 by default).
 */
export const groupMinimum = (rules: DisclosureRules) => Math.max(2, rules.minimumForPercentage);

/** `count` and `percent` are null when hidden to protect a small group. */
export type OptionResult = { id: number; label: string; symbolId: string | null; positive: boolean; count: number | null; percent: number | null };
export type QuestionResult = {
	question: QuestionWithOptions;
	/** Responses that answered this question: a number, "fewer than N", or null when hidden. */
	answered: CountDisplay | null;
	options: OptionResult[];
	/** Share of those who answered who gave a positive answer, when the question marks any and it may be shown. */
	positivePercent: number | null;
	/** Some of the question's figures are hidden to protect a small group. */
	hidden: boolean;
};
export type SurveyResults = {
	survey: Survey & { serviceIds: number[] };
	/**
	 * False when the filter matches a group too small to show, or one that would let a smaller
	 * group be worked out by comparing it with other views: then no figure at all is given.
	 */
	shown: boolean;
	/** How many responses the view rests on (null when not shown). */
	responses: CountDisplay | null;
	questions: QuestionResult[];
	/** The languages the survey is offered in (not those answered in: a language one person used would show). */
	locales: string[];
	rules: DisclosureRules & { groupMinimum: number };
};

const percent = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);

/**
 * One question's figures with small numbers protected (../disclosure.ts): counts of 1 to
 * 4 are hidden, and enough others that none can be worked out from those answering; percentages
 * only from `minimumForPercentage` answers; the positive share only when it does not let the
 * hidden positive (or other) answers be worked out. Whether someone skipped a question is not
 * treated as an answer: "N answered" is shown when N is not small.
 */
export function protectQuestion(question: QuestionWithOptions, counts: Map<string, number>, rules: DisclosureRules): QuestionResult {
	const answered = counts.get(`${question.id}:0`) ?? 0;
	const raw = question.options.map((o) => counts.get(`${question.id}:${o.id}`) ?? 0);
	if (!isChoiceKind(question.kind)) {
		return { question, answered: showCount(answered, rules), options: [], positivePercent: null, hidden: isSmallCount(answered, rules) };
	}
	let shownCells: boolean[];
	let answeredShown = true;
	if (question.kind === 'pick_any') {
		// Each answer on its own: those who chose it and those who did not add up to those who answered.
		shownCells = raw.map((n) => suppressBreakdown([{ key: 'chose', count: n }, { key: 'not', count: Math.max(0, answered - n) }], Math.max(answered, n), rules).cells[0].shown);
		answeredShown = !isSmallCount(answered, rules);
	} else {
		// Options add up to those who answered; anything else (an option since removed) is one more hidden cell.
		const rest = answered - raw.reduce((a, n) => a + n, 0);
		const cells = raw.map((n, i) => ({ key: String(i), count: n }));
		if (rest > 0) cells.push({ key: 'rest', count: rest });
		const total = Math.max(answered, raw.reduce((a, n) => a + n, 0));
		const protectedCells = suppressBreakdown(cells, total, rules);
		shownCells = raw.map((_, i) => protectedCells.cells[i].shown);
		answeredShown = protectedCells.totalShown;
	}
	const percentages = answeredShown && showPercentage(answered, rules);
	const options: OptionResult[] = question.options.map((o, i) => ({
		id: o.id,
		label: o.label,
		symbolId: o.symbolId,
		positive: o.positive,
		count: shownCells[i] ? raw[i] : null,
		percent: shownCells[i] && percentages ? percent(raw[i], answered) : null
	}));
	let positivePercent: number | null = null;
	// "Pick any" answers can be positive more than once per response; only single-answer kinds get a share.
	if (question.kind !== 'pick_any' && question.options.some((o) => o.positive) && percentages) {
		// The share splits what is hidden into its positive and other parts: each must still be unknowable.
		const hiddenPositive = question.options.flatMap((o, i) => (!shownCells[i] && raw[i] > 0 && o.positive ? [raw[i]] : []));
		const hiddenOther = question.options.flatMap((o, i) => (!shownCells[i] && raw[i] > 0 && !o.positive ? [raw[i]] : []));
		if (!hiddenCanBeWorkedOut(hiddenPositive) && !hiddenCanBeWorkedOut(hiddenOther)) {
			const positive = question.options.reduce((a, o, i) => a + (o.positive ? raw[i] : 0), 0);
			positivePercent = percent(positive, answered);
		}
	}
	return {
		question,
		// A small total is written "fewer than 5"; one hidden only to protect others is hidden like them.
		answered: answeredShown || isSmallCount(answered, rules) ? showCount(answered, rules) : null,
		options,
		positivePercent,
		hidden: !answeredShown || options.some((o) => o.count === null) || (percentages === false && answered > 0)
	};
}

/**
 * Whether a filtered view may be shown (./small-groups.ts: at least T responses, and nothing
 * smaller can be worked out from it and the other views). Throws ValidationError for a filter
 * on anything but an "about you" answer, a language or a group.
 */
export function filterAllowed(db: Db, surveyId: number, questions: QuestionWithOptions[], filter: ResultsFilter, rules: DisclosureRules): boolean {
	const conditions = conditionsOf(questions, filter);
	if (!conditions.length) return true;
	return decisionFor(db, surveyId, questions, groupMinimum(rules)).mayShow(conditions);
}

/**
 * The decision for a survey, kept for a minute at most, and not once a response arrives (or goes),
 * a threshold or an "about you" question changes: working it out reads every "about you" answer
 * of the survey (about half a second for 30,000 responses), and an organiser looks at one filter
 * after another.
 */
const decisions = new WeakMap<Db, Map<number, { key: string; decision: Decision; at: number }>>();
const DECISION_KEPT_MS = 60_000;
function decisionFor(db: Db, surveyId: number, questions: QuestionWithOptions[], threshold: number): Decision {
	const responses = db.select({ n: count() }).from(surveyResponse).where(eq(surveyResponse.surveyId, surveyId)).get()!.n;
	const shape = questions.map((q) => `${q.id}:${q.aboutYou ?? ''}:${q.kind}:${q.options.length}`).join(',');
	const key = `${responses}|${threshold}|${shape}`;
	let bySurvey = decisions.get(db);
	if (!bySurvey) decisions.set(db, (bySurvey = new Map()));
	const kept = bySurvey.get(surveyId);
	if (kept?.key === key && Date.now() - kept.at < DECISION_KEPT_MS) return kept.decision;
	const { dimensions, total } = dimensionsOf(db, surveyId, questions);
	const decision = decide(dimensions, total, threshold);
	bySurvey.delete(surveyId);
	bySurvey.set(surveyId, { key, decision, at: Date.now() });
	// A few surveys at most: the oldest go first.
	while (bySurvey.size > 8) bySurvey.delete(bySurvey.keys().next().value!);
	return decision;
}

/**
 * Counts and percentages per question, with small numbers protected for everyone who reads
 * results (organisers and service leads alike, so a page shown in a meeting never shows a small
 * group): counts of 1 to 4 hidden with enough others that none can be worked out; percentages
 * only from 10 answers; a filtered view only when it is safe (`filterAllowed`), otherwise no
 * figures at all ("too few to show"). A survey with fewer responses than that minimum is itself
 * a small group: its own counts are shown protected like any others, and it cannot be filtered.
 * Percentages are of the responses that answered that question ("pick any" can add up past 100).
 * Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function results(db: Db, actor: Actor, surveyId: number, filter: ResultsFilter = {}): SurveyResults {
	const s = surveyWithServices(db, surveyId);
	mustReadResults(db, actor, s);
	const rules = disclosureRules(db);
	const base = { survey: s, locales: completeLocales(db, surveyId), rules: { ...rules, groupMinimum: groupMinimum(rules) } };
	const questions = questionRows(db, surveyId);
	if (isFiltered(filter) && !filterAllowed(db, surveyId, questions, filter, rules)) {
		return { ...base, shown: false, responses: null, questions: [] };
	}
	const { responses, counts } = rawCounts(db, surveyId, filter);
	return { ...base, shown: true, responses: showCount(responses, rules), questions: questions.map((q) => protectQuestion(q, counts, rules)) };
}

export const TEXT_PAGE_SIZE = 50;

/**
 * `locale` is the language the response was given in (so pages can mark the text's language).
 * `submittedOn` is the day it was sent ("2026-11-02"), or only its month ("2026-11") for readers
 * who see months (`TextAnswers.months`).
 */
export type TextAnswer = { id: number; text: string; quoted: boolean; submittedOn: string; locale: string; themeIds: number[] };

export type TextAnswers =
	| { shown: true; answers: TextAnswer[]; total: number; pages: number; months: boolean }
	/**
	 * 'filtered': written answers are listed for the whole survey only. Listed for one group at a
	 * time, two lists could be matched answer by answer to find what a tiny group (the people in
	 * both) wrote, which no rule on the size of each group prevents.
	 * 'too_few': a service lead, and the survey has fewer responses than the group minimum.
	 */
	| { shown: false; reason: 'filtered' | 'too_few' };

/**
 * Free-text answers to a question, newest first, a page at a time, with their themes; for the
 * whole survey only (see TextAnswers). Organisers, who run the survey and tag and quote its
 * answers, read every answer with the day it was sent. A service lead reads them only when the
 * survey has at least the group minimum of responses, and sees the month, not the day (a day can
 * point to the one family who said they answered that day), with answers in no order within a month
 * (answer ids are random, so they do not tell the order answers came in).
 * Throws ForbiddenError, NotFoundError.
 */
export function textAnswers(db: Db, actor: Actor, surveyId: number, questionId: number, page = 1, filter: ResultsFilter = {}): TextAnswers {
	const s = surveyWithServices(db, surveyId);
	mustReadResults(db, actor, s);
	// Written answers only: the name typed beside "another language" is kept with a choice and is
	// never listed answer by answer (it is seen only counted: `otherLanguagesNamed`).
	const question = questionRows(db, surveyId).find((q) => q.id === questionId);
	if (!question || !TEXT_KINDS.includes(question.kind)) throw new NotFoundError('question_not_found');
	if (isFiltered(filter)) return { shown: false, reason: 'filtered' };
	const organiser = can(actor, 'surveys.manage');
	if (!organiser) {
		const responses = db.select({ n: count() }).from(surveyResponse).where(eq(surveyResponse.surveyId, surveyId)).get()!.n;
		if (responses < groupMinimum(disclosureRules(db))) return { shown: false, reason: 'too_few' };
	}
	const where = and(eq(surveyResponse.surveyId, surveyId), eq(surveyAnswer.questionId, questionId), isNotNull(surveyAnswer.text));
	const total = db.select({ n: count() }).from(surveyAnswer).innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId)).where(where).get()!.n;
	const sent = organiser ? surveyResponse.submittedOn : sql<string>`substr(${surveyResponse.submittedOn}, 1, 7)`;
	const rows = db
		.select({ id: surveyAnswer.id, text: surveyAnswer.text, quoted: surveyAnswer.quoted, submittedOn: sent, locale: surveyResponse.locale })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(where)
		.orderBy(desc(sent), desc(surveyAnswer.id))
		.limit(TEXT_PAGE_SIZE)
		.offset((Math.max(1, page) - 1) * TEXT_PAGE_SIZE)
		.all();
	const tags = rows.length
		? db
				.select()
				.from(surveyAnswerTheme)
				.where(
					inArray(
						surveyAnswerTheme.answerId,
						rows.map((r) => r.id)
					)
				)
				.all()
		: [];
	const answers: TextAnswer[] = rows.map((r) => ({
		...r,
		text: r.text ?? '',
		themeIds: tags.filter((t) => t.answerId === r.id).map((t) => t.themeId)
	}));
	return { shown: true, answers, total, pages: Math.max(1, Math.ceil(total / TEXT_PAGE_SIZE)), months: !organiser };
}

/** A survey's themes with how many answers carry each. Throws ForbiddenError, NotFoundError. */
export function themes(db: Db, actor: Actor, surveyId: number) {
	mustReadResults(db, actor, surveyWithServices(db, surveyId));
	return db
		.select({ id: surveyTheme.id, name: surveyTheme.name, answers: sql<number>`count(${surveyAnswerTheme.answerId})` })
		.from(surveyTheme)
		.leftJoin(surveyAnswerTheme, eq(surveyAnswerTheme.themeId, surveyTheme.id))
		.where(eq(surveyTheme.surveyId, surveyId))
		.groupBy(surveyTheme.id)
		.orderBy(asc(surveyTheme.name))
		.all();
}

/**
 * Sets a free-text answer's themes (existing ones by id, plus new ones by name) and whether it
 * is a quote reports may use. Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function tagAnswer(
	db: Db,
	actor: Actor,
	answerId: number,
	input: { themeIds: number[]; newThemes: string[]; quoted: boolean },
	now = new Date()
): void {
	if (!can(actor, 'surveys.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const answer = tx
			.select({ id: surveyAnswer.id, surveyId: surveyResponse.surveyId, text: surveyAnswer.text, optionId: surveyAnswer.optionId })
			.from(surveyAnswer)
			.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
			.where(eq(surveyAnswer.id, answerId))
			.get();
		// a written answer; never a language typed beside a choice (it is only ever seen counted)
		if (!answer || answer.text === null || answer.optionId !== null) throw new NotFoundError('answer_not_found');
		const own = new Set(
			tx
				.select({ id: surveyTheme.id })
				.from(surveyTheme)
				.where(eq(surveyTheme.surveyId, answer.surveyId))
				.all()
				.map((r) => r.id)
		);
		const ids = new Set(input.themeIds);
		for (const id of ids) if (!own.has(id)) throw new ValidationError('theme_not_found');
		for (const name of input.newThemes.map((n) => n.trim().toLowerCase()).filter(Boolean)) {
			if (name.length > 60) throw new ValidationError('theme_too_long');
			const existing = tx
				.select({ id: surveyTheme.id })
				.from(surveyTheme)
				.where(and(eq(surveyTheme.surveyId, answer.surveyId), eq(surveyTheme.name, name)))
				.get();
			ids.add(existing?.id ?? tx.insert(surveyTheme).values({ surveyId: answer.surveyId, name }).returning({ id: surveyTheme.id }).get().id);
		}
		tx.delete(surveyAnswerTheme).where(eq(surveyAnswerTheme.answerId, answerId)).run();
		if (ids.size) tx.insert(surveyAnswerTheme).values([...ids].map((themeId) => ({ answerId, themeId }))).run();
		tx.update(surveyAnswer).set({ quoted: input.quoted }).where(eq(surveyAnswer.id, answerId)).run();
		audit.record(tx, { actorId: actor!.id, action: 'survey.answer_tagged', subjectType: 'survey', subjectId: answer.surveyId, details: { answerId, themes: ids.size, quoted: input.quoted }, at: now });
	});
}

/** Answers organisers marked as quotes for reports, newest first. Throws ForbiddenError, NotFoundError. */
export function quotes(db: Db, actor: Actor, surveyId: number) {
	mustReadResults(db, actor, surveyWithServices(db, surveyId));
	return db
		.select({ id: surveyAnswer.id, questionId: surveyAnswer.questionId, text: surveyAnswer.text, submittedOn: surveyResponse.submittedOn })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(and(eq(surveyResponse.surveyId, surveyId), eq(surveyAnswer.quoted, true)))
		.orderBy(desc(surveyResponse.submittedOn))
		.all();
}

/** A service lead's CSV for a survey with fewer responses than the group minimum: there is none. */
export class TooFewToShowError extends DomainError {
	override readonly status = 409;
	constructor() {
		super('too_few_to_show');
	}
}

/** What a service lead's CSV shows in place of what it leaves out. */
export const HIDDEN_IN_CSV = 'hidden (small group)';

/**
 * Every response as rows for a CSV file: a header row, then one row per response (choices by
 * their words, several joined with "; "). Cells are plain text: the CSV writer neutralises
 * formulas. Audited, since it is an export.
 *
 * Organisers (who run the survey, check paper responses and answer for the data) get every
 * response as it is. A service lead gets a file in which no response can be picked out by what
 * it says about the person (k-anonymity, k = the group minimum): the month instead of the day;
 * then, taking the "about you" answers, the language, the group, "from paper" and the month in
 * turn, an answer shared by fewer than k of the responses that are alike so far is replaced by
 * HIDDEN_IN_CSV (with enough others that the hidden ones are at least k and cannot be told apart:
 * `protectBreakdown`, as for filters). In the end every row looks exactly like at least k - 1
 * others in all those columns. A row's written answers are left out too when its "about you"
 * answers together are shared by fewer than k responses (they could name a small group's member).
 * Answers to the survey's other questions are kept in every row. With fewer than k responses a
 * lead gets no file (TooFewToShowError).
 * The organiser's full file asks for a recent sign-in (ConfirmIdentityError).
 * Throws ForbiddenError, NotFoundError, TooFewToShowError, ConfirmIdentityError.
 */
export function exportRows(db: Db, actor: Actor, surveyId: number, now = new Date()): string[][] {
	const s = surveyWithServices(db, surveyId);
	mustReadResults(db, actor, s);
	const full = can(actor, 'surveys.manage');
	// every response as it is (written answers, days, 'about you'): an export of personal data, so
	// the organiser proves who they are again after 15 minutes
	if (full) requireRecentSignIn(actor, now);
	const questions = questionRows(db, surveyId);
	const labels = new Map(questions.flatMap((qn) => qn.options.map((o) => [o.id, o.label] as const)));
	// answer ids are random (they must not tell the order answers came in): "pick any" choices go in the options' order
	const place = new Map(questions.flatMap((qn) => qn.options.map((o, i) => [o.id, i] as const)));
	const header = ['Response', full ? 'Sent on' : 'Sent in (month)', 'Language', 'Entered from paper', 'Respondent group', ...questions.map((qn) => qn.text)];
	const responses = db
		.select({ id: surveyResponse.id, submittedOn: surveyResponse.submittedOn, locale: surveyResponse.locale, onBehalf: surveyResponse.onBehalf, group: surveyResponse.respondentGroup })
		.from(surveyResponse)
		.where(eq(surveyResponse.surveyId, surveyId))
		.orderBy(asc(surveyResponse.submittedOn), asc(surveyResponse.id))
		.all();
	const minimum = groupMinimum(disclosureRules(db));
	if (!full && responses.length < minimum) throw new TooFewToShowError();
	const answers = db
		.select({ responseId: surveyAnswer.responseId, questionId: surveyAnswer.questionId, optionId: surveyAnswer.optionId, text: surveyAnswer.text })
		.from(surveyAnswer)
		.innerJoin(surveyResponse, eq(surveyResponse.id, surveyAnswer.responseId))
		.where(eq(surveyResponse.surveyId, surveyId))
		.all()
		.sort((a, b) => (a.optionId === null ? 0 : (place.get(a.optionId) ?? 0)) - (b.optionId === null ? 0 : (place.get(b.optionId) ?? 0)));
	const byResponse = new Map<string, Map<number, string[]>>();
	for (const a of answers) {
		let m = byResponse.get(a.responseId);
		if (!m) byResponse.set(a.responseId, (m = new Map()));
		const list = m.get(a.questionId) ?? [];
		list.push(a.optionId !== null ? (labels.get(a.optionId) ?? '') : (a.text ?? ''));
		m.set(a.questionId, list);
	}
	const cellsOf = (id: string) => questions.map((qn) => (byResponse.get(id)?.get(qn.id) ?? []).join('; '));
	let rows: string[][];
	if (full) {
		rows = responses.map((r) => [r.id, r.submittedOn, r.locale, r.onBehalf ? 'yes' : 'no', r.group, ...cellsOf(r.id)]);
	} else {
		const aboutYou = questions.map((qn, i) => (qn.aboutYou !== null ? 5 + i : -1)).filter((i) => i >= 0);
		const written = questions.map((qn, i) => (TEXT_KINDS.includes(qn.kind) ? 5 + i : -1)).filter((i) => i >= 0);
		rows = responses.map((r) => [r.id, r.submittedOn.slice(0, 7), r.locale, r.onBehalf ? 'yes' : 'no', r.group, ...cellsOf(r.id)]);
		// Written answers of people whose "about you" answers together are shared by fewer than k.
		const together = new Map<string, number>();
		const keyOf = (row: string[]) => aboutYou.map((i) => row[i]).join('\u0001');
		for (const row of rows) together.set(keyOf(row), (together.get(keyOf(row)) ?? 0) + 1);
		const textHidden = rows.filter((row) => together.get(keyOf(row))! < minimum);
		// Column by column, within each set of rows alike so far, as a breakdown protected like a filter.
		let alike: string[][][] = [rows];
		for (const column of [...aboutYou, 2, 4, 3, 1]) {
			const next: string[][][] = [];
			for (const set of alike) {
				const byValue = new Map<string, string[][]>();
				for (const row of set) {
					const list = byValue.get(row[column]);
					if (list) list.push(row);
					else byValue.set(row[column], [row]);
				}
				const shown = protectBreakdown(
					[...byValue].map(([value, list]) => ({ value, count: list.length })),
					set.length,
					minimum
				);
				const hidden: string[][] = [];
				for (const [value, list] of byValue) {
					if (shown.has(value)) next.push(list);
					else hidden.push(...list);
				}
				for (const row of hidden) row[column] = HIDDEN_IN_CSV;
				if (hidden.length) next.push(hidden);
			}
			alike = next;
		}
		for (const row of textHidden) for (const i of written) row[i] = HIDDEN_IN_CSV;
		// In no order that could tell anything: by month (as shown), then by the random response id.
		rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
	}
	if (actor) audit.record(db, { actorId: actor.id, action: 'survey.exported', subjectType: 'survey', subjectId: surveyId, details: { rows: rows.length }, at: now });
	return [header, ...rows];
}
