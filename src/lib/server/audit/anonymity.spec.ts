/**
 * The anonymity check (issue 8). People with accounts, invitations, sessions and audit entries
 * answer a named survey and an anonymous one, interleaved through a day, through the real
 * services. Then an insider with the whole database tries to link each anonymous response to a
 * person: by what its rows hold (a direct reference, an account, a time), by every table that
 * holds one of its ids or hashes, by sessions, invitations and the audit log, and by order: rows
 * numbered in the order they were written (answer ids, flag ids, SQLite's hidden rowids, the
 * draft table copied while drafts were open) would put an anonymous answer right after the named
 * one its author sent a minute before. Every attack must do no better than guessing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { addPerson, testDb, surveyDetails } from '../testing';
import type { Actor } from '../permissions';
import * as accounts from '../accounts';
import * as surveys from '../surveys';
import * as safeguarding from '../safeguarding';

/** People who answer both surveys. */
const PEOPLE = 16;
/** A Tuesday in British Summer Time (UTC+1). */
const DAY = '2026-05-12';
const at = (minutes: number) => new Date(Date.parse(`${DAY}T08:00:00+01:00`) + minutes * 60_000);
const PASSWORD = 'a long enough password for the test';
/** Guessing this many (or more) of PEOPLE rightly would mean an order tells something: by chance it happens about once in 40,000 tries. */
const TOO_MANY_RIGHT = 7;

type Row = Record<string, unknown>;
type Item = { key: bigint | number | string; person?: number; anonymous?: string };

let db: Db;
let organiser: NonNullable<Actor>;
/** The truth the insider is after: each anonymous response's author. */
const author = new Map<string, number>();
/** What happened, in the order it happened: the control for the order attacks. */
const timeline: Item[] = [];
/** The draft table as copied by an insider while every draft was open (hidden rowids included). */
let draftCopy: Row[] = [];
let personIds: number[] = [];

const all = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as Row[];
/** The same with integers as BigInt: hidden rowids are random 62-bit numbers. */
const allExact = (sql: string) => db.$client.prepare(sql).safeIntegers(true).all() as Row[];

function choiceQuestion(surveyId: number, text: string) {
	const id = surveys.addQuestion(db, organiser, surveyId, 'pick_one', text, at(-600));
	surveys.updateQuestion(
		db,
		organiser,
		id,
		{
			text,
			help: '',
			required: true,
			symbolId: null,
			imageId: null,
			serviceId: null,
			options: Array.from({ length: PEOPLE }, (_, i) => ({ label: `Choice ${i + 1}`, symbolId: null, imageId: null, positive: false }))
		},
		at(-600)
	);
	return { id, options: surveys.getQuestion(db, organiser, id).options.map((o) => o.id) };
}

function makeSurvey(anonymous: boolean) {
	const id = surveys.create(
		db,
		organiser,
		surveyDetails({ title: anonymous ? 'Anonymous survey' : 'Named survey', audience: 'parent_carers', anonymous, opensOn: '2026-05-01' }),
		at(-600)
	);
	// one choice per person, so a count of 1 in the tallies points at one response
	const choice = choiceQuestion(id, 'Which one?');
	const words = surveys.addQuestion(db, organiser, id, 'long_text', 'Tell us more', at(-600));
	surveys.publish(db, organiser, id, at(-600));
	return { id, choice, words };
}

