// Survey figures (part of `npm run bench`; alone: `npx tsx scripts/bench-surveys.ts`), against
// the built app (`npm run build` first) on a database already holding 1,000,000 answers:
// - the JavaScript each answering page ships (gzip), and a first visit's whole download;
// - a plain-forms walk through one response (no JavaScript is needed to answer);
// - submissions at a steady rate (open loop), then as fast as 16 clients can send (closed loop),
//   checking afterwards that every acknowledged submission is stored exactly once;
// - the organiser's results page on that survey (it reads the running tallies).
// BENCH_SURVEY_SECONDS (default 60), BENCH_SURVEY_RATE (100 a second), BENCH_SURVEY_PEAK_SECONDS
// (10), BENCH_SURVEY_CLIENTS (16), BENCH_SURVEY_ANSWERS (1,000,000) change the load.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createDb, type Db } from '../src/lib/server/db/index';
import { user } from '../src/lib/server/db/schema';
import { DEMO_PASSWORD, seedDemo } from '../src/lib/server/seed';
import { generateToken, hashToken } from '../src/lib/server/auth/tokens';
import * as surveys from '../src/lib/server/surveys';
import { DAY_MS, addDays, londonDate } from '../src/lib/time';
import { answerPath, type RespondentGroup } from '../src/lib/features/surveys/model';
import { eq } from 'drizzle-orm';
import { figure, hasBuild, startBuiltApp, finishBench, type Row } from './bench-server';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const STEADY_SECONDS = env('BENCH_SURVEY_SECONDS', 60);
const STEADY_RATE = env('BENCH_SURVEY_RATE', 100);
const PEAK_SECONDS = env('BENCH_SURVEY_PEAK_SECONDS', 10);
const PEAK_CLIENTS = env('BENCH_SURVEY_CLIENTS', 16);
const ANSWERS = env('BENCH_SURVEY_ANSWERS', 1_000_000);
/** Drafts made ready for the peak run: more than it can send in its time (it stops if they run out). */
const PEAK_DRAFTS = env('BENCH_SURVEY_PEAK_DRAFTS', 1500 * PEAK_SECONDS);
const KB = 1024;

const log = (message: string) => console.log(`[surveys] ${message}`);
export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN);

/* ------------------------------------------------------------------------------------------ */
/* The database: the demo data plus one busy survey with 1,000,000 answers                      */
/* ------------------------------------------------------------------------------------------ */

export type BenchSurvey = { id: number; questions: surveys.QuestionWithOptions[] };

function buildSurvey(db: Db, organiser: { id: number; roles: ['organiser'] }, opensOn: string): BenchSurvey {
	const id = surveys.create(db, organiser, {
		title: 'Benchmark: your family and local services',
		intro: 'A survey with a year of answers, for the benchmark.',
		audience: 'parent_carers',
		anonymous: true,
		opensOn,
		closesOn: null,
		serviceIds: []
	});
	const add = (kind: Parameters<typeof surveys.addQuestion>[3], text: string, options: string[] = [], required = true) => {
		const qid = surveys.addQuestion(db, organiser, id, kind, text);
		const q = surveys.getQuestion(db, organiser, qid);
		surveys.updateQuestion(db, organiser, qid, {
			text,
			help: '',
			required,
			symbolId: null,
			imageId: null,
			serviceId: null,
			options: options.length
				? options.map((label, i) => ({ label, symbolId: null, imageId: null, positive: i === 0 }))
				: q.options.map((o) => ({ id: o.id, label: o.label, symbolId: o.symbolId, imageId: null, positive: o.positive }))
		});
	};
	add('smiley5', 'How good is the help your child gets?');
	add('yes_no', 'Do you know who to call when things go wrong?');
	add('pick_one', 'How long did you wait for a first appointment?', ['Less than a month', '1 to 3 months', '3 to 6 months', 'More than 6 months']);
	add('pick_any', 'Which services has your child used this year?', ['Speech therapy', 'CAMHS', 'Short breaks', 'Specialist teaching', 'Social care']);
	add('short_text', 'In a few words, what works well?', [], false);
	add('long_text', 'What would you change?', [], false);
	surveys.addAboutYou(db, organiser, id, 'who');
	surveys.addAboutYou(db, organiser, id, 'area');
	surveys.addAboutYou(db, organiser, id, 'age_band');
	surveys.publish(db, organiser, id);
	return { id, questions: surveys.questionsOf(db, organiser, id) };
}

