import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { londonDate } from '$lib/time';
import { ABOUT_YOU, TEXT_LIMITS, type QuestionKind } from '$lib/features/surveys/model';
import { toCsv } from '../csv';
import { createDb, type Db } from '../db';
import {
	auditEntry,
	surveyAnswer,
	surveyDraft,
	surveyImage,
	surveyResponse,
	surveyTally,
	surveyTheme,
	surveyTranslation
} from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, ConfirmIdentityError } from '../errors';
import type { Actor } from '../permissions';
import * as services from '../services';
import { addPerson, surveyDetails, testDb, thrown } from '../testing';
import * as surveys from '.';
import { rawCounts, type ResultsFilter } from './counts';
import { storedQuestionInput } from '$lib/features/surveys/question-form';

/** Reads as someone who builds surveys (the builder's reads check `surveys.manage`; reading writes nothing). */
const ORG = { id: 0, roles: ['organiser'] } as const;

/** No thresholds at all: for tests of the counting itself, on a handful of responses. */
const NO_LIMITS = { minimumForPercentage: 0, smallCountBelow: 0 };

/**
 * The figures before small numbers are protected (the counting and percentages these tests are
 * about); `results` itself, with the protection, is tested in small-numbers.spec.ts.
 */
function unprotected(db: Db, id: number, filter: ResultsFilter = {}) {
	const raw = rawCounts(db, id, filter);
	return {
		responses: raw.responses,
		questions: raw.questions.map((q) => {
			const r = surveys.protectQuestion(q, raw.counts, NO_LIMITS);
			const answered = r.answered?.kind === 'value' ? r.answered.value : 0;
			return { ...r, answered, options: r.options.map((o) => ({ ...o, count: o.count ?? 0, percent: o.percent ?? 0 })) };
		})
	};
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Where the tests' receipt codes are typed from (a documentation address, RFC 5737). */
const ADDRESS = '192.0.2.10';

function setUp(db: Db = testDb()) {
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const saltLead = addPerson(db, ['service_lead']);
	const camhsLead = addPerson(db, ['service_lead']);
	const idleLead = addPerson(db, ['service_lead']);
	const parent = addPerson(db, ['parent_carer']);
	const youngPerson = addPerson(db, ['young_person']);
	const boardMember = addPerson(db, ['board_member']);
	const salt = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [saltLead.id] });
	const camhs = services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [camhsLead.id] });
	return { db, admin, organiser, saltLead, camhsLead, idleLead, parent, youngPerson, boardMember, salt, camhs };
}

const details = (overrides: Partial<surveys.SurveyInput> = {}): surveys.SurveyInput =>
	surveyDetails({ title: 'Short breaks this summer', intro: 'Tell us how the short breaks went.', ...overrides });

/** The question as an update input that changes nothing (as the symbol page makes it), with `overrides` on top. */
const inputOf = (q: surveys.QuestionWithOptions, overrides: Partial<surveys.QuestionInput> = {}): surveys.QuestionInput => ({
	...storedQuestionInput(q),
	...overrides
});

/** The written answers to a question, for one who may read them (else the test fails). */
function texts(db: Db, actor: Actor, surveyId: number, questionId: number) {
	const found = surveys.textAnswers(db, actor, surveyId, questionId);
	if (!found.shown) throw new Error(`written answers not shown: ${found.reason}`);
	return found.answers;
}

const newOption = (label: string, positive = false): surveys.OptionInput => ({ label, symbolId: null, imageId: null, positive });

function question(db: Db, surveyId: number, questionId: number): surveys.QuestionWithOptions {
	const found = surveys.questionsOf(db, ORG, surveyId).find((q) => q.id === questionId);
	if (!found) throw new Error(`question ${questionId} not in survey ${surveyId}`);
	return found;
}

/** Gives a "pick" question its options (labels in order). */
function giveOptions(db: Db, actor: Actor, surveyId: number, questionId: number, labels: string[], positive: string[] = []) {
	const q = question(db, surveyId, questionId);
	surveys.updateQuestion(db, actor, questionId, inputOf(q, { options: labels.map((l) => newOption(l, positive.includes(l))) }));
}

/** The option id with this label in a question. */
function opt(db: Db, surveyId: number, questionId: number, label: string): number {
	const found = question(db, surveyId, questionId).options.find((o) => o.label === label);
	if (!found) throw new Error(`no option "${label}"`);
	return found.id;
}

type Answer = number[] | string;

/** Starts a response, saves each answer (each must be accepted) and sends it. */
function respond(
	db: Db,
	actor: Actor,
	surveyId: number,
	answers: [questionId: number, answer: Answer][],
	options: { locale?: string; mode?: surveys.StartMode; now?: Date } = {}
) {
	const { token, receipt } = surveys.start(db, actor, surveyId, options.locale ?? 'en', options.mode ?? 'answer', options.now);
	for (const [questionId, a] of answers) {
		const problem = surveys.saveAnswer(db, actor, surveyId, token, questionId, typeof a === 'string' ? [] : a, typeof a === 'string' ? a : '', options.now);
		expect(problem).toBeNull();
	}
	const sent = surveys.submit(db, actor, surveyId, token, options.now);
	return { token, startReceipt: receipt, ...sent };
}