beforeAll(async () => {
	db = testDb();
	const admin = addPerson(db, ['admin']);
	organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['safeguarding_lead']);
	const named = makeSurvey(false);
	const anon = makeSurvey(true);

	// Invitations: accounts, one-time links, audit entries
	const people: NonNullable<Actor>[] = [];
	for (let i = 0; i < PEOPLE; i++) {
		const { userId, token } = accounts.invite(db, admin, { email: `parent${i}@example.org`, name: `Parent ${i}`, roles: ['parent_carer'] }, at(-300 + i));
		await accounts.setPasswordWithToken(db, token, PASSWORD, at(-200 + i));
		people.push({ id: userId, roles: ['parent_carer'] });
	}
	personIds = people.map((p) => p.id);

	// Morning: each person signs in (a session, an audit entry) and opens both surveys
	const tokens: { named: string; anon: string }[] = [];
	for (const [i, person] of people.entries()) {
		const t = 7 * i;
		const signedIn = await accounts.signIn(db, { email: `parent${i}@example.org`, password: PASSWORD, address: `198.51.100.${i + 1}` }, at(t));
		expect(signedIn.ok).toBe(true);
		const n = surveys.start(db, person, named.id, 'en', 'answer', at(t + 1));
		const a = surveys.start(db, person, anon.id, 'en', 'answer', at(t + 2));
		tokens.push({ named: n.token, anon: a.token });
	}
	draftCopy = allExact('select rowid, token_hash, account_id from survey_draft');

	// Later: each person sends the named survey, then the anonymous one, then (some) a worry;
	// every text matches a safeguarding phrase, so both answers raise flags
	for (const [i, person] of people.entries()) {
		const t = 120 + 11 * i;
		for (const [survey, token, when] of [
			[named, tokens[i].named, t],
			[anon, tokens[i].anon, t + 3]
		] as const) {
			surveys.saveAnswer(db, person, survey.id, token, survey.choice.id, [survey.choice.options[i]], '', at(when));
			surveys.saveAnswer(db, person, survey.id, token, survey.words, [], `Some days I want to die, person ${i} wrote in survey ${survey.id}`, at(when));
			const sent = surveys.submit(db, person, survey.id, token, at(when));
			expect(sent.alreadySent).toBe(false);
			if (survey === anon) {
				author.set(sent.responseId!, person.id);
				timeline.push({ key: timeline.length, anonymous: sent.responseId! });
			} else timeline.push({ key: timeline.length, person: person.id });
		}
		if (i % 2 === 0) safeguarding.tell(db, person, 'I am worried about my neighbour who says he will end it all', at(t + 5));
	}

	// Afternoon: staff work with the answers (audited), which must not bring the authors back
	for (const flag of all('select id from safeguarding_flag')) safeguarding.open(db, lead, Number(flag.id), () => null, at(400));
	surveys.exportRows(db, organiser, anon.id, at(410));
	const anonText = all('select a.id from survey_answer a join survey_response r on r.id = a.response_id where r.account_id is null and a.text is not null');
	for (const [i, row] of anonText.slice(0, 4).entries()) {
		surveys.tagAnswer(db, organiser, Number(row.id), { themeIds: [], newThemes: ['worry'], quoted: i === 0 }, at(420 + i));
	}
}, 60_000);

/** Every value anywhere: table, hidden rowid (when there is one), column, value. */
function everyValue(): { table: string; row: Row; column: string; value: unknown }[] {
	const tables = all(`select name from sqlite_master where type = 'table'`).map((t) => String(t.name));
	return tables.flatMap((table) => {
		const rows = all(`select * from "${table}"`);
		return rows.flatMap((row) => Object.entries(row).map(([column, value]) => ({ table, row, column, value })));
	});
}

/** Whether a value could be (or hold) a time of day: an instant in ms or seconds, or a clock time. */
function looksLikeTime(value: unknown): boolean {
	if (typeof value === 'number' || typeof value === 'bigint') {
		const n = Number(value);
		const ms = [Date.parse('2000-01-01'), Date.parse('2100-01-01')];
		return (n >= ms[0] && n <= ms[1]) || (n >= ms[0] / 1000 && n <= ms[1] / 1000);
	}
	if (typeof value === 'string') return /\d{1,2}:\d{2}/.test(value) || /\d{4}-\d{2}-\d{2}T/.test(value) || (/^\d+$/.test(value) && looksLikeTime(Number(value)));
	return false;
}

/**
 * The insider's order attack: guess that an anonymous response was written by whoever wrote the
 * named item just before its first item (just after, when nothing named comes before). Returns
 * how many of the anonymous responses it names rightly.
 */
function rightGuesses(sequence: Item[]): number {
	const sorted = [...sequence].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	const guessed = new Set<string>();
	let right = 0;
	sorted.forEach((item, i) => {
		if (!item.anonymous || guessed.has(item.anonymous)) return;
		guessed.add(item.anonymous);
		const before = sorted.slice(0, i).reverse().find((s) => s.person !== undefined);
		const guess = before ?? sorted.slice(i + 1).find((s) => s.person !== undefined);
		if (guess?.person === author.get(item.anonymous)) right++;
	});
	return right;
}