const COMMENTS = [
	'The therapist listens to us.',
	'Letters arrive on time now.',
	'The waiting list is far too long and nobody tells us where we are on it.',
	'Quicker replies to emails, please.',
	'More holiday clubs for older children.',
	'Our annual review was cancelled twice.',
	'Staff are kind but there are not enough of them.'
];

/**
 * Writes `total` answers straight into the tables (one transaction, prepared statements), with
 * responses, answers and running tallies agreeing as `surveys.submit` would leave them.
 * Responses are spread over the last 365 days. Returns how many responses and answers it wrote.
 */
function fillAnswers(db: Db, s: BenchSurvey, total: number, today: string): { responses: number; answers: number } {
	const sqlite = db.$client;
	const insertResponse = sqlite.prepare(
		`insert into survey_response (id, survey_id, token_hash, receipt_hash, account_id, submitted_on, locale, on_behalf, respondent_group)
		 values (?, ?, ?, ?, null, ?, ?, 0, ?)`
	);
	const insertAnswer = sqlite.prepare('insert into survey_answer (response_id, question_id, option_id, text) values (?, ?, ?, ?)');
	const insertTally = sqlite.prepare('insert into survey_tally (question_id, option_id, day, respondent_group, count) values (?, ?, ?, ?, ?)');
	const insertMonth = sqlite.prepare('insert into survey_tally_month (question_id, option_id, month, respondent_group, count) values (?, ?, ?, ?, ?)');
	let seed = 7;
	const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
	const days = Array.from({ length: 365 }, (_, i) => addDays(today, -i));
	const tallies = new Map<string, number>();
	const tally = (questionId: number, optionId: number, day: string, group: string) => {
		const key = `${questionId}|${optionId}|${day}|${group}`;
		tallies.set(key, (tallies.get(key) ?? 0) + 1);
	};
	const [smiley, yesNo, pickOne, pickAny, shortText, longText, who, area, age] = s.questions;
	let answers = 0;
	let responses = 0;
	// Random ids, inserted in id order: the indexes on them then grow at one end.
	const ids = Array.from({ length: Math.ceil(total / 7) }, () => randomBytes(16).toString('base64url').toLowerCase()).sort();
	sqlite.transaction(() => {
		for (const id of ids) {
			if (answers >= total) break;
			const day = days[Math.floor(rnd() ** 1.3 * days.length)];
			const chosen: [number, number | null, string | null][] = [];
			const one = (q: surveys.QuestionWithOptions, weights?: number[]) => {
				const w = weights ?? q.options.map(() => 1);
				let r = rnd() * w.reduce((a, b) => a + b, 0);
				const i = w.findIndex((x) => (r -= x) < 0);
				chosen.push([q.id, q.options[i < 0 ? 0 : i].id, null]);
			};
			one(smiley, [12, 20, 28, 27, 13]);
			one(yesNo, [35, 50, 15]);
			one(pickOne);
			const any = pickAny.options.filter(() => rnd() < 0.35);
			for (const o of any.length ? any : [pickAny.options[0]]) chosen.push([pickAny.id, o.id, null]);
			if (rnd() < 0.5) chosen.push([shortText.id, null, COMMENTS[Math.floor(rnd() * 2)]]);
			if (rnd() < 0.3) chosen.push([longText.id, null, COMMENTS[2 + Math.floor(rnd() * 5)]]);
			if (rnd() < 0.9) one(who, [88, 3, 6, 3]);
			if (rnd() < 0.9) one(area);
			if (rnd() < 0.9) one(age);
			const whoOption = who.options.find((o) => chosen.some(([q, opt]) => q === who.id && opt === o.id));
			const group: RespondentGroup = whoOption?.respondentGroup ?? 'parent_carer';
			insertResponse.run(id, s.id, randomBytes(32).toString('hex'), randomBytes(32).toString('hex'), day, rnd() < 0.1 ? 'tr' : 'en', group);
			const answered = new Set<number>();
			for (const [questionId, optionId, text] of chosen) {
				insertAnswer.run(id, questionId, optionId, text);
				if (!answered.has(questionId)) tally(questionId, 0, day, group);
				answered.add(questionId);
				if (optionId !== null) tally(questionId, optionId, day, group);
			}
			answers += chosen.length;
			responses++;
		}
		for (const [key, n] of tallies) {
			const [questionId, optionId, day, group] = key.split('|');
			insertTally.run(Number(questionId), Number(optionId), day, group, n);
		}
		// the monthly counts, as submit keeps them
		const months = new Map<string, number>();
		for (const [key, n] of tallies) {
			const [q, o, day, group] = key.split('|');
			const monthKey = `${q}|${o}|${day.slice(0, 7)}|${group}`;
			months.set(monthKey, (months.get(monthKey) ?? 0) + n);
		}
		for (const [key, n] of months) {
			const [q, o, month, group] = key.split('|');
			insertMonth.run(Number(q), Number(o), month, group, n);
		}
	})();
	return { responses, answers };
}

