// Shared by `npm run bench:crash` and `npm run drill:restore`: a database with survey drafts ready
// to send, clients that send them (and feedback) over HTTP while the app is killed, and the checks
// afterwards (every acknowledged submission stored exactly once, integrity ok, tallies agree).
import Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import { answerPath } from '../src/lib/features/surveys/model';
import { hashToken } from '../src/lib/server/auth/tokens';
import { buildDatabase, client, type Client } from './bench-surveys';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bench's database at `path`: the demo data, a survey with `answers` answers, and `drafts` drafts ready to send. */
export async function crashDatabase(path: string, answers: number, drafts: number) {
	const built = await buildDatabase(path, answers, drafts);
	return { surveyId: built.survey.id, tokens: built.tokens };
}

export type Ack = { kind: 'survey'; token: string; at: number } | { kind: 'feedback'; marker: string; at: number };

export type Load = {
	acks: Ack[];
	sent: number;
	failed: number;
	retried: number;
	/** Resolves when every client has stopped (after `stop()`). */
	done: Promise<void>;
	stop: () => void;
};

/**
 * `clients` clients, each sending one survey response, then (every `feedbackEvery`-th time) one
 * piece of feedback, one after another, until stopped or out of drafts. A response that got no
 * answer (the app was down) is sent again later with the same token, as a person pressing Send
 * again would: that must never store it twice. Feedback is never sent again (nothing ties two tries
 * together, so a second try is a second piece of feedback): acknowledged feedback must be stored once.
 */
export function startLoad(base: string, surveyId: number, tokens: string[], clients: number, feedbackEvery = 4, pauseMs = 0): Load {
	const acks: Ack[] = [];
	let sent = 0;
	let failed = 0;
	let retried = 0;
	let stopped = false;
	const retry: string[] = [];
	let next = 0;
	let feedbackCount = 0;
	const http: Client = client(base, clients * 2);
	const one = async (worker: number) => {
		let round = 0;
		while (!stopped) {
			const token = retry.length && round % 2 ? retry.shift()! : tokens[next++];
			if (token === undefined) break;
			round++;
			sent++;
			try {
				const res = await http.send('POST', answerPath(surveyId, token, 'check'), '', {}, false);
				if (res.status === 303 && res.location.endsWith('/sent')) acks.push({ kind: 'survey', token, at: Date.now() });
				else throw new Error(`HTTP ${res.status}`);
			} catch {
				failed++;
				retried++;
				retry.push(token);
				await sleep(100);
			}
			if (round % feedbackEvery === 0 && !stopped) {
				const marker = `crash-bench feedback ${worker}-${round}-${feedbackCount++}-${Date.now()}`;
				const body = new URLSearchParams({ whatHappened: marker, service: '', aboutWho: '' }).toString();
				sent++;
				try {
					// a new address each time: the form allows 5 an hour from one address
					const res = await http.send('POST', '/feedback', body, { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` }, false);
					if (res.status === 303 && res.location.startsWith('/feedback/sent')) acks.push({ kind: 'feedback', marker, at: Date.now() });
					else throw new Error(`HTTP ${res.status}`);
				} catch {
					failed++;
					await sleep(100);
				}
			}
			if (pauseMs) await sleep(pauseMs);
		}
	};
	const done = Promise.all(Array.from({ length: clients }, (_, i) => one(i))).then(() => http.close());
	return {
		acks,
		get sent() {
			return sent;
		},
		get failed() {
			return failed;
		},
		get retried() {
			return retried;
		},
		done,
		stop: () => (stopped = true)
	} as Load;
}

export type Verdict = {
	integrity: string;
	surveyAcks: number;
	surveyMissing: number;
	feedbackAcks: number;
	feedbackMissing: number;
	/** Acknowledged submissions stored more than once (must be 0). */
	duplicates: number;
	/** Tally rows that disagree with the answers (must be 0). */
	tallyMismatches: number;
	/** The acknowledged submissions that are missing, with when they were acknowledged. */
	missing: Ack[];
};

/** Opens the database at `path` (the app stopped) and checks every acknowledgement against it. */
export function verify(path: string, surveyId: number, acks: readonly Ack[]): Verdict {
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		const integrity = String(db.pragma('integrity_check', { simple: true }));
		const byToken = db.prepare('select count(*) from survey_response where token_hash = ?').pluck();
		const byMarker = db.prepare('select count(*) from feedback where what_happened = ?').pluck();
		const missing: Ack[] = [];
		let duplicates = 0;
		const seen = new Set<string>();
		let surveyAcks = 0;
		let feedbackAcks = 0;
		for (const ack of acks) {
			const key = ack.kind === 'survey' ? ack.token : ack.marker;
			if (seen.has(key)) continue;
			seen.add(key);
			const n = (ack.kind === 'survey' ? byToken.get(hashToken(ack.token)) : byMarker.get(ack.marker)) as number;
			if (ack.kind === 'survey') surveyAcks++;
			else feedbackAcks++;
			if (n === 0) missing.push(ack);
			if (n > 1) duplicates++;
		}
		// every option's running tally (days and months) against the answers stored
		const tallyMismatches = db
			.prepare(
				`with answers as (
				   select a.question_id, a.option_id, count(*) as n from survey_answer a join survey_question q on q.id = a.question_id
				   where q.survey_id = @surveyId and a.option_id is not null group by a.question_id, a.option_id),
				 days as (
				   select t.question_id, t.option_id, sum(t.count) as n from survey_tally t join survey_question q on q.id = t.question_id
				   where q.survey_id = @surveyId and t.option_id <> 0 group by t.question_id, t.option_id),
				 months as (
				   select t.question_id, t.option_id, sum(t.count) as n from survey_tally_month t join survey_question q on q.id = t.question_id
				   where q.survey_id = @surveyId and t.option_id <> 0 group by t.question_id, t.option_id)
				 select count(*) from answers a
				 left join days d on d.question_id = a.question_id and d.option_id = a.option_id
				 left join months m on m.question_id = a.question_id and m.option_id = a.option_id
				 where d.n is not a.n or m.n is not a.n`
			)
			.pluck()
			.get({ surveyId }) as number;
		return {
			integrity,
			surveyAcks,
			surveyMissing: missing.filter((m) => m.kind === 'survey').length,
			feedbackAcks,
			feedbackMissing: missing.filter((m) => m.kind === 'feedback').length,
			duplicates,
			tallyMismatches,
			missing
		};
	} finally {
		db.close();
	}
}