const anonymousResponses = () => all('select * from survey_response where account_id is null');
const answersOf = (responseId: string) => all('select * from survey_answer where response_id = ?', responseId);

describe('the anonymity check: an insider with the whole database', () => {
	it('finds anonymous responses holding no account and only the day, and every named one holding its person', () => {
		expect(anonymousResponses()).toHaveLength(PEOPLE);
		expect(all('select * from survey_response where account_id is not null')).toHaveLength(PEOPLE);
		for (const r of anonymousResponses()) {
			expect(r.submitted_on).toBe(DAY);
			expect(r.id).toMatch(/^[a-z2-7]{26}$/);
		}
	});

	it('finds no table that refers to an anonymous response, except its own answers, their flags and themes', () => {
		const values = everyValue();
		const links: string[] = [];
		for (const r of anonymousResponses()) {
			const answerIds = answersOf(String(r.id)).map((a) => String(a.id));
			const needles = [String(r.id), String(r.token_hash), String(r.receipt_hash), ...answerIds];
			for (const { table, row, column, value } of values) {
				const text = String(value);
				if (!needles.some((n) => text === n || (typeof value === 'string' && text.includes(n)))) continue;
				const own =
					(table === 'survey_response' && row.id === r.id) ||
					(table === 'survey_answer' && row.response_id === r.id) ||
					(table === 'survey_answer_theme' && column === 'answer_id') ||
					// a flag on the answer: anonymous, so it names nobody
					(table === 'safeguarding_flag' && column === 'source_id' && row.source === 'survey_answer' && row.person_id === null) ||
					// the highest id a table has given: says nothing about anyone
					(table === 'sqlite_sequence' && row.name === 'survey_answer') ||
					// the organiser who tagged the answer, later: who read it, never who wrote it
					(table === 'audit_entry' && row.action === 'survey.answer_tagged' && row.actor_id === organiser.id);
				if (!own) links.push(`${table}.${column} = ${text.slice(0, 80)}`);
			}
		}
		expect(links).toEqual([]);
	});

	it('finds no time of day, account, session, invitation or address in anything about an anonymous response', () => {
		// secrets and identifiers of the people: session and link hashes, emails, addresses, names
		const known = [
			...all('select id from session').map((s) => String(s.id)),
			...all('select id from password_token').map((t) => String(t.id)),
			...all('select email, name from user').flatMap((u) => [String(u.email), String(u.name)]),
			...Array.from({ length: PEOPLE }, (_, i) => `198.51.100.${i + 1}`)
		].filter((s) => s.length >= 6);
		for (const r of anonymousResponses()) {
			const answers = answersOf(String(r.id));
			const ids = answers.map((a) => String(a.id));
			const flags = all(`select * from safeguarding_flag where source = 'survey_answer'`).filter((f) => ids.includes(String(f.source_id)));
			const themes = all('select * from survey_answer_theme').filter((t) => ids.includes(String(t.answer_id)));
			const choices = answers.filter((a) => a.option_id !== null);
			const tallies = choices.flatMap((a) => [
				...all('select * from survey_tally where question_id = ? and option_id = ? and day = ?', a.question_id, a.option_id, r.submitted_on),
				...all('select * from survey_tally_month where question_id = ? and option_id = ?', a.question_id, a.option_id)
			]);
			const draft = draftCopy.filter((d) => d.token_hash === r.token_hash);
			expect(draft).toHaveLength(1);
			expect(flags.length).toBeGreaterThan(0);
			expect(flags.every((f) => f.person_id === null && f.raised_on === DAY)).toBe(true);
			expect(draft[0].account_id).toBeNull();
			const about: Row[] = [r, ...answers, ...flags, ...themes, ...tallies, ...draft.map((d) => ({ ...d, rowid: undefined }))];
			for (const row of about) {
				for (const [column, value] of Object.entries(row)) {
					if (column === 'text' && String(value).includes('want to die')) continue; // the answer itself, which names nobody
					expect(looksLikeTime(value), `${column} = ${value}`).toBe(false);
					for (const secret of known) expect(String(value)).not.toContain(secret);
				}
			}
		}
	});

	it('cannot place an anonymous response next to a named one by any order the database keeps', () => {
		const anonByAnswer = new Map(all('select a.id, a.response_id from survey_answer a join survey_response r on r.id = a.response_id where r.account_id is null').map((a) => [String(a.id), String(a.response_id)]));
		const responseByToken = new Map(all('select token_hash, id, account_id from survey_response').map((r) => [String(r.token_hash), r]));
		const asItem = (key: Item['key'], accountId: unknown, responseId: unknown): Item =>
			accountId !== null && accountId !== undefined ? { key, person: Number(accountId) } : { key, anonymous: String(responseId) };
		/** The one response behind a tally row counting 1 (one person per choice), if any. */
		const behindTally = (questionId: unknown, optionId: unknown, day: string | null) =>
			all(
				`select r.id, r.account_id from survey_answer a join survey_response r on r.id = a.response_id where a.question_id = ? and a.option_id = ? ${day ? 'and r.submitted_on = ?' : ''}`,
				...[questionId, optionId, ...(day ? [day] : [])]
			);
		const sequences: Record<string, Item[]> = {
			'responses by hidden rowid': allExact('select rowid, id, account_id from survey_response').map((r) => asItem(r.rowid as bigint, r.account_id, r.id)),
			'responses by id': all('select id, account_id from survey_response').map((r) => asItem(String(r.id), r.account_id, r.id)),
			'answers by id': all('select a.id, a.response_id, r.account_id from survey_answer a join survey_response r on r.id = a.response_id').map((a) =>
				asItem(Number(a.id), a.account_id, a.response_id)
			),
			'safeguarding flags by id': all('select id, source, source_id, person_id from safeguarding_flag').map((f) =>
				f.person_id !== null ? { key: Number(f.id), person: Number(f.person_id) } : { key: Number(f.id), anonymous: anonByAnswer.get(String(f.source_id)) }
			),
			'daily tallies by hidden rowid': allExact('select rowid, question_id, option_id, day from survey_tally where count = 1 and option_id != 0').flatMap((t) => {
				const behind = behindTally(Number(t.question_id), Number(t.option_id), String(t.day));
				return behind.length === 1 ? [asItem(t.rowid as bigint, behind[0].account_id, behind[0].id)] : [];
			}),
			'monthly tallies by hidden rowid': allExact('select rowid, question_id, option_id from survey_tally_month where count = 1 and option_id != 0').flatMap((t) => {
				const behind = behindTally(Number(t.question_id), Number(t.option_id), null);
				return behind.length === 1 ? [asItem(t.rowid as bigint, behind[0].account_id, behind[0].id)] : [];
			}),
			'drafts by hidden rowid (copied while open)': draftCopy.map((d) => {
				const sent = responseByToken.get(String(d.token_hash));
				return d.account_id !== null ? { key: d.rowid as bigint, person: Number(d.account_id) } : { key: d.rowid as bigint, anonymous: String(sent?.id) };
			})
		};
		// The attack works: on the true order of events it names every author.
		expect(rightGuesses(timeline)).toBe(PEOPLE);
		const results = Object.fromEntries(
			Object.entries(sequences).map(([name, sequence]) => {
				expect(new Set(sequence.flatMap((s) => (s.anonymous && author.has(s.anonymous) ? [s.anonymous] : []))).size, name).toBe(PEOPLE);
				return [name, rightGuesses(sequence)];
			})
		);
		// by chance about one right guess in each
		for (const [name, right] of Object.entries(results)) expect(right, `${name}: ${right} of ${PEOPLE} guessed right`).toBeLessThan(TOO_MANY_RIGHT);
	});

	it('finds the sessions, sign-ins and invitations of every person, none of which an anonymous response refers to', () => {
		// what the insider holds about people is all there: the check above had it to work with
		expect(all('select distinct user_id from session').map((s) => Number(s.user_id)).sort((a, b) => a - b)).toEqual([...personIds].sort((a, b) => a - b));
		expect(all(`select * from audit_entry where action = 'person.signed_in'`)).toHaveLength(PEOPLE);
		expect(all('select * from password_token where used_at is not null')).toHaveLength(PEOPLE);
		// the audit log holds no entry written while answering (only staff reading the answers later)
		const answering = all(`select action from audit_entry where action like 'survey.%' and action not in ('survey.created', 'survey.question_added', 'survey.question_updated', 'survey.published', 'survey.exported', 'survey.answer_tagged')`);
		expect(answering).toEqual([]);
	});
});