/**
 * Makes `count` drafts with every question answered, ready to send. A few are answered through
 * the service (start, saveAnswer); the rest copy their answers, so this takes seconds, not minutes.
 * Returns their tokens.
 */
export function makeDrafts(db: Db, s: BenchSurvey, count: number): string[] {
	const variants: string[] = [];
	for (let v = 0; v < 12; v++) {
		const { token } = surveys.start(db, null, s.id, 'en');
		for (const q of s.questions) {
			if (q.kind === 'short_text' || q.kind === 'long_text') {
				if (v % 2) surveys.saveAnswer(db, null, s.id, token, q.id, [], COMMENTS[v % COMMENTS.length], new Date());
				continue;
			}
			const pick = q.kind === 'pick_any' ? q.options.filter((_, i) => (i + v) % 3 === 0).map((o) => o.id) : [q.options[v % q.options.length].id];
			const problem = surveys.saveAnswer(db, null, s.id, token, q.id, pick.length ? pick : [q.options[0].id], '');
			if (problem) throw new Error(`bench draft refused: ${problem}`);
		}
		variants.push(db.$client.prepare('select answers from survey_draft where token_hash = ?').pluck().get(hashToken(token)) as string);
	}
	const insert = db.$client.prepare(
		`insert into survey_draft (token_hash, receipt_hash, survey_id, locale, answers, account_id, on_behalf, preview, saved_on)
		 values (?, ?, ?, 'en', ?, null, 0, 0, ?)`
	);
	// Saved yesterday: thousands of drafts started today would be over the survey's daily cap
	// (surveys/limits.ts), and the plain-forms walk still starts one through the app today.
	const yesterday = londonDate(new Date(Date.now() - DAY_MS));
	const tokens: string[] = [];
	db.$client.transaction(() => {
		for (let i = 0; i < count; i++) {
			const token = generateToken();
			insert.run(hashToken(token), surveys.receiptHash(surveys.receiptCode(token)), s.id, variants[i % variants.length], yesterday);
			tokens.push(token);
		}
	})();
	return tokens;
}

/**
 * Makes the benchmark's database file: the demo data, then a busy survey holding `answers`
 * answers, then `drafts` drafts ready to send. Returns the survey, what it holds and the drafts' tokens.
 */
export async function buildDatabase(path: string, answers: number, drafts: number) {
	const db = createDb(path);
	await seedDemo(db);
	const organiserId = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()!.id;
	const today = londonDate();
	const opensOn = addDays(today, -400);
	const survey = buildSurvey(db, { id: organiserId, roles: ['organiser'] }, opensOn);
	db.$client.pragma('cache_size = -262144');
	const t = performance.now();
	const filled = fillAnswers(db, survey, answers, today);
	const filledIn = performance.now() - t;
	const tokens = makeDrafts(db, survey, drafts);
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	log(`answers written in ${(filledIn / 1000).toFixed(1)} s, drafts in ${((performance.now() - t - filledIn) / 1000).toFixed(1)} s`);
	db.$client.close();
	return { survey, filled, tokens };
}