const countRows = (db: Db, table: string): number =>
	(db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

const auditActions = (db: Db) => db.select().from(auditEntry).all().map((e) => e.action);

/** Reads an RFC 4180 CSV (BOM first, CRLF row ends) back into cells. */
function parseCsv(csv: string): string[][] {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const text = csv.slice(1);
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	expect(quoted).toBe(false);
	expect(row).toEqual([]);
	expect(cell).toBe('');
	return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

// ---------------------------------------------------------------------------------------------
// 1. Validation of each kind of question
// ---------------------------------------------------------------------------------------------

describe('checkAnswer: validation of each question kind', () => {
	const ids = [11, 12, 13];
	const singleChoice: QuestionKind[] = ['smiley3', 'smiley5', 'yes_no', 'pick_one'];

	it.each(singleChoice)('%s: one of its own options, required or optional', (kind) => {
		const required = { kind, required: true, optionIds: ids };
		const optional = { kind, required: false, optionIds: ids };
		expect(surveys.checkAnswer(required, [12], '')).toEqual({ ok: true, answer: { options: [12], text: '' } });
		expect(surveys.checkAnswer(required, [], '')).toEqual({ ok: false, problem: 'required' });
		expect(surveys.checkAnswer(optional, [], '')).toEqual({ ok: true, answer: null });
		expect(surveys.checkAnswer(required, [11, 13], '')).toEqual({ ok: false, problem: 'one_only' });
		expect(surveys.checkAnswer(optional, [11, 13], '')).toEqual({ ok: false, problem: 'one_only' });
		expect(surveys.checkAnswer(required, [99], '')).toEqual({ ok: false, problem: 'unknown_option' });
		// An unknown option is reported even next to a known one, and even on an optional question.
		expect(surveys.checkAnswer(optional, [11, 99], '')).toEqual({ ok: false, problem: 'unknown_option' });
		// The same option sent twice is one answer, not two.
		expect(surveys.checkAnswer(required, [13, 13], '')).toEqual({ ok: true, answer: { options: [13], text: '' } });
		// Text sent with a choice is not kept, and text alone does not answer a choice question.
		expect(surveys.checkAnswer(required, [11], 'typed')).toEqual({ ok: true, answer: { options: [11], text: '' } });
		expect(surveys.checkAnswer(required, [], 'typed')).toEqual({ ok: false, problem: 'required' });
	});

	it('pick_any: several options, kept in the question\'s order, duplicates removed', () => {
		const required = { kind: 'pick_any' as const, required: true, optionIds: ids };
		const optional = { kind: 'pick_any' as const, required: false, optionIds: ids };
		expect(surveys.checkAnswer(required, [13, 11, 13, 11], '')).toEqual({ ok: true, answer: { options: [11, 13], text: '' } });
		expect(surveys.checkAnswer(required, [12, 13, 11], '')).toEqual({ ok: true, answer: { options: [11, 12, 13], text: '' } });
		expect(surveys.checkAnswer(required, [], '')).toEqual({ ok: false, problem: 'required' });
		expect(surveys.checkAnswer(optional, [], '')).toEqual({ ok: true, answer: null });
		expect(surveys.checkAnswer(optional, [11, 14], '')).toEqual({ ok: false, problem: 'unknown_option' });
	});

	it('short_text: whitespace collapsed and trimmed, at most 200 characters', () => {
		expect(TEXT_LIMITS.short_text).toBe(200);
		const required = { kind: 'short_text' as const, required: true, optionIds: [] };
		const optional = { kind: 'short_text' as const, required: false, optionIds: [] };
		expect(surveys.checkAnswer(required, [], '  More \n\t staff  please ')).toEqual({ ok: true, answer: { options: [], text: 'More staff please' } });
		expect(surveys.checkAnswer(required, [], 'x'.repeat(200))).toEqual({ ok: true, answer: { options: [], text: 'x'.repeat(200) } });
		expect(surveys.checkAnswer(required, [], 'x'.repeat(201))).toEqual({ ok: false, problem: 'too_long' });
		// The limit applies to what is kept: spaces around and runs of spaces do not count.
		expect(surveys.checkAnswer(required, [], `   ${'x'.repeat(200)}   `)).toEqual({ ok: true, answer: { options: [], text: 'x'.repeat(200) } });
		expect(surveys.checkAnswer(required, [], `${'x'.repeat(100)}     ${'x'.repeat(99)}`)).toEqual({
			ok: true,
			answer: { options: [], text: `${'x'.repeat(100)} ${'x'.repeat(99)}` }
		});
		expect(surveys.checkAnswer(required, [], ' \n\t ')).toEqual({ ok: false, problem: 'required' });
		expect(surveys.checkAnswer(optional, [], ' \n\t ')).toEqual({ ok: true, answer: null });
		expect(surveys.checkAnswer(optional, [], 'x'.repeat(201))).toEqual({ ok: false, problem: 'too_long' });
		// Options sent with a text question are ignored.
		expect(surveys.checkAnswer(required, [11], 'hello')).toEqual({ ok: true, answer: { options: [], text: 'hello' } });
		expect(surveys.checkAnswer(required, [11], '')).toEqual({ ok: false, problem: 'required' });
	});

	it('long_text: line breaks kept (CRLF and CR become LF), ends trimmed, at most 5000 characters', () => {
		expect(TEXT_LIMITS.long_text).toBe(5000);
		const required = { kind: 'long_text' as const, required: true, optionIds: [] };
		const optional = { kind: 'long_text' as const, required: false, optionIds: [] };
		expect(surveys.checkAnswer(required, [], '\r\n  First line\r\nSecond  line\rThird\n\n  ')).toEqual({
			ok: true,
			answer: { options: [], text: 'First line\nSecond  line\nThird' }
		});
		expect(surveys.checkAnswer(required, [], 'x'.repeat(5000))).toEqual({ ok: true, answer: { options: [], text: 'x'.repeat(5000) } });
		expect(surveys.checkAnswer(required, [], 'x'.repeat(5001))).toEqual({ ok: false, problem: 'too_long' });
		// A CRLF counts as one character once normalised: 5001 typed, 5000 kept.
		const typed = `${'x'.repeat(2500)}\r\n${'x'.repeat(2499)}`;
		expect(typed.length).toBe(5001);
		expect(surveys.checkAnswer(required, [], typed)).toEqual({ ok: true, answer: { options: [], text: `${'x'.repeat(2500)}\n${'x'.repeat(2499)}` } });
		expect(surveys.checkAnswer(required, [], `${'x'.repeat(2500)}\r\n${'x'.repeat(2500)}`)).toEqual({ ok: false, problem: 'too_long' });
		expect(surveys.checkAnswer(required, [], '\r\n \n')).toEqual({ ok: false, problem: 'required' });
		expect(surveys.checkAnswer(optional, [], '\r\n \n')).toEqual({ ok: true, answer: null });
	});
});

// ---------------------------------------------------------------------------------------------
// 2. Positive answers
// ---------------------------------------------------------------------------------------------

describe('positive answers', () => {
	it('isPositive: any chosen option marked positive', () => {
		expect(surveys.isPositive([1, 2], new Set([2]))).toBe(true);
		expect(surveys.isPositive([1], new Set([2, 3]))).toBe(false);
		expect(surveys.isPositive([], new Set([1]))).toBe(false);
		expect(surveys.isPositive([4], new Set())).toBe(false);
	});

	function scoredSurvey() {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const smiley3 = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was the club?');
		const smiley5 = surveys.addQuestion(db, organiser, id, 'smiley5', 'How were the staff?');
		const yesNo = surveys.addQuestion(db, organiser, id, 'yes_no', 'Would you go again?');
		const pickOne = surveys.addQuestion(db, organiser, id, 'pick_one', 'Which day?');
		const pickAny = surveys.addQuestion(db, organiser, id, 'pick_any', 'What did you do?');
		const short = surveys.addQuestion(db, organiser, id, 'short_text', 'One word for it?');
		const long = surveys.addQuestion(db, organiser, id, 'long_text', 'Anything else?');
		giveOptions(db, organiser, id, pickOne, ['Saturday', 'Sunday']);
		giveOptions(db, organiser, id, pickAny, ['Swimming', 'Art', 'Games'], ['Swimming', 'Art']);
		surveys.updateQuestion(db, organiser, smiley5, inputOf(question(db, id, smiley5), { required: false }));
		surveys.publish(db, organiser, id);
		const o = (q: number, label: string) => opt(db, id, q, label);
		// Four responses; the third skips the (optional) smiley5 question.
		const rows: [number, number, number | null, number, number[]][] = [
			[o(smiley3, 'Good'), o(smiley5, 'Very good'), o(yesNo, 'Yes'), o(pickOne, 'Saturday'), [o(pickAny, 'Swimming'), o(pickAny, 'Art')]],
			[o(smiley3, 'Good'), o(smiley5, 'Good'), o(yesNo, 'No'), o(pickOne, 'Sunday'), [o(pickAny, 'Games')]],
			[o(smiley3, 'Okay'), null as unknown as number, o(yesNo, 'Not sure'), o(pickOne, 'Sunday'), [o(pickAny, 'Art')]],
			[o(smiley3, 'Not good'), o(smiley5, 'Okay'), o(yesNo, 'Yes'), o(pickOne, 'Saturday'), [o(pickAny, 'Swimming')]]
		];
		for (const [a, b, c, d, e] of rows) {
			const answers: [number, Answer][] = [
				[smiley3, [a]],
				[yesNo, [c!]],
				[pickOne, [d]],
				[pickAny, e],
				[short, 'fun'],
				[long, 'It was fun.']
			];
			if (b) answers.push([smiley5, [b]]);
			respond(db, null, id, answers);
		}
		return { db, organiser, id, smiley3, smiley5, yesNo, pickOne, pickAny, short, long };
	}

	it('counts Good / Very good and Yes by default, as a share of those who answered; null for pick any and text', () => {
		const { db, id, smiley3, smiley5, yesNo, pickOne, pickAny, short, long } = scoredSurvey();
		const r = unprotected(db, id);
		const byId = new Map(r.questions.map((q) => [q.question.id, q]));
		expect(r.responses).toBe(4);
		expect(byId.get(smiley3)!.answered).toBe(4);
		expect(byId.get(smiley3)!.positivePercent).toBe(50); // Good, Good of 4
		expect(byId.get(smiley3)!.options.map((o) => [o.label, o.positive, o.count, o.percent])).toEqual([
			['Not good', false, 1, 25],
			['Okay', false, 1, 25],
			['Good', true, 2, 50]
		]);
		// Three answered smiley5 (one skipped): Very good and Good are positive: 2 of 3.
		expect(byId.get(smiley5)!.answered).toBe(3);
		expect(byId.get(smiley5)!.positivePercent).toBe(66.7);
		expect(byId.get(yesNo)!.positivePercent).toBe(50); // Yes, Yes of 4
		expect(byId.get(pickOne)!.positivePercent).toBeNull(); // no option marked positive
		expect(byId.get(pickAny)!.positivePercent).toBeNull(); // marks positive, but pick any gets no share
		// Pick any percentages are of responses, so they can add up past 100.
		expect(byId.get(pickAny)!.options.map((o) => o.percent)).toEqual([50, 50, 25]);
		expect(byId.get(short)!.positivePercent).toBeNull();
		expect(byId.get(long)!.positivePercent).toBeNull();
		expect(byId.get(long)!.answered).toBe(4);
	});

	it('follows the organiser when they change which answers count as positive', () => {
		const { db, organiser, id, smiley3, yesNo } = scoredSurvey();
		const q = question(db, id, smiley3);
		// "Okay" now counts as positive too: Good, Good, Okay of 4.
		surveys.updateQuestion(db, organiser, smiley3, inputOf(q, { options: inputOf(q).options.map((o) => ({ ...o, positive: o.label !== 'Not good' })) }));
		expect(unprotected(db, id).questions.find((x) => x.question.id === smiley3)!.positivePercent).toBe(75);
		// Filtered results (counted from the answers) agree with the running tallies.
		expect(unprotected(db, id, { locale: 'en' }).questions.find((x) => x.question.id === smiley3)!.positivePercent).toBe(75);
		// Nothing positive: no share at all.
		const yn = question(db, id, yesNo);
		surveys.updateQuestion(db, organiser, yesNo, inputOf(yn, { options: inputOf(yn).options.map((o) => ({ ...o, positive: false })) }));
		expect(unprotected(db, id).questions.find((x) => x.question.id === yesNo)!.positivePercent).toBeNull();
		// "No" as the positive answer instead (a question asked the other way round): 1 of 4.
		surveys.updateQuestion(db, organiser, yesNo, inputOf(yn, { options: inputOf(yn).options.map((o) => ({ ...o, positive: o.label === 'No' })) }));
		expect(unprotected(db, id).questions.find((x) => x.question.id === yesNo)!.positivePercent).toBe(25);
	});

	it('gives no percentage (not a division by zero) while nobody has answered', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
		const [q] = surveys.results(db, organiser, id).questions;
		expect(q.answered).toEqual({ kind: 'none' });
		expect(q.positivePercent).toBeNull();
		expect(q.options.map((o) => [o.count, o.percent])).toEqual([
			[0, null],
			[0, null],
			[0, null]
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// 3. CSV export
// ---------------------------------------------------------------------------------------------

describe('CSV export', () => {
	const HYPERLINK = '=HYPERLINK("http://x","y")';

	function formulaSurvey() {
		const s = setUp();
		const { db, organiser } = s;
		const id = surveys.create(db, organiser, details({ title: '=cmd|calc', serviceIds: [s.salt] }));
		const short = surveys.addQuestion(db, organiser, id, 'short_text', HYPERLINK);
		const long = surveys.addQuestion(db, organiser, id, 'long_text', '+1');
		const one = surveys.addQuestion(db, organiser, id, 'pick_one', '-1');
		const any = surveys.addQuestion(db, organiser, id, 'pick_any', '@SUM(A1)');
		giveOptions(db, organiser, id, one, ['@SUM(A1)', '=1+1', 'Plain']);
		giveOptions(db, organiser, id, any, ['-2+3', '+cmd', 'ok']);
		surveys.publish(db, organiser, id);
		const o = (q: number, label: string) => opt(db, id, q, label);
		const r1 = respond(db, null, id, [
			[short, HYPERLINK],
			[long, '+1'],
			[one, [o(one, '@SUM(A1)')]],
			[any, [o(any, '+cmd'), o(any, '-2+3')]]
		]);
		const r2 = respond(db, null, id, [
			[short, '-1'],
			[long, '@SUM(A1)'],
			[one, [o(one, '=1+1')]],
			[any, [o(any, 'ok')]]
		]);
		const r3 = respond(
			db,
			s.organiser,
			id,
			[
				[short, '\t=cmd|calc'],
				[long, '\r\n-1+1'],
				[one, [o(one, 'Plain')]],
				[any, [o(any, '-2+3')]]
			],
			{ mode: 'paper' }
		);
		return { ...s, id, short, long, one, any, r1, r2, r3 };
	}

	it('neutralises formulas in answers and question texts, header included, one row per response', () => {
		const { db, organiser, id, short, r1, r2, r3 } = formulaSurvey();
		// What people type is trimmed before it is stored, so a leading tab or line break is not kept.
		const stored = db.select({ text: surveyAnswer.text }).from(surveyAnswer).where(eq(surveyAnswer.questionId, short)).all().map((a) => a.text);
		expect(stored.sort()).toEqual(['-1', '=HYPERLINK("http://x","y")', '=cmd|calc'].sort());

		const rows = surveys.exportRows(db, organiser, id);
		expect(rows).toHaveLength(4); // header + 3 responses
		// exportRows itself gives the words as they are: neutralising is the CSV writer's job.
		expect(rows[0]).toEqual(['Response', 'Sent on', 'Language', 'Entered from paper', 'Respondent group', HYPERLINK, '+1', '-1', '@SUM(A1)']);

		const parsed = parseCsv(toCsv(rows));
		expect(parsed).toHaveLength(4);
		expect(parsed[0]).toEqual(['Response', 'Sent on', 'Language', 'Entered from paper', 'Respondent group', `'${HYPERLINK}`, "'+1", "'-1", "'@SUM(A1)"]);
		for (const row of parsed) {
			expect(row).toHaveLength(9);
			for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
		}
		const byId = new Map(parsed.slice(1).map((row) => [row[0], row]));
		expect([...byId.keys()].sort()).toEqual([r1.responseId, r2.responseId, r3.responseId].sort());
		const today = londonDate();
		expect(byId.get(r1.responseId!)).toEqual([r1.responseId, today, 'en', 'no', 'unknown', `'${HYPERLINK}`, "'+1", "'@SUM(A1)", "'-2+3; +cmd"]);
		expect(byId.get(r2.responseId!)).toEqual([r2.responseId, today, 'en', 'no', 'unknown', "'-1", "'@SUM(A1)", "'=1+1", 'ok']);
		expect(byId.get(r3.responseId!)).toEqual([r3.responseId, today, 'en', 'yes', 'unknown', "'=cmd|calc", "'-1+1", 'Plain', "'-2+3"]);
	});

	it('neutralises a stored answer that starts with a tab or carriage return', () => {
		const { db, organiser, id, short, long, r1 } = formulaSurvey();
		// Not reachable through the answering pages (they trim), so written straight to the table:
		// the export must be safe whatever the table holds.
		db.update(surveyAnswer).set({ text: '\tTAB' }).where(and(eq(surveyAnswer.responseId, r1.responseId!), eq(surveyAnswer.questionId, short))).run();
		db.update(surveyAnswer).set({ text: '\r=2' }).where(and(eq(surveyAnswer.responseId, r1.responseId!), eq(surveyAnswer.questionId, long))).run();
		const parsed = parseCsv(toCsv(surveys.exportRows(db, organiser, id)));
		const row = parsed.find((r) => r[0] === r1.responseId)!;
		expect(row[5]).toBe("'\tTAB");
		// neutralised, and the carriage return written as LF, as every line break in a cell is
		expect(row[6]).toBe("'\n=2");
		for (const r of parsed) for (const cell of r) expect(cell).not.toMatch(FORMULA_START);
	});

	it("asks an organiser to confirm it is them before the full file when they last did more than 15 minutes ago", () => {
		const { db, organiser, id } = formulaSurvey();
		const at = new Date(organiser.verifiedAt.getTime() + 16 * 60_000);
		expect(() => surveys.exportRows(db, organiser, id, at)).toThrow(ConfirmIdentityError);
		expect(db.select().from(auditEntry).where(eq(auditEntry.action, 'survey.exported')).all()).toHaveLength(0);
		expect(surveys.exportRows(db, { ...organiser, verifiedAt: at }, id, at).length).toBeGreaterThan(1);
	});

	it('is audited, and refused (without an audit entry) to people who may not read the results', () => {
		const { db, organiser, saltLead, camhsLead, parent, id, short, long, one, any } = formulaSurvey();
		const before = db.select().from(auditEntry).where(eq(auditEntry.action, 'survey.exported')).all();
		expect(before).toHaveLength(0);
		const at = new Date('2026-11-02T09:30:00Z');
		surveys.exportRows(db, organiser, id, at);
		// Three responses are too few for a service lead's file (small-numbers.spec.ts): no file, no entry.
		expect(() => surveys.exportRows(db, saltLead, id, at)).toThrow(surveys.TooFewToShowError);
		for (let i = 0; i < 7; i++) respond(db, null, id, [[short, 'more'], [long, 'more'], [one, [opt(db, id, one, 'Plain')]], [any, [opt(db, id, any, 'ok')]]]);
		surveys.exportRows(db, saltLead, id, at);
		expect(() => surveys.exportRows(db, camhsLead, id)).toThrow(ForbiddenError);
		expect(() => surveys.exportRows(db, parent, id)).toThrow(ForbiddenError);
		expect(() => surveys.exportRows(db, null, id)).toThrow(ForbiddenError);
		const entries = db.select().from(auditEntry).where(eq(auditEntry.action, 'survey.exported')).all();
		expect(entries.map((e) => [e.actorId, e.subjectType, e.subjectId, JSON.parse(e.details)])).toEqual([
			[organiser.id, 'survey', String(id), { rows: 3 }],
			[saltLead.id, 'survey', String(id), { rows: 10 }]
		]);
		expect(entries[0].at).toEqual(at);
	});

	it('lists every question even when a response skipped some, with an empty cell', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const a = surveys.addQuestion(db, organiser, id, 'yes_no', 'Did it help?');
		const b = surveys.addQuestion(db, organiser, id, 'short_text', 'Why?');
		surveys.updateQuestion(db, organiser, b, inputOf(question(db, id, b), { required: false }));
		surveys.publish(db, organiser, id);
		const sent = respond(db, null, id, [[a, [opt(db, id, a, 'Yes')]]]);
		const rows = surveys.exportRows(db, organiser, id);
		expect(rows).toEqual([
			['Response', 'Sent on', 'Language', 'Entered from paper', 'Respondent group', 'Did it help?', 'Why?'],
			[sent.responseId, londonDate(), 'en', 'no', 'unknown', 'Yes', '']
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// 4. Exactly once
// ---------------------------------------------------------------------------------------------

describe('sending exactly once', () => {
	function oneQuestionEach(db: Db, organiser: Actor) {
		const id = surveys.create(db, organiser, details());
		const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
		const any = surveys.addQuestion(db, organiser, id, 'pick_any', 'What did you do?');
		const text = surveys.addQuestion(db, organiser, id, 'short_text', 'One word?');
		giveOptions(db, organiser, id, any, ['Swimming', 'Art', 'Games']);
		surveys.publish(db, organiser, id);
		return { id, smiley, any, text };
	}

	function fill(db: Db, s: ReturnType<typeof oneQuestionEach>) {
		const { token } = surveys.start(db, null, s.id, 'en');
		expect(surveys.saveAnswer(db, null, s.id, token, s.smiley, [opt(db, s.id, s.smiley, 'Good')], '')).toBeNull();
		expect(surveys.saveAnswer(db, null, s.id, token, s.any, [opt(db, s.id, s.any, 'Games'), opt(db, s.id, s.any, 'Art')], '')).toBeNull();
		expect(surveys.saveAnswer(db, null, s.id, token, s.text, [], 'brilliant')).toBeNull();
		return token;
	}

	function expectStoredOnce(db: Db, s: ReturnType<typeof oneQuestionEach>) {
		expect(countRows(db, 'survey_response')).toBe(1);
		expect(countRows(db, 'survey_draft')).toBe(0);
		// smiley (1) + pick any (2) + text (1), in no particular order (answer ids are random)
		const byQuestion = (a: (number | string | null)[], b: (number | string | null)[]) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]);
		expect(db.select().from(surveyAnswer).all().map((a) => [a.questionId, a.optionId, a.text]).sort(byQuestion)).toEqual([
			[s.smiley, opt(db, s.id, s.smiley, 'Good'), null],
			[s.any, opt(db, s.id, s.any, 'Art'), null],
			[s.any, opt(db, s.id, s.any, 'Games'), null],
			[s.text, null, 'brilliant']
		]);
		const tallies = db.select().from(surveyTally).all();
		// One "answered" row per question and one per chosen option, each counted once.
		expect(tallies).toHaveLength(6);
		expect(tallies.every((t) => t.count === 1)).toBe(true);
	}

	it('stores one response when the same token is sent 50 times at once on one connection', async () => {
		const { db, organiser } = setUp();
		const s = oneQuestionEach(db, organiser);
		const token = fill(db, s);
		const sends = await Promise.all(
			Array.from({ length: 50 }, async () => {
				// Every call is issued before any runs.
				await null;
				return surveys.submit(db, null, s.id, token);
			})
		);
		expectStoredOnce(db, s);
		const firsts = sends.filter((r) => !r.alreadySent);
		expect(firsts).toHaveLength(1);
		expect(sends.filter((r) => r.alreadySent)).toHaveLength(49);
		const stored = db.select().from(surveyResponse).get()!;
		expect(firsts[0].responseId).toBe(stored.id);
		expect(sends.filter((r) => r.alreadySent).every((r) => r.responseId === null)).toBe(true);
		expect(new Set(sends.map((r) => r.receipt))).toEqual(new Set([surveys.receiptCode(token)]));
		expect(new Set(sends.map((r) => r.submittedOn))).toEqual(new Set([stored.submittedOn]));
		const r = unprotected(db, s.id);
		expect(r.responses).toBe(1);
		expect(r.questions.map((q) => q.answered)).toEqual([1, 1, 1]);
	});

	it('stores one response when several connections to one database file send the same token', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-surveys-'));
		const path = join(dir, 'chorus.db');
		const connections: Db[] = [];
		try {
			const first = createDb(path);
			connections.push(first);
			const { organiser } = setUp(first);
			const s = oneQuestionEach(first, organiser);
			const token = fill(first, s);
			for (let i = 0; i < 5; i++) connections.push(createDb(path));
			// Each connection has read the survey and draft (and prepared its statements) before any sends.
			for (const c of connections) expect(surveys.open(c, null, s.id, token).state).toBe('draft');
			const sends = await Promise.all(
				connections.flatMap((c) =>
					Array.from({ length: 10 }, async () => {
						await null;
						return surveys.submit(c, null, s.id, token);
					})
				)
			);
			expect(sends).toHaveLength(60);
			expect(sends.filter((r) => !r.alreadySent)).toHaveLength(1);
			const reader = createDb(path);
			connections.push(reader);
			expectStoredOnce(reader, s);
			expect(new Set(sends.map((r) => r.receipt)).size).toBe(1);
		} finally {
			for (const c of connections) c.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('lets the unique token decide when a draft is still there but the response was stored (another connection won)', () => {
		const { db, organiser } = setUp();
		const s = oneQuestionEach(db, organiser);
		const token = fill(db, s);
		const draft = db.select().from(surveyDraft).get()!;
		expect(surveys.submit(db, null, s.id, token).alreadySent).toBe(false);
		// A connection that read the draft before the first send committed still sees it.
		db.insert(surveyDraft).values(draft).run();
		const again = surveys.submit(db, null, s.id, token);
		expect(again.alreadySent).toBe(true);
		expect(again.responseId).toBeNull();
		expect(again.receipt).toBe(surveys.receiptCode(token));
		expect(countRows(db, 'survey_response')).toBe(1);
		expect(countRows(db, 'survey_answer')).toBe(4);
		expect(db.select().from(surveyTally).all().every((t) => t.count === 1)).toBe(true);
	});

	it('has a unique index on the token hash: a second response row with the same token is refused', () => {
		const { db, organiser } = setUp();
		const s = oneQuestionEach(db, organiser);
		const indexes = db.$client.prepare("pragma index_list('survey_response')").all() as { name: string; unique: number }[];
		expect(indexes.find((i) => i.name === 'survey_response_token_idx')?.unique).toBe(1);
		const insert = db.$client.prepare(
			'insert into survey_response (id, survey_id, token_hash, receipt_hash, account_id, submitted_on, locale, on_behalf, respondent_group) values (?, ?, ?, ?, null, ?, ?, 0, ?)'
		);
		insert.run('first', s.id, 'same-hash', 'r1', '2026-11-02', 'en', 'unknown');
		expect(() => insert.run('second', s.id, 'same-hash', 'r2', '2026-11-02', 'en', 'unknown')).toThrow(/UNIQUE constraint failed: survey_response\.token_hash/);
		insert.run('third', s.id, 'other-hash', 'r3', '2026-11-02', 'en', 'unknown');
		expect(countRows(db, 'survey_response')).toBe(2);
	});
});

// ---------------------------------------------------------------------------------------------
// 5. Anonymity
// ---------------------------------------------------------------------------------------------

describe('anonymity', () => {
	const columns = (db: Db, table: string) => (db.$client.prepare(`pragma table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);

	it('the answer tables hold only these columns: no IP, user agent, account beyond named surveys, or time of day', () => {
		const db = testDb();
		expect(columns(db, 'survey_response')).toEqual([
			'id',
			'survey_id',
			'token_hash',
			'receipt_hash',
			'account_id',
			'submitted_on',
			'locale',
			'on_behalf',
			'respondent_group'
		]);
		expect(columns(db, 'survey_answer')).toEqual(['id', 'response_id', 'question_id', 'option_id', 'text', 'quoted']);
		expect(columns(db, 'survey_draft')).toEqual(['token_hash', 'receipt_hash', 'survey_id', 'locale', 'answers', 'account_id', 'on_behalf', 'preview', 'saved_on']);
		expect(columns(db, 'survey_tally')).toEqual(['question_id', 'option_id', 'day', 'respondent_group', 'count']);
		expect(columns(db, 'survey_tally_month')).toEqual(['question_id', 'option_id', 'month', 'respondent_group', 'count']);
	});

	function anonymousSurvey() {
		const s = setUp();
		const id = surveys.create(s.db, s.organiser, details());
		const smiley = surveys.addQuestion(s.db, s.organiser, id, 'smiley3', 'How was it?');
		const text = surveys.addQuestion(s.db, s.organiser, id, 'long_text', 'Tell us more');
		surveys.publish(s.db, s.organiser, id);
		return { ...s, id, smiley, text };
	}

	it('an anonymous response holds no account and only the day, whether or not the person was signed in', () => {
		const { db, parent, id, smiley, text } = anonymousSurvey();
		const auditBefore = countRows(db, 'audit_entry');
		const at = new Date('2026-03-29T23:30:00Z'); // 00:30 in London (summer time)
		const { token } = surveys.start(db, parent, id, 'en', 'answer', at);
		expect(db.select().from(surveyDraft).get()).toMatchObject({ accountId: null, savedOn: '2026-03-30' });
		expect(surveys.saveAnswer(db, parent, id, token, smiley, [opt(db, id, smiley, 'Good')], '', at)).toBeNull();
		expect(surveys.saveAnswer(db, parent, id, token, text, [], 'My son loved it', at)).toBeNull();
		expect(surveys.submit(db, parent, id, token, at).alreadySent).toBe(false);
		respond(db, null, id, [
			[smiley, [opt(db, id, smiley, 'Okay')]],
			[text, 'Fine']
		], { now: at });

		const responses = db.$client.prepare('select * from survey_response').all() as Record<string, unknown>[];
		expect(responses).toHaveLength(2);
		for (const r of responses) {
			expect(r.account_id).toBeNull();
			expect(r.submitted_on).toBe('2026-03-30');
			expect(r.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		expect(db.select({ day: surveyTally.day }).from(surveyTally).all().every((t) => t.day === '2026-03-30')).toBe(true);
		// Nothing stored anywhere in the answer tables looks like an IP address, a time of day or a timestamp.
		// the monthly counts agree with the daily ones
		expect(db.$client.prepare('select question_id, option_id, respondent_group, count from survey_tally_month order by 1, 2, 3').all()).toEqual(
			db.$client.prepare('select question_id, option_id, respondent_group, count from survey_tally order by 1, 2, 3').all()
		);
		expect(db.$client.prepare('select distinct month from survey_tally_month').pluck().all()).toEqual(['2026-03']);
		for (const table of ['survey_response', 'survey_answer', 'survey_draft', 'survey_tally', 'survey_tally_month']) {
			for (const row of db.$client.prepare(`select * from ${table}`).all() as Record<string, unknown>[]) {
				for (const [key, value] of Object.entries(row)) {
					expect(String(value)).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
					expect(String(value)).not.toMatch(/\d{2}:\d{2}/);
					// answer ids are random and above any time in ms (until 2109): see unorderedId
					if (table === 'survey_answer' && key === 'id') expect(value).toBeGreaterThanOrEqual(2 ** 42);
					else if (typeof value === 'number') expect(value).toBeLessThan(1_000_000_000);
				}
			}
		}
		// Answering writes nothing to the audit log (which records who and when).
		expect(countRows(db, 'audit_entry')).toBe(auditBefore);
	});

	it('a named survey keeps the person: visitors must sign in, and nobody else can open their draft', () => {
		const { db, organiser, parent, youngPerson } = setUp();
		const id = surveys.create(db, organiser, details({ anonymous: false, title: 'Named' }));
		const q = surveys.addQuestion(db, organiser, id, 'yes_no', 'Can we call you?');
		surveys.publish(db, organiser, id);
		expect(() => surveys.start(db, null, id, 'en')).toThrow(surveys.SignInNeededError);
		expect(countRows(db, 'survey_draft')).toBe(0);

		const { token } = surveys.start(db, parent, id, 'en');
		expect(db.select().from(surveyDraft).get()!.accountId).toBe(parent.id);
		expect(() => surveys.open(db, youngPerson, id, token)).toThrow(ForbiddenError);
		expect(() => surveys.open(db, null, id, token)).toThrow(surveys.SignInNeededError);
		expect(() => surveys.saveAnswer(db, youngPerson, id, token, q, [opt(db, id, q, 'No')], '')).toThrow(ForbiddenError);
		expect(() => surveys.submit(db, youngPerson, id, token)).toThrow(ForbiddenError);
		expect(surveys.saveAnswer(db, parent, id, token, q, [opt(db, id, q, 'Yes')], '')).toBeNull();
		expect(() => surveys.submit(db, youngPerson, id, token)).toThrow(ForbiddenError);
		expect(countRows(db, 'survey_response')).toBe(0);
		surveys.submit(db, parent, id, token);
		expect(db.select().from(surveyResponse).get()!.accountId).toBe(parent.id);

		// A paper response typed in by an organiser is nobody's account.
		respond(db, organiser, id, [[q, [opt(db, id, q, 'No')]]], { mode: 'paper' });
		expect(
			db
				.select({ accountId: surveyResponse.accountId, onBehalf: surveyResponse.onBehalf })
				.from(surveyResponse)
				.all()
				.sort((a, b) => Number(a.onBehalf) - Number(b.onBehalf))
		).toEqual([
			{ accountId: parent.id, onBehalf: false },
			{ accountId: null, onBehalf: true }
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// 6. Building surveys
// ---------------------------------------------------------------------------------------------

describe('building a survey', () => {
	it('only organisers and admins create and change surveys', () => {
		const { db, admin, organiser, saltLead, parent, boardMember } = setUp();
		for (const actor of [saltLead, parent, boardMember, null]) expect(() => surveys.create(db, actor, details())).toThrow(ForbiddenError);
		expect(countRows(db, 'survey')).toBe(0);
		const id = surveys.create(db, admin, details());
		expect(() => surveys.update(db, saltLead, id, details({ title: 'Changed' }))).toThrow(ForbiddenError);
		expect(() => surveys.addQuestion(db, parent, id, 'smiley3', 'Hello?')).toThrow(ForbiddenError);
		expect(surveys.get(db, ORG, id).title).toBe('Short breaks this summer');
		expect(surveys.create(db, organiser, details())).toBeGreaterThan(id);
	});

	it('creates a draft with trimmed details and its services, and refuses a close before the opening', () => {
		const { db, organiser, salt, camhs } = setUp();
		const at = new Date('2026-09-01T10:00:00Z');
		const id = surveys.create(db, organiser, details({ title: '  Summer clubs  ', intro: ' Hi ', serviceIds: [salt, camhs, salt], closesOn: '2026-09-30' }), at);
		const s = surveys.get(db, ORG, id);
		expect(s).toMatchObject({ title: 'Summer clubs', intro: 'Hi', state: 'draft', anonymous: true, opensOn: '2020-01-01', closesOn: '2026-09-30', createdBy: organiser.id });
		expect(s.serviceIds.sort()).toEqual([salt, camhs].sort());
		expect(db.select().from(auditEntry).where(eq(auditEntry.action, 'survey.created')).all().map((e) => e.subjectId)).toEqual([String(id)]);

		expect(() => surveys.create(db, organiser, details({ opensOn: '2026-10-01', closesOn: '2026-09-30' }))).toThrow(
			expect.objectContaining({ code: 'closes_before_opens' })
		);
		expect(() => surveys.create(db, organiser, details({ serviceIds: [9999] }))).toThrow(expect.objectContaining({ code: 'service_not_found' }));
		expect(countRows(db, 'survey')).toBe(1);
		// Opening and closing on the same day is one day of answers, allowed.
		surveys.update(db, organiser, id, details({ opensOn: '2026-10-01', closesOn: '2026-10-01', serviceIds: [camhs] }));
		expect(surveys.get(db, ORG, id)).toMatchObject({ opensOn: '2026-10-01', closesOn: '2026-10-01', serviceIds: [camhs] });
		expect(() => surveys.update(db, organiser, id, details({ opensOn: '2026-10-02', closesOn: '2026-10-01' }))).toThrow(ValidationError);
		expect(surveys.get(db, ORG, id).opensOn).toBe('2026-10-01');
	});

	it('cannot switch between anonymous and named once responses exist', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const q = surveys.addQuestion(db, organiser, id, 'yes_no', 'Did it help?');
		// Before anyone answers it can change both ways.
		surveys.update(db, organiser, id, details({ anonymous: false }));
		expect(surveys.get(db, ORG, id).anonymous).toBe(false);
		surveys.update(db, organiser, id, details({ anonymous: true }));
		surveys.publish(db, organiser, id);
		respond(db, null, id, [[q, [opt(db, id, q, 'Yes')]]]);
		expect(() => surveys.update(db, organiser, id, details({ anonymous: false, title: 'Named now' }))).toThrow(ConflictError);
		expect(() => surveys.update(db, organiser, id, details({ anonymous: false }))).toThrow(expect.objectContaining({ code: 'anonymity_fixed' }));
		expect(surveys.get(db, ORG, id)).toMatchObject({ anonymous: true, title: 'Short breaks this summer' });
		// Other details can still change.
		surveys.update(db, organiser, id, details({ title: 'Renamed' }));
		expect(surveys.get(db, ORG, id)).toMatchObject({ anonymous: true, title: 'Renamed' });
	});

	it('adds questions at the end; smiley and yes / no ones come with their usual answers and symbols', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const kinds: QuestionKind[] = ['smiley3', 'smiley5', 'yes_no', 'pick_one', 'pick_any', 'short_text', 'long_text'];
		const ids = kinds.map((kind) => surveys.addQuestion(db, organiser, id, kind, `  About ${kind}  `));
		const questions = surveys.questionsOf(db, ORG, id);
		expect(questions.map((q) => [q.id, q.kind, q.text, q.position, q.required, q.version])).toEqual(
			kinds.map((kind, i) => [ids[i], kind, `About ${kind}`, i + 1, true, 1])
		);
		const shape = (q: surveys.QuestionWithOptions) => q.options.map((o) => [o.label, o.symbolId, o.positive, o.position]);
		expect(shape(questions[0])).toEqual([
			['Not good', 'sad', false, 1],
			['Okay', 'okay', false, 2],
			['Good', 'happy', true, 3]
		]);
		expect(shape(questions[1])).toEqual([
			['Very bad', 'very-sad', false, 1],
			['Bad', 'sad', false, 2],
			['Okay', 'okay', false, 3],
			['Good', 'happy', true, 4],
			['Very good', 'very-happy', true, 5]
		]);
		expect(shape(questions[2])).toEqual([
			['Yes', 'yes', true, 1],
			['No', 'no', false, 2],
			['Not sure', 'not-sure', false, 3]
		]);
		for (const q of questions.slice(3)) expect(q.options).toEqual([]);
		expect(() => surveys.addQuestion(db, organiser, id, 'smiley3', '   ')).toThrow(expect.objectContaining({ code: 'question_text_required' }));
		expect(() => surveys.addQuestion(db, organiser, 9999, 'smiley3', 'Where?')).toThrow(NotFoundError);
		expect(surveys.questionsOf(db, ORG, id)).toHaveLength(7);
		expect(auditActions(db).filter((a) => a === 'survey.question_added')).toHaveLength(7);
	});

	it('adds each ready-made "about you" question once, optional, ending with "Prefer not to say"', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		for (const which of ABOUT_YOU) {
			const qid = surveys.addAboutYou(db, organiser, id, which);
			const q = question(db, id, qid);
			expect(q).toMatchObject({ kind: 'pick_one', required: false, aboutYou: which });
			expect(q.options.at(-1)).toMatchObject({ label: 'Prefer not to say', respondentGroup: null, positive: false });
			expect(q.options.length).toBeGreaterThanOrEqual(3);
			expect(() => surveys.addAboutYou(db, organiser, id, which)).toThrow(ConflictError);
			expect(() => surveys.addAboutYou(db, organiser, id, which)).toThrow(expect.objectContaining({ code: 'about_you_exists' }));
		}
		expect(surveys.questionsOf(db, ORG, id).map((q) => q.aboutYou)).toEqual([...ABOUT_YOU]);
		const who = surveys.questionsOf(db, ORG, id).find((q) => q.aboutYou === 'who')!;
		expect(who.options.map((o) => [o.label, o.respondentGroup])).toEqual([
			['A parent or carer', 'parent_carer'],
			['A child or young person', 'young_person'],
			['Someone who works with children', 'other'],
			['Prefer not to say', null]
		]);
		// Another survey can have its own.
		const other = surveys.create(db, organiser, details());
		expect(question(db, other, surveys.addAboutYou(db, organiser, other, 'who')).aboutYou).toBe('who');
	});

	it('moves a question up or down one place; at either end it stays', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const [a, b, c] = ['A', 'B', 'C'].map((t) => surveys.addQuestion(db, organiser, id, 'short_text', t));
		const order = () => surveys.questionsOf(db, ORG, id).map((q) => [q.text, q.position]);
		surveys.moveQuestion(db, organiser, c, 'up');
		expect(order()).toEqual([['A', 1], ['C', 2], ['B', 3]]);
		surveys.moveQuestion(db, organiser, a, 'up'); // already first
		expect(order()).toEqual([['A', 1], ['C', 2], ['B', 3]]);
		surveys.moveQuestion(db, organiser, b, 'down'); // already last
		expect(order()).toEqual([['A', 1], ['C', 2], ['B', 3]]);
		surveys.moveQuestion(db, organiser, a, 'down');
		expect(order()).toEqual([['C', 1], ['A', 2], ['B', 3]]);
		surveys.moveQuestion(db, organiser, b, 'up');
		surveys.moveQuestion(db, organiser, b, 'up');
		expect(order()).toEqual([['B', 1], ['C', 2], ['A', 3]]);
		expect(() => surveys.moveQuestion(db, organiser, 9999, 'up')).toThrow(NotFoundError);
		expect(() => surveys.moveQuestion(db, null, a, 'up')).toThrow(ForbiddenError);
	});

	it('removes an unanswered question (renumbering the rest, dropping its translations) but not an answered one', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details({ intro: '' }));
		const a = surveys.addQuestion(db, organiser, id, 'yes_no', 'A');
		const b = surveys.addQuestion(db, organiser, id, 'short_text', 'B');
		const c = surveys.addQuestion(db, organiser, id, 'short_text', 'C');
		surveys.updateQuestion(db, organiser, c, inputOf(question(db, id, c), { required: false }));
		surveys.saveTranslation(db, organiser, id, 'pl', { title: 'Tytuł', [`question.${b}.text`]: 'Pytanie B' });
		surveys.removeQuestion(db, organiser, b);
		expect(surveys.questionsOf(db, ORG, id).map((q) => [q.id, q.position])).toEqual([
			[a, 1],
			[c, 2]
		]);
		expect(surveys.translationsOf(db, ORG, id, 'pl')).toEqual(new Map([['title', 'Tytuł']]));

		surveys.publish(db, organiser, id);
		respond(db, null, id, [[a, [opt(db, id, a, 'Yes')]]]); // C skipped
		expect(() => surveys.removeQuestion(db, organiser, a)).toThrow(expect.objectContaining({ code: 'question_answered' }));
		expect(() => surveys.removeQuestion(db, organiser, a)).toThrow(ConflictError);
		expect(surveys.questionsOf(db, ORG, id).map((q) => q.id)).toEqual([a, c]);
		// Nobody answered C, so it can still go.
		surveys.removeQuestion(db, organiser, c);
		expect(surveys.questionsOf(db, ORG, id).map((q) => q.id)).toEqual([a]);
		expect(() => surveys.removeQuestion(db, organiser, c)).toThrow(NotFoundError);
	});

	it('keeps the old wording as a version when a question is reworded after responses, not before', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const qid = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was the club?');
		surveys.updateQuestion(db, organiser, qid, inputOf(question(db, id, qid), { text: 'How was the summer club?', help: 'Think of the last time.' }));
		expect(question(db, id, qid)).toMatchObject({ text: 'How was the summer club?', help: 'Think of the last time.', version: 1 });
		expect(surveys.questionVersions(db, organiser, qid)).toEqual([]);

		surveys.publish(db, organiser, id);
		respond(db, null, id, [[qid, [opt(db, id, qid, 'Good')]]]);
		// Changing only whether it is required is not a rewording.
		surveys.updateQuestion(db, organiser, qid, inputOf(question(db, id, qid), { required: false }));
		expect(question(db, id, qid).version).toBe(1);

		const before = question(db, id, qid);
		const at = new Date('2026-10-05T08:00:00Z');
		surveys.updateQuestion(db, organiser, qid, inputOf(before, { text: 'How was the holiday club?' }), at);
		expect(question(db, id, qid)).toMatchObject({ text: 'How was the holiday club?', version: 2 });
		const versions = surveys.questionVersions(db, organiser, qid);
		expect(versions).toHaveLength(1);
		expect(versions[0]).toMatchObject({ questionId: qid, version: 1, replacedBy: organiser.id, replacedAt: at });
		expect(versions[0].wording).toEqual({
			text: 'How was the summer club?',
			help: 'Think of the last time.',
			options: before.options.map((o) => ({ id: o.id, label: o.label }))
		});

		// Rewording an option's words is a rewording too.
		const now = question(db, id, qid);
		surveys.updateQuestion(db, organiser, qid, inputOf(now, { options: inputOf(now).options.map((o) => (o.label === 'Okay' ? { ...o, label: 'All right' } : o)) }));
		expect(question(db, id, qid).version).toBe(3);
		expect(surveys.questionVersions(db, organiser, qid).map((v) => [v.version, v.wording.text])).toEqual([
			[2, 'How was the holiday club?'],
			[1, 'How was the summer club?']
		]);
		expect(surveys.questionVersions(db, organiser, qid)[0].wording.options.map((o) => o.label)).toEqual(['Not good', 'Okay', 'Good']);
		expect(() => surveys.questionVersions(db, null, qid)).toThrow(ForbiddenError);
	});

	it('refuses to remove an option somebody chose, allows removing and adding others', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const qid = surveys.addQuestion(db, organiser, id, 'pick_one', 'Which day?');
		giveOptions(db, organiser, id, qid, ['Saturday', 'Sunday', 'Monday']);
		surveys.publish(db, organiser, id);
		respond(db, null, id, [[qid, [opt(db, id, qid, 'Saturday')]]]);
		const q = question(db, id, qid);
		const keep = (labels: string[]) => inputOf(q).options.filter((o) => labels.includes(o.label));
		expect(() => surveys.updateQuestion(db, organiser, qid, inputOf(q, { options: keep(['Sunday', 'Monday']) }))).toThrow(
			expect.objectContaining({ code: 'option_answered' })
		);
		expect(() => surveys.updateQuestion(db, organiser, qid, inputOf(q, { options: keep(['Sunday', 'Monday']) }))).toThrow(ConflictError);
		expect(question(db, id, qid).options.map((o) => o.label)).toEqual(['Saturday', 'Sunday', 'Monday']);
		surveys.updateQuestion(db, organiser, qid, inputOf(q, { options: [...keep(['Saturday', 'Sunday']), newOption('Friday')] }));
		expect(question(db, id, qid).options.map((o) => [o.label, o.position])).toEqual([
			['Saturday', 1],
			['Sunday', 2],
			['Friday', 3]
		]);
		// Adding or removing an option is not a rewording.
		expect(question(db, id, qid).version).toBe(1);
		// Options are reordered as given.
		const now = question(db, id, qid);
		surveys.updateQuestion(db, organiser, qid, inputOf(now, { options: [...inputOf(now).options].reverse() }));
		expect(question(db, id, qid).options.map((o) => o.label)).toEqual(['Friday', 'Sunday', 'Saturday']);
	});

	it('keeps the number of smiley and yes / no options fixed, and refuses unknown symbols and foreign options', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
		const yesNo = surveys.addQuestion(db, organiser, id, 'yes_no', 'Again?');
		const q = question(db, id, smiley);
		expect(() => surveys.updateQuestion(db, organiser, smiley, inputOf(q, { options: inputOf(q).options.slice(1) }))).toThrow(
			expect.objectContaining({ code: 'options_fixed' })
		);
		expect(() => surveys.updateQuestion(db, organiser, smiley, inputOf(q, { options: [...inputOf(q).options, newOption('Great')] }))).toThrow(
			expect.objectContaining({ code: 'options_fixed' })
		);
		expect(question(db, id, smiley).options).toHaveLength(3);
		// Their words and symbols can change.
		surveys.updateQuestion(db, organiser, smiley, inputOf(q, { options: inputOf(q).options.map((o, i) => ({ ...o, label: `Level ${i + 1}`, symbolId: i === 2 ? 'very-happy' : o.symbolId })) }));
		expect(question(db, id, smiley).options.map((o) => [o.label, o.symbolId])).toEqual([
			['Level 1', 'sad'],
			['Level 2', 'okay'],
			['Level 3', 'very-happy']
		]);

		const after = question(db, id, smiley);
		expect(() =>
			surveys.updateQuestion(db, organiser, smiley, inputOf(after, { options: inputOf(after).options.map((o) => ({ ...o, symbolId: 'not-a-symbol' })) }))
		).toThrow(expect.objectContaining({ code: 'symbol_not_found' }));
		expect(() => surveys.updateQuestion(db, organiser, smiley, inputOf(after, { symbolId: 'not-a-symbol' }))).toThrow(expect.objectContaining({ code: 'symbol_not_found' }));
		surveys.updateQuestion(db, organiser, smiley, inputOf(after, { symbolId: 'happy' }));
		expect(question(db, id, smiley).symbolId).toBe('happy');
		// An option of another question cannot be slipped in.
		const foreign = question(db, id, yesNo).options[0];
		expect(() =>
			surveys.updateQuestion(db, organiser, smiley, inputOf(after, { options: [...inputOf(after).options.slice(0, 2), { ...inputOf(after).options[2], id: foreign.id }] }))
		).toThrow(expect.objectContaining({ code: 'option_not_found' }));
		expect(() => surveys.updateQuestion(db, organiser, smiley, inputOf(after, { text: '  ' }))).toThrow(expect.objectContaining({ code: 'question_text_required' }));
		expect(question(db, id, smiley).options.map((o) => o.label)).toEqual(['Level 1', 'Level 2', 'Level 3']);
	});

	it('publishes only with questions, and with at least two options on each choice question', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		expect(surveys.builderView(db, ORG, id).problems).toEqual([{ code: 'no_questions' }]);
		expect(() => surveys.publish(db, organiser, id)).toThrow(expect.objectContaining({ code: 'no_questions' }));
		const one = surveys.addQuestion(db, organiser, id, 'pick_one', 'Which day?');
		const any = surveys.addQuestion(db, organiser, id, 'pick_any', 'What else?');
		surveys.addQuestion(db, organiser, id, 'short_text', 'Why?');
		giveOptions(db, organiser, id, one, ['Saturday']);
		expect(surveys.builderView(db, ORG, id).problems).toEqual([
			{ code: 'too_few_options', questionId: one },
			{ code: 'too_few_options', questionId: any }
		]);
		expect(() => surveys.publish(db, organiser, id)).toThrow(ValidationError);
		expect(surveys.get(db, ORG, id).state).toBe('draft');
		giveOptions(db, organiser, id, one, ['Saturday', 'Sunday']);
		giveOptions(db, organiser, id, any, ['Art', 'Games']);
		expect(surveys.builderView(db, ORG, id).problems).toEqual([]);
		expect(() => surveys.publish(db, null, id)).toThrow(ForbiddenError);
		const at = new Date('2026-09-01T10:00:00Z');
		surveys.publish(db, organiser, id, at);
		expect(surveys.get(db, ORG, id)).toMatchObject({ state: 'published', publishedAt: at, closedAt: null });
		expect(auditActions(db).filter((a) => a === 'survey.published')).toHaveLength(1);
	});

	it('closes a published survey and reopens it; a draft cannot be closed', () => {
		const { db, organiser, parent } = setUp();
		const id = surveys.create(db, organiser, details());
		surveys.addQuestion(db, organiser, id, 'yes_no', 'Again?');
		expect(() => surveys.close(db, organiser, id)).toThrow(expect.objectContaining({ code: 'not_published' }));
		const published = new Date('2026-09-01T10:00:00Z');
		const closed = new Date('2026-09-20T10:00:00Z');
		surveys.publish(db, organiser, id, published);
		expect(() => surveys.close(db, parent, id)).toThrow(ForbiddenError);
		surveys.close(db, organiser, id, closed);
		expect(surveys.get(db, ORG, id)).toMatchObject({ state: 'closed', closedAt: closed });
		expect(() => surveys.start(db, null, id, 'en')).toThrow(surveys.SurveyClosedError);
		surveys.publish(db, organiser, id, new Date('2026-09-25T10:00:00Z'));
		// Reopened: the first publishing day is kept.
		expect(surveys.get(db, ORG, id)).toMatchObject({ state: 'published', closedAt: null, publishedAt: published });
		expect(auditActions(db).filter((a) => ['survey.published', 'survey.closed', 'survey.reopened'].includes(a))).toEqual([
			'survey.published',
			'survey.closed',
			'survey.reopened'
		]);
		expect(surveys.start(db, null, id, 'en').token).toMatch(/^[a-z2-7]+$/);
	});

	it('duplicates questions, options, translations (keys moved to the new ids) and services, never responses', () => {
		const { db, organiser, salt, camhs } = setUp();
		const id = surveys.create(db, organiser, details({ serviceIds: [salt, camhs], closesOn: '2099-12-31' }));
		const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
		const who = surveys.addAboutYou(db, organiser, id, 'who');
		const pick = surveys.addQuestion(db, organiser, id, 'pick_any', 'What did you do?');
		giveOptions(db, organiser, id, pick, ['Art', 'Games'], ['Art']);
		surveys.updateQuestion(db, organiser, smiley, inputOf(question(db, id, smiley), { help: 'Think of the last visit.', serviceId: salt, symbolId: 'happy' }));
		const texts = Object.fromEntries(surveys.translatableTexts(db, ORG, id).map((t) => [t.key, `PL ${t.english}`]));
		surveys.saveTranslation(db, organiser, id, 'pl', texts);
		surveys.publish(db, organiser, id);
		respond(db, null, id, [
			[smiley, [opt(db, id, smiley, 'Good')]],
			[pick, [opt(db, id, pick, 'Art')]]
		]);

		const at = new Date('2026-10-10T10:00:00Z');
		const copy = surveys.duplicate(db, organiser, id, at);
		expect(copy).not.toBe(id);
		const c = surveys.get(db, ORG, copy);
		expect(c).toMatchObject({ title: 'Short breaks this summer (copy)', state: 'draft', opensOn: '2026-10-10', closesOn: null, anonymous: true, publishedAt: null });
		expect(c.serviceIds.sort()).toEqual([salt, camhs].sort());

		const strip = (qs: surveys.QuestionWithOptions[]) =>
			qs.map((q) => ({
				kind: q.kind,
				text: q.text,
				help: q.help,
				position: q.position,
				required: q.required,
				symbolId: q.symbolId,
				serviceId: q.serviceId,
				aboutYou: q.aboutYou,
				version: q.version,
				options: q.options.map((o) => [o.label, o.symbolId, o.positive, o.position, o.respondentGroup])
			}));
		const original = surveys.questionsOf(db, ORG, id);
		const copied = surveys.questionsOf(db, ORG, copy);
		expect(strip(copied)).toEqual(strip(original));
		expect(copied.map((q) => q.id).some((qid) => [smiley, who, pick].includes(qid))).toBe(false);
		const originalOptionIds = new Set(original.flatMap((q) => q.options.map((o) => o.id)));
		expect(copied.flatMap((q) => q.options).some((o) => originalOptionIds.has(o.id))).toBe(false);

		// Translations follow the new ids, so the copy is fully translated too.
		const copiedTexts = surveys.translationsOf(db, ORG, copy, 'pl');
		expect(copiedTexts.size).toBe(Object.keys(texts).length);
		for (const t of surveys.translatableTexts(db, ORG, copy)) {
			const wanted = t.key === 'title' ? 'PL Short breaks this summer' : `PL ${t.english}`;
			expect(copiedTexts.get(t.key)).toBe(wanted);
		}
		expect(surveys.completeLocales(db, copy)).toEqual(['en', 'pl']);
		expect(surveys.forAnswering(db, copy, 'pl').questions[0].text).toBe('PL How was it?');

		// No responses, answers or tallies come along.
		expect(surveys.builderView(db, ORG, copy)).toMatchObject({ responses: 0, questions: { length: 3 } });
		expect(db.select().from(surveyResponse).where(eq(surveyResponse.surveyId, copy)).all()).toEqual([]);
		expect(surveys.results(db, organiser, copy).questions.map((q) => q.answered)).toEqual([{ kind: 'none' }, { kind: 'none' }, { kind: 'none' }]);
		expect(rawCounts(db, id).responses).toBe(1);
		expect(db.select().from(auditEntry).where(eq(auditEntry.action, 'survey.duplicated')).get()).toMatchObject({ subjectId: String(copy), details: JSON.stringify({ from: id }) });
	});

	// The checks themselves (type by bytes, sizes, nothing but pixels) are images.spec.ts's contract.
	it('stores a picture drawn anew: still a PNG with its transparency, without its XMP', async () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const upload = await sharp({ create: { width: 30, height: 20, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 0.5 } } })
			.png()
			.withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/">Drawn at 12 Acacia Avenue</x:xmpmeta>')
			.toBuffer();
		expect((await sharp(upload).metadata()).xmp).toBeDefined(); // in a compressed zTXt chunk

		const imageId = await surveys.addImage(db, organiser, id, upload, '  A red square  ');

		expect(surveys.imagesOf(db, organiser, id)).toEqual([{ id: imageId, alt: 'A red square', width: 30, height: 20 }]);
		const file = surveys.imageFile(db, organiser, imageId);
		expect(file.mime).toBe('image/png');
		expect(Buffer.from(file.bytes).includes('zTXt')).toBe(false);
		const meta = await sharp(file.bytes).metadata();
		expect([meta.format, meta.hasAlpha, meta.xmp]).toEqual(['png', true, undefined]);
		expect(db.select().from(auditEntry).where(eq(auditEntry.action, 'survey.image_added')).get()).toMatchObject({ subjectId: String(id) });
	});

	it('stores no picture that is not a PNG or JPEG, has no description, or comes from someone who may not build surveys', async () => {
		const { db, organiser, parent } = setUp();
		const id = surveys.create(db, organiser, details());
		const square = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } }).jpeg().toBuffer();
		const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
		const codeOf = (upload: Promise<number>) => upload.then(String, (error: unknown) => (error as ValidationError).code);

		expect(await codeOf(surveys.addImage(db, organiser, id, svg, 'A drawing'))).toBe('image_type');
		expect(await codeOf(surveys.addImage(db, organiser, id, square, ' '))).toBe('alt_required');
		expect(await codeOf(surveys.addImage(db, parent, id, square, 'A red square'))).toBe('forbidden');
		expect(db.select().from(surveyImage).all()).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// 7. Translations
// ---------------------------------------------------------------------------------------------

describe('translations', () => {
	function translatable() {
		const s = setUp();
		const id = surveys.create(s.db, s.organiser, details());
		const q = surveys.addQuestion(s.db, s.organiser, id, 'yes_no', 'Did it help?');
		surveys.updateQuestion(s.db, s.organiser, q, inputOf(question(s.db, id, q), { help: 'Any help counts.' }));
		return { ...s, id, q };
	}

	it('offers a language only when every text is translated', () => {
		const { db, organiser, id, q } = translatable();
		const keys = surveys.translatableTexts(db, ORG, id).map((t) => t.key);
		const [yes, no, unsure] = question(db, id, q).options.map((o) => o.id);
		expect(keys).toEqual(['title', 'intro', `question.${q}.text`, `question.${q}.help`, `option.${yes}.label`, `option.${no}.label`, `option.${unsure}.label`]);
		const polish = {
			title: 'Krótkie przerwy',
			intro: 'Powiedz nam',
			[`question.${q}.text`]: 'Czy to pomogło?',
			[`question.${q}.help`]: 'Każda pomoc się liczy.',
			[`option.${yes}.label`]: 'Tak',
			[`option.${no}.label`]: 'Nie',
			[`option.${unsure}.label`]: 'Nie wiem'
		};
		expect(surveys.completeLocales(db, id)).toEqual(['en']);
		surveys.saveTranslation(db, organiser, id, 'pl', polish);
		// Urdu lacks one option.
		const { [`option.${unsure}.label`]: _missing, ...urdu } = polish;
		void _missing;
		surveys.saveTranslation(db, organiser, id, 'ur', urdu);
		expect(surveys.completeLocales(db, id)).toEqual(['en', 'pl']);
		expect(surveys.locales(db, id)).toEqual(['en', 'pl']);
		// An empty text removes that translation: Polish is no longer complete.
		surveys.saveTranslation(db, organiser, id, 'pl', { ...polish, intro: '   ' });
		expect(surveys.translationsOf(db, ORG, id, 'pl').has('intro')).toBe(false);
		expect(surveys.completeLocales(db, id)).toEqual(['en']);
		surveys.saveTranslation(db, organiser, id, 'pl', polish);
		surveys.saveTranslation(db, organiser, id, 'ur', { ...urdu, [`option.${unsure}.label`]: 'معلوم نہیں' });
		expect(surveys.completeLocales(db, id)).toEqual(['en', 'pl', 'ur']);
		// A new question makes both incomplete again.
		surveys.addQuestion(db, organiser, id, 'short_text', 'Anything else?');
		expect(surveys.completeLocales(db, id)).toEqual(['en']);
	});

	it('shows the survey in a language it is translated into, English otherwise', () => {
		const { db, organiser, id, q } = translatable();
		const [yes, no, unsure] = question(db, id, q).options.map((o) => o.id);
		surveys.saveTranslation(db, organiser, id, 'pl', {
			title: 'Krótkie przerwy',
			intro: 'Powiedz nam',
			[`question.${q}.text`]: 'Czy to pomogło?',
			[`question.${q}.help`]: 'Każda pomoc się liczy.',
			[`option.${yes}.label`]: 'Tak',
			[`option.${no}.label`]: 'Nie',
			[`option.${unsure}.label`]: 'Nie wiem'
		});
		const pl = surveys.forAnswering(db, id, 'pl');
		expect(pl).toMatchObject({ locale: 'pl', title: 'Krótkie przerwy', intro: 'Powiedz nam' });
		expect(pl.questions.map((x) => [x.text, x.help, x.options.map((o) => o.label)])).toEqual([['Czy to pomogło?', 'Każda pomoc się liczy.', ['Tak', 'Nie', 'Nie wiem']]]);
		const en = surveys.forAnswering(db, id, 'en');
		expect(en.questions.map((x) => [x.text, x.help, x.options.map((o) => o.label)])).toEqual([['Did it help?', 'Any help counts.', ['Yes', 'No', 'Not sure']]]);
		expect(surveys.forAnswering(db, id, 'tr').title).toBe('Short breaks this summer');

		// Starting in a complete language keeps it; in an incomplete one falls back to English.
		surveys.publish(db, organiser, id);
		surveys.start(db, null, id, 'pl');
		surveys.start(db, null, id, 'tr');
		expect(db.select({ locale: surveyDraft.locale }).from(surveyDraft).all().map((d) => d.locale).sort()).toEqual(['en', 'pl']);
	});

	it('refuses keys that are not texts of this survey, English as a translation, and people who do not build surveys', () => {
		const { db, organiser, parent, id } = translatable();
		const other = surveys.create(db, organiser, details());
		const otherQ = surveys.addQuestion(db, organiser, other, 'short_text', 'Other');
		surveys.saveTranslation(db, organiser, id, 'pl', { title: 'Tytuł' });
		expect(() => surveys.saveTranslation(db, organiser, id, 'pl', { title: 'Nowy', [`question.${otherQ}.text`]: 'Inne' })).toThrow(
			expect.objectContaining({ code: 'translation_key_invalid' })
		);
		expect(() => surveys.saveTranslation(db, organiser, id, 'pl', { 'question.999999.text': 'x' })).toThrow(ValidationError);
		expect(() => surveys.saveTranslation(db, organiser, id, 'pl', { nonsense: 'x' })).toThrow(ValidationError);
		// Nothing changed.
		expect(surveys.translationsOf(db, ORG, id, 'pl')).toEqual(new Map([['title', 'Tytuł']]));
		for (const locale of ['en', 'EN', 'polish', '', 'p1']) {
			expect(() => surveys.saveTranslation(db, organiser, id, locale, { title: 'x' })).toThrow(expect.objectContaining({ code: 'locale_invalid' }));
		}
		expect(() => surveys.saveTranslation(db, parent, id, 'pl', { title: 'x' })).toThrow(ForbiddenError);
		expect(db.select().from(surveyTranslation).all().map((t) => [t.locale, t.key, t.text])).toEqual([['pl', 'title', 'Tytuł']]);
	});
});

// ---------------------------------------------------------------------------------------------
// 8. Answering
// ---------------------------------------------------------------------------------------------

describe('answering', () => {
	function answerable(overrides: Partial<surveys.SurveyInput> = {}) {
		const s = setUp();
		const id = surveys.create(s.db, s.organiser, details(overrides));
		const smiley = surveys.addQuestion(s.db, s.organiser, id, 'smiley3', 'How was it?');
		const text = surveys.addQuestion(s.db, s.organiser, id, 'short_text', 'One word?');
		const extra = surveys.addQuestion(s.db, s.organiser, id, 'long_text', 'Anything else?');
		surveys.updateQuestion(s.db, s.organiser, extra, inputOf(question(s.db, id, extra), { required: false }));
		return { ...s, id, smiley, text, extra };
	}

	it('starts only while the survey is published and between its dates', () => {
		const { db, organiser, id } = answerable({ opensOn: '2030-06-01', closesOn: '2030-06-30' });
		const on = (day: string) => new Date(`${day}T12:00:00Z`);
		const code = (fn: () => unknown) => {
			try {
				fn();
			} catch (e) {
				expect(e).toBeInstanceOf(surveys.SurveyClosedError);
				return (e as surveys.SurveyClosedError).code;
			}
			return 'started';
		};
		expect(code(() => surveys.start(db, null, id, 'en', 'answer', on('2030-06-10')))).toBe('survey_closed'); // still a draft
		surveys.publish(db, organiser, id);
		expect(code(() => surveys.start(db, null, id, 'en', 'answer', on('2030-05-31')))).toBe('not_open_yet');
		expect(code(() => surveys.start(db, null, id, 'en', 'answer', on('2030-06-01')))).toBe('started');
		expect(code(() => surveys.start(db, null, id, 'en', 'answer', on('2030-06-30')))).toBe('started');
		expect(code(() => surveys.start(db, null, id, 'en', 'answer', on('2030-07-01')))).toBe('survey_closed');
		surveys.close(db, organiser, id);
		expect(code(() => surveys.start(db, null, id, 'en', 'answer', on('2030-06-10')))).toBe('survey_closed');
		expect(countRows(db, 'survey_draft')).toBe(2);
		expect(() => surveys.start(db, null, 9999, 'en')).toThrow(NotFoundError);
	});

	it('tells "not open yet" by the day it is asked about, not by the clock', () => {
		const { db, organiser, id } = answerable({ opensOn: '2020-06-01' });
		surveys.publish(db, organiser, id);
		expect(() => surveys.start(db, null, id, 'en', 'answer', new Date('2020-05-31T12:00:00Z'))).toThrow(expect.objectContaining({ code: 'not_open_yet' }));
	});

	it('stops a draft from being continued or sent once the survey closes', () => {
		const { db, organiser, id, smiley, text } = answerable();
		surveys.publish(db, organiser, id);
		const { token } = surveys.start(db, null, id, 'en');
		expect(surveys.saveAnswer(db, null, id, token, smiley, [opt(db, id, smiley, 'Good')], '')).toBeNull();
		expect(surveys.saveAnswer(db, null, id, token, text, [], 'great')).toBeNull();
		surveys.close(db, organiser, id);
		expect(() => surveys.open(db, null, id, token)).toThrow(surveys.SurveyClosedError);
		expect(() => surveys.submit(db, null, id, token)).toThrow(surveys.SurveyClosedError);
		expect(countRows(db, 'survey_response')).toBe(0);
		expect(countRows(db, 'survey_draft')).toBe(1);
	});

	it('lets only organisers preview, even a draft survey, and never sends a preview', () => {
		const { db, organiser, parent, saltLead, id, smiley, text } = answerable();
		expect(() => surveys.start(db, parent, id, 'en', 'preview')).toThrow(ForbiddenError);
		expect(() => surveys.start(db, saltLead, id, 'en', 'preview')).toThrow(ForbiddenError);
		expect(() => surveys.start(db, null, id, 'en', 'preview')).toThrow(ForbiddenError);
		const { token } = surveys.start(db, organiser, id, 'en', 'preview');
		expect(db.select().from(surveyDraft).get()).toMatchObject({ preview: true, onBehalf: false, accountId: null });
		expect(() => surveys.open(db, parent, id, token)).toThrow(ForbiddenError);
		expect(surveys.saveAnswer(db, organiser, id, token, smiley, [opt(db, id, smiley, 'Good')], '')).toBeNull();
		expect(surveys.saveAnswer(db, organiser, id, token, text, [], 'testing')).toBeNull();
		expect(() => surveys.submit(db, organiser, id, token)).toThrow(expect.objectContaining({ code: 'preview_not_sent' }));
		expect(countRows(db, 'survey_response')).toBe(0);
		expect(countRows(db, 'survey_tally')).toBe(0);
		expect(countRows(db, 'survey_tally_month')).toBe(0);
		expect(countRows(db, 'survey_draft')).toBe(1);
	});

	it('marks paper responses typed in by an organiser, even after the survey closed, but not for a draft survey', () => {
		const { db, organiser, parent, id, smiley, text } = answerable();
		expect(() => surveys.start(db, organiser, id, 'en', 'paper')).toThrow(surveys.SurveyClosedError);
		surveys.publish(db, organiser, id);
		expect(() => surveys.start(db, parent, id, 'en', 'paper')).toThrow(ForbiddenError);
		surveys.close(db, organiser, id);
		const sent = respond(
			db,
			organiser,
			id,
			[
				[smiley, [opt(db, id, smiley, 'Okay')]],
				[text, 'from the paper form']
			],
			{ mode: 'paper' }
		);
		expect(sent.alreadySent).toBe(false);
		expect(db.select().from(surveyResponse).get()).toMatchObject({ id: sent.responseId, onBehalf: true, accountId: null });
		expect(surveys.exportRows(db, organiser, id)[1][3]).toBe('yes');
	});

	it('returns the problem with an answer and keeps the draft as it was', () => {
		const { db, organiser, id, smiley, text, extra } = answerable();
		surveys.publish(db, organiser, id);
		const { token } = surveys.start(db, null, id, 'en');
		const draft = () => JSON.parse(db.select().from(surveyDraft).get()!.answers);
		const good = opt(db, id, smiley, 'Good');
		expect(surveys.saveAnswer(db, null, id, token, smiley, [good], '')).toBeNull();
		expect(surveys.saveAnswer(db, null, id, token, text, [], '  spaced   out ')).toBeNull();
		const saved = { [smiley]: { options: [good], text: '' }, [text]: { options: [], text: 'spaced out' } };
		expect(draft()).toEqual(saved);
		expect(surveys.saveAnswer(db, null, id, token, smiley, [], '')).toBe('required');
		expect(surveys.saveAnswer(db, null, id, token, smiley, [good, opt(db, id, smiley, 'Okay')], '')).toBe('one_only');
		expect(surveys.saveAnswer(db, null, id, token, smiley, [opt(db, id, smiley, 'Good') + 1000], '')).toBe('unknown_option');
		expect(surveys.saveAnswer(db, null, id, token, text, [], 'x'.repeat(201))).toBe('too_long');
		expect(surveys.saveAnswer(db, null, id, token, extra, [], 'x'.repeat(5001))).toBe('too_long');
		expect(draft()).toEqual(saved);
		// Skipping an optional question clears its earlier answer.
		expect(surveys.saveAnswer(db, null, id, token, extra, [], 'first thoughts')).toBeNull();
		expect(draft()[extra]).toEqual({ options: [], text: 'first thoughts' });
		expect(surveys.saveAnswer(db, null, id, token, extra, [], '   ')).toBeNull();
		expect(draft()).toEqual(saved);
		// A question of another survey is not found.
		const other = surveys.create(db, organiser, details());
		const otherQ = surveys.addQuestion(db, organiser, other, 'short_text', 'Elsewhere');
		expect(() => surveys.saveAnswer(db, null, id, token, otherQ, [], 'hi')).toThrow(NotFoundError);
		expect(() => surveys.saveAnswer(db, null, other, token, otherQ, [], 'hi')).toThrow(NotFoundError);
		expect(draft()).toEqual(saved);
	});

	it('refuses to send while a required question is unanswered, and sends once they all are', () => {
		const { db, organiser, id, smiley, text } = answerable();
		surveys.publish(db, organiser, id);
		const { token } = surveys.start(db, null, id, 'en');
		expect(surveys.saveAnswer(db, null, id, token, smiley, [opt(db, id, smiley, 'Good')], '')).toBeNull();
		const opened = surveys.open(db, null, id, token);
		if (opened.state !== 'draft') throw new Error('expected a draft');
		expect(surveys.firstMissing(opened.survey, opened.draft.parsed)).toBe(1);
		expect(() => surveys.submit(db, null, id, token)).toThrow(expect.objectContaining({ code: 'answers_missing' }));
		expect(countRows(db, 'survey_response')).toBe(0);
		expect(countRows(db, 'survey_draft')).toBe(1);
		expect(surveys.saveAnswer(db, null, id, token, text, [], 'great')).toBeNull();
		const sent = surveys.submit(db, null, id, token);
		expect(sent).toMatchObject({ alreadySent: false, receipt: surveys.receiptCode(token), submittedOn: londonDate() });
		expect(countRows(db, 'survey_response')).toBe(1);
		expect(countRows(db, 'survey_answer')).toBe(2); // the optional question was skipped
		// The link now shows the confirmation, and answers can no longer change.
		expect(surveys.open(db, null, id, token)).toEqual({ state: 'sent', surveyId: id, submittedOn: londonDate(), receipt: surveys.receiptCode(token) });
		expect(() => surveys.saveAnswer(db, null, id, token, text, [], 'changed')).toThrow(expect.objectContaining({ code: 'already_sent' }));
		expect(() => surveys.open(db, null, id + 1, token)).toThrow(NotFoundError);
		expect(() => surveys.open(db, null, id, 'not-a-token')).toThrow(NotFoundError);
	});

	it('resumes a draft by its receipt code with a new link (the old one stops working)', () => {
		const { db, organiser, id, smiley } = answerable();
		surveys.publish(db, organiser, id);
		const { token, receipt } = surveys.start(db, null, id, 'en');
		expect(receipt).toBe(surveys.receiptCode(token));
		expect(surveys.saveAnswer(db, null, id, token, smiley, [opt(db, id, smiley, 'Okay')], '')).toBeNull();
		const resumed = surveys.resumeByReceipt(db, id, receipt, ADDRESS);
		if (resumed.state !== 'draft') throw new Error('expected a draft');
		expect(resumed.token).not.toBe(token);
		expect(() => surveys.open(db, null, id, token)).toThrow(NotFoundError);
		const opened = surveys.open(db, null, id, resumed.token);
		expect(opened.state === 'draft' && opened.draft.parsed).toEqual({ [smiley]: { options: [opt(db, id, smiley, 'Okay')], text: '' } });
		expect(countRows(db, 'survey_draft')).toBe(1);
		// The code changes with the link: the old code stops working, the new one (shown on the pages) works.
		expect(opened.state === 'draft' && opened.receipt).toBe(surveys.receiptCode(resumed.token));
		expect(surveys.resumeByReceipt(db, id, receipt, ADDRESS)).toEqual({ state: 'not_found' });
		const newCode = surveys.receiptCode(resumed.token);
		// The code as people might type it: lower case, spaces, no dashes.
		const bare = newCode.replaceAll('-', '').toLowerCase();
		const typed = ` ${bare.slice(0, 6)} ${bare.slice(6)} `;
		const again = surveys.resumeByReceipt(db, id, typed, ADDRESS);
		expect(again.state).toBe('draft');
		// Wrong code, or a code of another survey: nothing.
		expect(surveys.resumeByReceipt(db, id, 'AAAA-AAAA-AAAA', ADDRESS)).toEqual({ state: 'not_found' });
		const other = surveys.create(db, organiser, details());
		expect(surveys.resumeByReceipt(db, other, newCode, ADDRESS)).toEqual({ state: 'not_found' });
	});

	it('reports a sent response by its receipt code, with the day it was sent', () => {
		const { db, organiser, id, smiley, text } = answerable();
		surveys.publish(db, organiser, id);
		const at = new Date('2026-11-02T10:00:00Z');
		const sent = respond(db, null, id, [
			[smiley, [opt(db, id, smiley, 'Good')]],
			[text, 'ok']
		], { now: at });
		expect(sent.receipt).toBe(sent.startReceipt);
		expect(surveys.resumeByReceipt(db, id, sent.receipt, ADDRESS)).toEqual({ state: 'sent', submittedOn: '2026-11-02' });
		expect(surveys.resumeByReceipt(db, id, sent.receipt.replaceAll('-', '').toLowerCase(), ADDRESS)).toEqual({ state: 'sent', submittedOn: '2026-11-02' });
		const other = surveys.create(db, organiser, details());
		expect(surveys.resumeByReceipt(db, other, sent.receipt, ADDRESS)).toEqual({ state: 'not_found' });
	});

	it('works out a stable receipt code from the token, and forgives how it is typed', () => {
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		const code = surveys.receiptCode(token);
		expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
		expect(surveys.receiptCode(token)).toBe(code);
		expect(surveys.receiptCode(`${token}a`)).not.toBe(code);
		const hash = surveys.receiptHash(code);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(surveys.receiptHash(code.toLowerCase())).toBe(hash);
		expect(surveys.receiptHash(code.replaceAll('-', ''))).toBe(hash);
		expect(surveys.receiptHash(` ${code.slice(0, 4).toLowerCase()} ${code.slice(5)} `)).toBe(hash);
		expect(surveys.receiptHash(surveys.receiptCode('another-token'))).not.toBe(hash);
	});
});

// ---------------------------------------------------------------------------------------------
// 9. Results
// ---------------------------------------------------------------------------------------------

describe('results', () => {
	function answered() {
		const s = setUp();
		const { db, organiser } = s;
		const id = surveys.create(db, organiser, details({ serviceIds: [s.salt] }));
		const who = surveys.addAboutYou(db, organiser, id, 'who');
		const smiley = surveys.addQuestion(db, organiser, id, 'smiley3', 'How was it?');
		const any = surveys.addQuestion(db, organiser, id, 'pick_any', 'What did you do?');
		const text = surveys.addQuestion(db, organiser, id, 'short_text', 'What would make it better?');
		giveOptions(db, organiser, id, any, ['Swimming', 'Art', 'Games']);
		surveys.updateQuestion(db, organiser, any, inputOf(question(db, id, any), { required: false }));
		surveys.updateQuestion(db, organiser, text, inputOf(question(db, id, text), { required: false }));
		surveys.saveTranslation(db, organiser, id, 'pl', Object.fromEntries(surveys.translatableTexts(db, ORG, id).map((t) => [t.key, `PL ${t.english}`])));
		surveys.publish(db, organiser, id);
		const o = (q: number, label: string) => opt(db, id, q, label);
		const parentOption = o(who, 'A parent or carer');
		const youngOption = o(who, 'A child or young person');
		const worker = o(who, 'Someone who works with children');
		const preferNot = o(who, 'Prefer not to say');
		const good = o(smiley, 'Good');
		const okay = o(smiley, 'Okay');
		const notGood = o(smiley, 'Not good');
		const [swim, art, games] = ['Swimming', 'Art', 'Games'].map((l) => o(any, l));
		const day1 = new Date('2026-10-01T12:00:00Z');
		const day2 = new Date('2026-10-02T12:00:00Z');
		const r = [
			respond(db, null, id, [[who, [parentOption]], [smiley, [good]], [any, [swim, art]], [text, 'More staff']], { now: day1 }),
			respond(db, null, id, [[who, [youngOption]], [smiley, [okay]], [any, [art]], [text, 'Shorter waits']], { now: day1, locale: 'pl' }),
			respond(db, null, id, [[who, [preferNot]], [smiley, [good]]], { now: day2 }),
			respond(db, null, id, [[smiley, [notGood]], [any, [games, swim]], [text, 'Longer sessions']], { now: day2 }),
			respond(db, null, id, [[who, [parentOption]], [smiley, [okay]], [any, [games]]], { now: day2 }),
			respond(db, null, id, [[who, [worker]], [smiley, [good]], [text, 'Quieter room']], { now: day2, locale: 'pl' })
		];
		return { ...s, id, who, smiley, any, text, r, parentOption, youngOption, worker, preferNot, good, okay, notGood, swim, art, games };
	}

	const summary = (res: ReturnType<typeof unprotected>) => res.questions.map((q) => [q.answered, q.options.map((o) => o.count)]);

	it('counts each answer, matching a count from the stored answers', () => {
		const { db, id, who, smiley, any, text } = answered();
		const res = unprotected(db, id);
		expect(res.responses).toBe(6);
		expect(summary(res)).toEqual([
			[5, [2, 1, 1, 1]], // who: parent x2, young, worker, prefer not
			[6, [1, 2, 3]], // smiley: not good, okay, good
			[4, [2, 2, 2]], // swimming, art, games
			[4, []]
		]);
		// Independently, from the answers table.
		for (const q of res.questions) {
			const stored = db
				.select({ optionId: surveyAnswer.optionId, responseId: surveyAnswer.responseId })
				.from(surveyAnswer)
				.where(eq(surveyAnswer.questionId, q.question.id))
				.all();
			expect(q.answered).toBe(new Set(stored.map((a) => a.responseId)).size);
			for (const o of q.options) expect(o.count).toBe(stored.filter((a) => a.optionId === o.id).length);
		}
		expect(res.questions.map((q) => q.question.id)).toEqual([who, smiley, any, text]);
		const smileyResult = res.questions[1];
		expect(smileyResult.options.map((o) => o.percent)).toEqual([16.7, 33.3, 50]);
	});

	it('gives the same counts from the running tallies as from the answers, per group and in total', () => {
		const { db, id } = answered();
		const all = unprotected(db, id);
		const groups = (['parent_carer', 'young_person', 'other', 'unknown'] as const).map((group) => unprotected(db, id, { group }));
		expect(groups.map((g) => g.responses)).toEqual([2, 1, 1, 2]);
		expect(groups.reduce((n, g) => n + g.responses, 0)).toBe(all.responses);
		all.questions.forEach((q, i) => {
			expect(groups.reduce((n, g) => n + g.questions[i].answered, 0)).toBe(q.answered);
			q.options.forEach((o, j) => expect(groups.reduce((n, g) => n + g.questions[i].options[j].count, 0)).toBe(o.count));
		});
		// Both locales together are everything too.
		const en = unprotected(db, id, { locale: 'en' });
		const pl = unprotected(db, id, { locale: 'pl' });
		expect(en.responses + pl.responses).toBe(6);
		all.questions.forEach((q, i) => expect(en.questions[i].answered + pl.questions[i].answered).toBe(q.answered));
	});

	it('takes the respondent group from "who is answering", else from the survey\'s audience', () => {
		const { db, organiser, id, r } = answered();
		const groups = new Map(db.select({ id: surveyResponse.id, group: surveyResponse.respondentGroup }).from(surveyResponse).all().map((x) => [x.id, x.group]));
		expect(r.map((x) => groups.get(x.responseId!))).toEqual(['parent_carer', 'young_person', 'unknown', 'unknown', 'parent_carer', 'other']);
		expect(surveys.results(db, organiser, id).survey.audience).toBe('both');

		for (const [audience, expected] of [
			['parent_carers', 'parent_carer'],
			['young_people', 'young_person'],
			['both', 'unknown']
		] as const) {
			const sid = surveys.create(db, organiser, details({ audience }));
			const w = surveys.addAboutYou(db, organiser, sid, 'who');
			const q = surveys.addQuestion(db, organiser, sid, 'yes_no', 'Again?');
			surveys.publish(db, organiser, sid);
			const none = respond(db, null, sid, [[q, [opt(db, sid, q, 'Yes')]]]);
			const preferNot = respond(db, null, sid, [[w, [opt(db, sid, w, 'Prefer not to say')]], [q, [opt(db, sid, q, 'Yes')]]]);
			const young = respond(db, null, sid, [[w, [opt(db, sid, w, 'A child or young person')]], [q, [opt(db, sid, q, 'No')]]]);
			const group = (responseId: string | null) => db.select().from(surveyResponse).where(eq(surveyResponse.id, responseId!)).get()!.respondentGroup;
			expect([group(none.responseId), group(preferNot.responseId), group(young.responseId)]).toEqual([expected, expected, 'young_person']);
			// Tallies are kept per group too.
			const tallied = db
				.select({ group: surveyTally.respondentGroup, n: sql<number>`sum(${surveyTally.count})` })
				.from(surveyTally)
				.where(and(eq(surveyTally.questionId, q), eq(surveyTally.optionId, 0)))
				.groupBy(surveyTally.respondentGroup)
				.all();
			expect(Object.fromEntries(tallied.map((t) => [t.group, t.n]))).toEqual(expected === 'young_person' ? { young_person: 3 } : { [expected]: 2, young_person: 1 });
		}
	});

	it('filters by an "about you" answer (all chosen options must match) and by language', () => {
		const { db, id, parentOption, youngOption, good, okay, swim } = answered();
		const byParents = unprotected(db, id, { optionIds: [parentOption] });
		expect(byParents.responses).toBe(2);
		expect(summary(byParents)).toEqual([
			[2, [2, 0, 0, 0]],
			[2, [0, 1, 1]],
			[2, [1, 1, 1]],
			[1, []]
		]);
		expect(unprotected(db, id, { optionIds: [parentOption, good] }).responses).toBe(1);
		expect(unprotected(db, id, { optionIds: [parentOption, swim] }).responses).toBe(1);
		expect(unprotected(db, id, { optionIds: [youngOption, good] }).responses).toBe(0);
		expect(unprotected(db, id, { optionIds: [okay] }).questions[1].positivePercent).toBe(0);
		expect(unprotected(db, id, { optionIds: [good] }).questions[1].positivePercent).toBe(100);
		const polish = unprotected(db, id, { locale: 'pl' });
		expect(polish.responses).toBe(2);
		expect(summary(polish)).toEqual([
			[2, [0, 1, 1, 0]],
			[2, [0, 1, 1]],
			[1, [0, 1, 0]],
			[2, []]
		]);
		expect(unprotected(db, id, { locale: 'tr' }).responses).toBe(0);
		expect(unprotected(db, id, { locale: 'pl', group: 'other' }).responses).toBe(1);
	});

	it('lists free-text answers newest first, 50 a page, for the whole survey only', () => {
		const { db, organiser } = setUp();
		const id = surveys.create(db, organiser, details());
		const q = surveys.addQuestion(db, organiser, id, 'short_text', 'Why?');
		const w = surveys.addAboutYou(db, organiser, id, 'who');
		surveys.publish(db, organiser, id);
		for (let i = 1; i <= 50; i++) respond(db, null, id, [[q, `early ${i}`]], { now: new Date('2026-10-01T12:00:00Z') });
		const latest = respond(db, null, id, [[q, 'latest'], [w, [opt(db, id, w, 'A parent or carer')]]], { now: new Date('2026-10-03T12:00:00Z') });
		const page = (n: number) => {
			const found = surveys.textAnswers(db, organiser, id, q, n);
			if (!found.shown) throw new Error('expected the answers');
			return found;
		};
		const first = page(1);
		expect(first.total).toBe(51);
		expect(first.pages).toBe(2);
		expect(first.answers).toHaveLength(50);
		expect(first.answers[0]).toMatchObject({ text: 'latest', submittedOn: '2026-10-03', quoted: false, themeIds: [] });
		// Within a day in no particular order: the order answers came in is not kept (anonymity).
		const second = page(2);
		expect(second.answers).toHaveLength(1);
		expect([...first.answers.slice(1), ...second.answers].map((a) => a.text).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `early ${i + 1}`).sort());
		expect(page(0).answers[0].text).toBe('latest');
		expect(page(3).answers).toEqual([]);
		// Filtered, never: two filtered lists could be matched answer by answer (small-numbers.spec.ts).
		expect(surveys.textAnswers(db, organiser, id, q, 1, { group: 'parent_carer' })).toEqual({ shown: false, reason: 'filtered' });
		expect(latest.alreadySent).toBe(false);
		// Written answers only: a choice question has none to list (nor a language typed beside "another language").
		expect(() => surveys.textAnswers(db, organiser, id, w, 1)).toThrow(expect.objectContaining({ code: 'question_not_found' }));
	});

	it('tags answers with themes (lower case, reused), marks quotes, and refuses other surveys\' themes', () => {
		const { db, organiser, saltLead, id, text, smiley } = answered();
		const answers = texts(db, organiser, id, text);
		const byText = (t: string) => answers.find((a) => a.text === t)!.id;
		surveys.tagAnswer(db, organiser, byText('More staff'), { themeIds: [], newThemes: ['  Staffing ', 'Waiting Times', ''], quoted: true });
		surveys.tagAnswer(db, organiser, byText('Shorter waits'), { themeIds: [], newThemes: ['WAITING TIMES'], quoted: false });
		expect(db.select({ name: surveyTheme.name }).from(surveyTheme).all().map((t) => t.name).sort()).toEqual(['staffing', 'waiting times']);
		const themes = surveys.themes(db, organiser, id);
		expect(themes.map((t) => [t.name, t.answers])).toEqual([
			['staffing', 1],
			['waiting times', 2]
		]);
		const waiting = themes.find((t) => t.name === 'waiting times')!.id;
		const staffing = themes.find((t) => t.name === 'staffing')!.id;
		const tagged = texts(db, organiser, id, text);
		expect(tagged.find((a) => a.text === 'More staff')).toMatchObject({ quoted: true });
		expect(tagged.find((a) => a.text === 'More staff')!.themeIds.sort()).toEqual([staffing, waiting].sort());
		expect(tagged.find((a) => a.text === 'Shorter waits')).toMatchObject({ quoted: false, themeIds: [waiting] });

		// Setting themes again replaces them.
		surveys.tagAnswer(db, organiser, byText('More staff'), { themeIds: [staffing], newThemes: [], quoted: true });
		expect(surveys.themes(db, organiser, id).map((t) => [t.name, t.answers])).toEqual([
			['staffing', 1],
			['waiting times', 1]
		]);
		expect(surveys.quotes(db, organiser, id).map((q) => [q.text, q.questionId])).toEqual([['More staff', text]]);
		surveys.tagAnswer(db, organiser, byText('Quieter room'), { themeIds: [], newThemes: [], quoted: true });
		expect(surveys.quotes(db, organiser, id).map((q) => q.text).sort()).toEqual(['More staff', 'Quieter room']);

		// Another survey's theme is refused, and nothing changes.
		const other = surveys.create(db, organiser, details());
		const oq = surveys.addQuestion(db, organiser, other, 'short_text', 'Why?');
		surveys.publish(db, organiser, other);
		const otherAnswerId = (() => {
			respond(db, null, other, [[oq, 'elsewhere']]);
			return texts(db, organiser, other, oq)[0].id;
		})();
		surveys.tagAnswer(db, organiser, otherAnswerId, { themeIds: [], newThemes: ['staffing'], quoted: false });
		const foreign = surveys.themes(db, organiser, other)[0].id;
		expect(foreign).not.toBe(staffing);
		expect(() => surveys.tagAnswer(db, organiser, byText('More staff'), { themeIds: [foreign], newThemes: [], quoted: false })).toThrow(
			expect.objectContaining({ code: 'theme_not_found' })
		);
		expect(texts(db, organiser, id, text).find((a) => a.text === 'More staff')).toMatchObject({ quoted: true, themeIds: [staffing] });
		expect(() => surveys.tagAnswer(db, organiser, byText('More staff'), { themeIds: [], newThemes: ['x'.repeat(61)], quoted: false })).toThrow(
			expect.objectContaining({ code: 'theme_too_long' })
		);
		// Only free-text answers take themes; only organisers tag.
		const choice = db.select().from(surveyAnswer).where(eq(surveyAnswer.questionId, smiley)).get()!;
		expect(() => surveys.tagAnswer(db, organiser, choice.id, { themeIds: [], newThemes: ['x'], quoted: false })).toThrow(NotFoundError);
		expect(() => surveys.tagAnswer(db, saltLead, byText('More staff'), { themeIds: [], newThemes: [], quoted: false })).toThrow(ForbiddenError);
		expect(auditActions(db).filter((a) => a === 'survey.answer_tagged')).toHaveLength(5);
	});

	it('are for organisers and the leads of the services the survey is about', () => {
		const { db, organiser, admin, saltLead, camhsLead, idleLead, parent, boardMember, youngPerson, id, text } = answered();
		const inspect = [
			(a: Actor) => surveys.results(db, a, id),
			(a: Actor) => surveys.textAnswers(db, a, id, text),
			(a: Actor) => surveys.themes(db, a, id),
			(a: Actor) => surveys.quotes(db, a, id)
		];
		for (const actor of [organiser, admin, saltLead]) {
			expect(surveys.mayReadResults(db, actor, id)).toBe(true);
			for (const f of inspect) expect(() => f(actor)).not.toThrow();
		}
		expect(surveys.results(db, saltLead, id).responses).toEqual({ kind: 'value', value: 6 });
		for (const actor of [camhsLead, idleLead, parent, youngPerson, boardMember, null]) {
			expect(surveys.mayReadResults(db, actor, id)).toBe(false);
			for (const f of inspect) expect(() => f(actor)).toThrow(ForbiddenError);
		}
		expect(() => surveys.results(db, organiser, 9999)).toThrow(NotFoundError);
	});

	it('lists every survey for organisers, and for a service lead only those about services they lead', () => {
		const { db, organiser, saltLead, camhsLead, idleLead, parent, boardMember, salt, camhs } = setUp();
		const aboutSalt = surveys.create(db, organiser, details({ title: 'SALT', serviceIds: [salt] }));
		const aboutBoth = surveys.create(db, organiser, details({ title: 'Both', serviceIds: [salt, camhs] }));
		const aboutNone = surveys.create(db, organiser, details({ title: 'None' }));
		const q = surveys.addQuestion(db, organiser, aboutSalt, 'yes_no', 'Again?');
		surveys.publish(db, organiser, aboutSalt);
		respond(db, null, aboutSalt, [[q, [opt(db, aboutSalt, q, 'Yes')]]]);
		const ids = (list: surveys.SurveyListEntry[]) => list.map((s) => s.id).sort();
		expect(ids(surveys.listForActor(db, organiser))).toEqual([aboutSalt, aboutBoth, aboutNone].sort());
		expect(ids(surveys.listForActor(db, saltLead))).toEqual([aboutSalt, aboutBoth].sort());
		expect(ids(surveys.listForActor(db, camhsLead))).toEqual([aboutBoth]);
		expect(surveys.listForActor(db, idleLead)).toEqual([]);
		expect(surveys.listForActor(db, saltLead).find((s) => s.id === aboutSalt)).toMatchObject({ responses: 1, questions: 1 });
		for (const actor of [parent, boardMember, null]) expect(() => surveys.listForActor(db, actor)).toThrow(ForbiddenError);
		expect(() => surveys.listForManagers(db, saltLead)).toThrow(ForbiddenError);
		// Leads read the results of the ones listed, and not of the others.
		expect(surveys.mayReadResults(db, camhsLead, aboutBoth)).toBe(true);
		expect(surveys.mayReadResults(db, camhsLead, aboutSalt)).toBe(false);
		expect(surveys.mayReadResults(db, saltLead, aboutNone)).toBe(false);
	});

	it('lists on the public page only published surveys open today', () => {
		const { db, organiser } = setUp();
		const make = (title: string, opensOn: string, closesOn: string | null, publish = true) => {
			const id = surveys.create(db, organiser, details({ title, opensOn, closesOn }));
			surveys.addQuestion(db, organiser, id, 'yes_no', 'Again?');
			if (publish) surveys.publish(db, organiser, id);
			return id;
		};
		const open = make('Open', '2020-01-01', null);
		const closingSoon = make('Closing soon', '2020-01-01', '2099-01-01');
		const future = make('Future', '2099-01-01', null);
		make('Draft', '2020-01-01', null, false);
		const closed = make('Closed', '2020-01-01', null);
		surveys.close(db, organiser, closed);
		// Soonest closing first, then by title.
		expect(surveys.listOpen(db).map((s) => s.id)).toEqual([closingSoon, open]);
		expect(surveys.listOpen(db, '2099-01-01').map((s) => s.id)).toEqual([closingSoon, future, open]);
		expect(surveys.listOpen(db, '2099-01-02').map((s) => s.id)).toEqual([future, open]);
	});
});

describe('who reads what the staff see', () => {
	it('gives the builder’s views only to those who build surveys', () => {
		const { db, organiser, saltLead, parent, boardMember, salt } = setUp();
		const id = surveys.create(db, organiser, details({ serviceIds: [salt] }));
		surveys.addQuestion(db, organiser, id, 'yes_no', 'Is it good?');
		const view = surveys.builderView(db, organiser, id);
		expect(view).toMatchObject({ survey: { id, serviceIds: [salt] }, responses: 0, anonymityFixed: false, problems: [] });
		expect(view.questions.map((q) => q.text)).toEqual(['Is it good?']);
		for (const actor of [saltLead, parent, boardMember, null]) {
			expect(() => surveys.get(db, actor, id)).toThrow(ForbiddenError);
			expect(() => surveys.questionsOf(db, actor, id)).toThrow(ForbiddenError);
			expect(() => surveys.builderView(db, actor, id)).toThrow(ForbiddenError);
			expect(() => surveys.translatableTexts(db, actor, id)).toThrow(ForbiddenError);
			expect(() => surveys.translationsOf(db, actor, id, 'pl')).toThrow(ForbiddenError);
		}
		expect(() => surveys.get(db, organiser, 9999)).toThrow(NotFoundError);
	});

	it('opens a survey’s results to organisers and the leads of its services, not anyone else', () => {
		const { db, organiser, saltLead, camhsLead, boardMember, salt } = setUp();
		const id = surveys.create(db, organiser, details({ serviceIds: [salt] }));
		expect(surveys.resultsView(db, organiser, id)).toMatchObject({ survey: { id }, responses: 0 });
		expect(surveys.resultsView(db, saltLead, id).survey.id).toBe(id);
		for (const actor of [camhsLead, boardMember, null]) expect(() => surveys.resultsView(db, actor, id)).toThrow(ForbiddenError);
		expect(() => surveys.resultsView(db, organiser, 9999)).toThrow(NotFoundError);
	});

	it('says which results a page may link, as the results page decides them', () => {
		const { db, organiser, saltLead, camhsLead, idleLead, parent, boardMember, salt, camhs } = setUp();
		const aboutSalt = surveys.create(db, organiser, details({ serviceIds: [salt] }));
		const aboutCamhs = surveys.create(db, organiser, details({ serviceIds: [camhs] }));
		const aboutBoth = surveys.create(db, organiser, details({ serviceIds: [salt, camhs] }));
		const aboutNone = surveys.create(db, organiser, details());
		const all = [aboutSalt, aboutCamhs, aboutBoth, aboutNone, 9999];
		const open = (actor: Actor) => [...surveys.resultsOpenTo(db, actor, all)].sort((a, b) => a - b);
		expect(open(organiser)).toEqual([aboutSalt, aboutCamhs, aboutBoth, aboutNone]);
		expect(open(saltLead)).toEqual([aboutSalt, aboutBoth]);
		expect(open(camhsLead)).toEqual([aboutCamhs, aboutBoth]);
		for (const actor of [idleLead, parent, boardMember, null]) expect(open(actor)).toEqual([]);
		// every link shown opens, and every survey not linked refuses
		for (const actor of [organiser, saltLead, camhsLead, idleLead, boardMember]) {
			const linked = surveys.resultsOpenTo(db, actor, all);
			for (const id of all.slice(0, 4)) {
				if (linked.has(id)) expect(surveys.resultsView(db, actor, id).survey.id).toBe(id);
				else expect(() => surveys.resultsView(db, actor, id)).toThrow(ForbiddenError);
			}
		}
		expect(surveys.mayReadResults(db, saltLead, aboutCamhs)).toBe(false);
		expect(surveys.mayReadResults(db, saltLead, aboutBoth)).toBe(true);
	});
});

describe('the new survey form', () => {
	it('offers organisers (and admins) the live services, and refuses everyone else', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] });
		const old = services.create(db, admin, { name: 'Old team', sector: 'education', description: '', leadIds: [] });
		services.setArchived(db, admin, old, true);
		for (const roles of [['organiser'], ['admin']] as const) {
			expect(surveys.newSurveyChoices(db, addPerson(db, [...roles])).services.map((s) => s.name)).toEqual(['CAMHS']);
		}
		for (const roles of [['service_lead'], ['board_member'], ['parent_carer']] as const) {
			expect(thrown(() => surveys.newSurveyChoices(db, addPerson(db, [...roles])))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => surveys.newSurveyChoices(db, null))).toBeInstanceOf(ForbiddenError);
	});
});