/* ------------------------------------------------------------------------------------------ */
/* HTTP                                                                                         */
/* ------------------------------------------------------------------------------------------ */

type Reply = { status: number; location: string; body: Buffer; headers: Record<string, string | string[] | undefined> };

/** A lean HTTP client (keep-alive, no redirects followed), so the client's own cost stays small beside the server's. */
export function client(base: string, sockets: number) {
	const agent = new Agent({ keepAlive: true, maxSockets: sockets });
	const { hostname, port } = new URL(base);
	let retries = 0;
	const once = (method: 'GET' | 'POST', path: string, body: string, headers: Record<string, string>, keepBody: boolean) =>
		new Promise<Reply>((resolve, reject) => {
			const req = request(
				{
					agent,
					hostname,
					port,
					method,
					path,
					// As a browser sends a form: with `accept: text/html` Kit answers an action with its redirect
					// (without it, Kit takes the post for `use:enhance` and answers JSON).
					headers:
						method === 'POST'
							? { accept: 'text/html', origin: base, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers }
							: { accept: 'text/html', ...headers }
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => keepBody && chunks.push(c));
					res.on('end', () =>
						resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), body: Buffer.concat(chunks), headers: res.headers })
					);
					res.on('error', reject);
				}
			);
			req.on('error', (e: NodeJS.ErrnoException) => reject(Object.assign(e, { reused: req.reusedSocket })));
			req.end(body);
		});
	/**
	 * Sends a request. A kept-alive connection the server closed just as it was reused fails
	 * before the server saw anything; like a browser, that is tried once more on a new connection
	 * (safe here: sending the same answers again stores nothing more).
	 */
	const send = async (method: 'GET' | 'POST', path: string, body = '', headers: Record<string, string> = {}, keepBody = true) => {
		try {
			return await once(method, path, body, headers, keepBody);
		} catch (e) {
			const err = e as NodeJS.ErrnoException & { reused?: boolean };
			if (!err.reused || err.code !== 'ECONNRESET') throw e;
			retries++;
			return once(method, path, body, headers, keepBody);
		}
	};
	return { send, close: () => agent.destroy(), retries: () => retries };
}
export type Client = ReturnType<typeof client>;

/** What a page makes a browser download, gzip at level 9: the HTML, its scripts (script src and module preloads) and its stylesheets. */
async function pageWeight(http: Client, base: string, path: string) {
	const page = await http.send('GET', path);
	if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
	const html = page.body.toString();
	const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
	const tags = [...html.matchAll(/<(script|link)\b[^>]*>/gi)].map((m) => m[0]);
	const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(2).find((v) => v !== undefined);
	const scripts = new Set<string>();
	const styles = new Set<string>();
	for (const tag of tags) {
		const rel = (attr(tag, 'rel') ?? '').toLowerCase();
		if (tag.toLowerCase().startsWith('<script') && attr(tag, 'src')) scripts.add(attr(tag, 'src')!);
		else if (rel === 'modulepreload' && attr(tag, 'href')) scripts.add(attr(tag, 'href')!);
		else if (rel === 'stylesheet' && attr(tag, 'href')) styles.add(attr(tag, 'href')!);
	}
	// Kit can also name preloads in the Link header.
	for (const m of String(page.headers.link ?? '').matchAll(/<([^>]+)>;([^,]*)/g)) {
		if (/rel="?modulepreload/.test(m[2])) scripts.add(m[1]);
		else if (/as="?style/.test(m[2])) styles.add(m[1]);
	}
	const fetchAll = async (urls: Set<string>) => {
		let bytes = 0;
		for (const u of urls) {
			const url = new URL(u, base + path);
			const res = await http.send('GET', url.pathname + url.search);
			if (res.status !== 200) throw new Error(`GET ${url.pathname} answered ${res.status}`);
			bytes += gz(res.body);
		}
		return bytes;
	};
	const js = await fetchAll(scripts);
	const css = await fetchAll(styles);
	return { html: gz(page.body), js, css, scripts: [...scripts], hasPostForm: /<form\b[^>]*method=["']?post/i.test(html) };
}

export async function signIn(http: Client, email: string, password: string): Promise<string> {
	const res = await http.send('POST', '/login', new URLSearchParams({ email, password }).toString());
	const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
	if (res.status !== 303 || !cookies.length) throw new Error(`sign-in answered ${res.status}`);
	return cookies.join('; ');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * How many times a second the disk under `dir` makes a small write durable. With
 * synchronous=FULL every commit waits for one, so one submission per commit can go no faster.
 */
function fsyncsPerSecond(dir: string): number {
	const fd = openSync(join(dir, 'fsync-probe'), 'w');
	const page = Buffer.alloc(4096, 1);
	let n = 0;
	const start = performance.now();
	try {
		while (performance.now() - start < 2000) {
			writeSync(fd, page, 0, page.length, 0);
			fdatasyncSync(fd);
			n++;
		}
	} finally {
		closeSync(fd);
	}
	return n / ((performance.now() - start) / 1000);
}

/* ------------------------------------------------------------------------------------------ */
/* The figures                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** Measures the survey figures against the built app. Returns them (empty without a build). */
/**
 * Sends the drafts of `tokens` (ready to send) at `rate` a second, open loop: each starts at its
 * time, whatever the others are doing, on its own connection pool (people do not queue behind each
 * other's connections). Stops early when `stop()` says so. Returns the latencies (sorted), how
 * many were acknowledged (a 303 to /sent) and how many were not.
 */
export async function openLoop(base: string, surveyId: number, tokens: readonly string[], rate: number, stop: () => boolean = () => false) {
	const latencies: number[] = [];
	const lags: number[] = [];
	let errors = 0;
	let acks = 0;
	const errorKinds = new Map<string, number>();
	const noteError = (kind: string) => errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
	const inFlight: Promise<void>[] = [];
	const http = client(base, 1024);
	const interval = 1000 / rate;
	const t0 = performance.now() + 50;
	for (let i = 0; i < tokens.length && !stop(); i++) {
		const due = t0 + i * interval;
		const wait = due - performance.now();
		if (wait > 1) await sleep(wait);
		const start = performance.now();
		lags.push(start - due);
		inFlight.push(
			http.send('POST', answerPath(surveyId, tokens[i], 'check'), '', {}, false).then(
				(res) => {
					latencies.push(performance.now() - start);
					if (res.status === 303 && res.location.endsWith('/sent')) acks++;
					else {
						errors++;
						noteError(`HTTP ${res.status}`);
					}
				},
				(e: NodeJS.ErrnoException) => {
					latencies.push(performance.now() - start);
					errors++;
					noteError(e.code ?? e.message);
				}
			)
		);
	}
	await Promise.all(inFlight);
	http.close();
	latencies.sort((a, b) => a - b);
	lags.sort((a, b) => a - b);
	log(`open loop: sent ${latencies.length}, client lag behind schedule p99 ${percentile(lags, 0.99).toFixed(1)} ms, max ${(lags.at(-1) ?? 0).toFixed(1)} ms`);
	if (errorKinds.size) log(`open loop: errors ${[...errorKinds].map(([k, n]) => `${k} x${n}`).join(', ')}`);
	if (http.retries()) log(`open loop: ${http.retries()} sent again after the server closed a kept-alive connection as it was reused`);
	return { latencies, acks, errors };
}

export async function surveyFigures(): Promise<Row[]> {
	const rows: Row[] = [];
	if (!hasBuild()) {
		console.log('(no build/: run `npm run build` for the survey figures)');
		return rows;
	}
	const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-surveys-'));
	const dbPath = join(dir, 'bench.db');
	let app: Awaited<ReturnType<typeof startBuiltApp>> | undefined;
	try {
		// ---- the database, built before the server starts
		const t = performance.now();
		const steadyCount = Math.round(STEADY_RATE * STEADY_SECONDS);
		const { survey: s, filled, tokens } = await buildDatabase(dbPath, ANSWERS, 2 + 200 + steadyCount + PEAK_DRAFTS);
		log(`database: ${filled.responses.toLocaleString()} responses, ${filled.answers.toLocaleString()} answers, ${tokens.length.toLocaleString()} drafts ready, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

		app = await startBuiltApp(dbPath, { env: { CHORUS_DEMO: '0' } });
		const { base } = app;
		const http = client(base, PEAK_CLIENTS + 8);
		const reader = new Database(dbPath, { readonly: true });
		const stored = reader.prepare('select count(*) from survey_response where survey_id = ?').pluck();
		const storedNow = () => stored.get(s.id) as number;

		// ---- what each answering page ships (JavaScript and first visit, gzip)
		const [pageToken, walkToken] = tokens.splice(0, 2);
		const pages: [string, string][] = [
			['survey start page', `/surveys/${s.id}`],
			['question page', answerPath(s.id, pageToken, 1)],
			['check your answers page', answerPath(s.id, pageToken, 'check')]
		];
		const weights = [];
		for (const [name, path] of pages) weights.push({ name, ...(await pageWeight(http, base, path)) });
		const sent = await http.send('POST', answerPath(s.id, pageToken, 'check'), '');
		if (sent.status !== 303 || !sent.location.endsWith('/sent')) throw new Error(`sending the check page answered ${sent.status} ${sent.location}`);
		weights.push({ name: 'confirmation page', ...(await pageWeight(http, base, answerPath(s.id, pageToken, 'sent'))) });
		for (const w of weights) {
			rows.push(figure(`${w.name}: JavaScript shipped, gzip (KB) [${w.scripts.map((u) => u.split('/').pop()).join(', ') || 'none'}]`, w.js / KB, 'KB', 35, false));
		}
		for (const w of weights.slice(0, 2)) {
			rows.push(figure(`first visit to the ${w.name}: HTML+CSS+JS, gzip, no images or fonts (KB)`, (w.html + w.css + w.js) / KB, 'KB', 50, false));
		}

		// ---- no JavaScript needed: one whole response through plain form posts, as a browser without scripts sends them
		let walked = weights.every((w) => w.name === 'confirmation page' || w.hasPostForm);
		const started = await http.send('POST', `/surveys/${s.id}?/start`, 'locale=en');
		const startedOk = started.status === 303 && started.location.includes('/answer/');
		walked &&= startedOk;
		const walkPath = startedOk ? started.location.replace(/\/1$/, '') : answerPath(s.id, walkToken);
		for (const [i, q] of s.questions.entries()) {
			const body = q.options.length ? `answer=${q.options[0].id}` : `text=${encodeURIComponent('Fine, thank you.')}`;
			const res = await http.send('POST', `${walkPath}/${i + 1}`, body);
			walked &&= res.status === 303;
		}
		const walkSent = await http.send('POST', `${walkPath}/check`, '');
		walked &&= walkSent.status === 303 && walkSent.location.endsWith('/sent');
		rows.push(figure(`JavaScript needed to answer: start, ${s.questions.length} questions, check, send as plain form posts (KB)`, walked ? 0 : NaN, 'KB', 0, false));

		// ---- one at a time: what a single submission costs the server (disk sync included), for reading the rest
		const alone: number[] = [];
		for (const token of tokens.splice(0, 200)) {
			const start = performance.now();
			const res = await http.send('POST', answerPath(s.id, token, 'check'), '', {}, false);
			if (res.status !== 303) throw new Error(`a submission answered ${res.status}`);
			alone.push(performance.now() - start);
		}
		alone.sort((a, b) => a - b);
		rows.push(figure('submission, one at a time (200): p50 (ms)', percentile(alone, 0.5), 'ms', 25, false));

		// ---- steady submissions, open loop: each starts at its time, whatever the others are doing
		const before = storedNow();
		log(`steady: ${STEADY_RATE} submissions a second for ${STEADY_SECONDS} s (load average ${loadavg()[0].toFixed(1)})`);
		const steady = await openLoop(base, s.id, tokens.splice(0, steadyCount), STEADY_RATE);
		const steadyStored = storedNow() - before;
		const label = `${STEADY_RATE}/s for ${STEADY_SECONDS} s`;
		rows.push(figure(`submission at ${label}: p50 (ms)`, percentile(steady.latencies, 0.5), 'ms', 25, false));
		rows.push(figure(`submission at ${label}: p95 (ms)`, percentile(steady.latencies, 0.95), 'ms', 25, false));
		rows.push(figure(`submission at ${label}: p99 (ms)`, percentile(steady.latencies, 0.99), 'ms', 200, false));
		rows.push(figure(`submission at ${label}: max (ms)`, steady.latencies.at(-1) ?? NaN, 'ms', 1000, false));
		rows.push(figure(`submission at ${label}: errors (not a 303 to /sent)`, steady.errors, '', 0, false));
		rows.push(figure(`submission at ${label}: stored minus acknowledged (${steadyStored} stored, ${steady.acks} acknowledged)`, Math.abs(steadyStored - steady.acks), '', 0, false));

		// ---- peak: 16 clients, each sending the next draft as soon as the last one is acknowledged
		log(`peak: ${PEAK_CLIENTS} clients for ${PEAK_SECONDS} s (load average ${loadavg()[0].toFixed(1)})`);
		const peakBefore = storedNow();
		let next = 0;
		let peakAcks = 0;
		let peakErrors = 0;
		const peakStart = performance.now();
		const peakEnd = peakStart + PEAK_SECONDS * 1000;
		await Promise.all(
			Array.from({ length: PEAK_CLIENTS }, async () => {
				while (performance.now() < peakEnd && next < tokens.length) {
					const token = tokens[next++];
					try {
						const res = await http.send('POST', answerPath(s.id, token, 'check'), '', {}, false);
						if (res.status === 303 && res.location.endsWith('/sent')) peakAcks++;
						else peakErrors++;
					} catch {
						peakErrors++;
					}
				}
			})
		);
		const peakSeconds = (performance.now() - peakStart) / 1000;
		const peakStored = storedNow() - peakBefore;
		if (next >= tokens.length) log(`peak: ran out of drafts after ${peakSeconds.toFixed(1)} s (raise BENCH_SURVEY_PEAK_DRAFTS)`);
		rows.push(figure(`peak submissions per second, ${PEAK_CLIENTS} clients, synchronous=FULL (createDb)`, peakAcks / peakSeconds, '/s', 700, true));
		// Context for the peak: one commit per submission cannot outrun the disk's durable writes.
		rows.push(figure('durable 4 KB writes (fdatasync) per second on the database disk: the most one-commit-per-submission can do', fsyncsPerSecond(dir), '/s', 700, true));
		rows.push(figure(`peak: errors, and stored minus acknowledged (${peakStored} stored, ${peakAcks} acknowledged)`, peakErrors + Math.abs(peakStored - peakAcks), '', 0, false));

		// ---- the organiser's results page on the survey with the answers
		const cookie = await signIn(http, 'organiser@example.org', DEMO_PASSWORD);
		const resultsPath = `/manage/surveys/${s.id}/results`;
		const times: number[] = [];
		let failed = '';
		for (let i = 0; i < 25 && !failed; i++) {
			const start = performance.now();
			const res = await http.send('GET', resultsPath, '', { cookie });
			if (res.status !== 200) failed = `GET ${resultsPath} answered ${res.status}\n${app.errors().slice(-1500)}`;
			else if (i >= 5) times.push(performance.now() - start);
		}
		if (failed) log(failed);
		times.sort((a, b) => a - b);
		const total = storedNow();
		const answers = reader.prepare('select count(*) from survey_answer a join survey_response r on r.id = a.response_id where r.survey_id = ?').pluck().get(s.id) as number;
		rows.push(figure(`results page, ${total.toLocaleString()} responses / ${answers.toLocaleString()} answers: p50 (ms)`, percentile(times, 0.5), 'ms', 100, false));
		rows.push(figure('results page: slowest of 20 (ms)', times.at(-1) ?? NaN, 'ms', 250, false));
		rows.push(figure('server memory after the survey runs (MB RSS)', app.rssMb(), 'MB', 200, false));
		reader.close();
		http.close();
	} finally {
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}

// Run alone: print the table and write data/bench-surveys.json.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	finishBench(await surveyFigures(), 'data/bench-surveys.json');
}
