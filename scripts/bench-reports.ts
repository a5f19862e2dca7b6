// Board report figures (part of `npm run bench`; alone: `npx tsx scripts/bench-reports.ts`), on a
// database holding 1,000,000 survey answers linked to 50 standards (40 measured by survey answers,
// 10 by entered figures), plus the demo data:
// - the full-area quarterly report, worked out from the running tallies, on the request thread;
// - a custom-range breakdown from the raw answers (by area), in the report reader worker;
// - against the built app: each report page alone, then survey submissions at a steady 100 a second
//   while two clients ask for the draft report page and the breakdown page continuously.
// BENCH_REPORT_ANSWERS (1,000,000), BENCH_REPORT_SECONDS (30), BENCH_REPORT_RATE (100) change the load.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import { createDb, type Db } from '../src/lib/server/db/index';
import { closeReaders } from '../src/lib/server/db/reader';
import { report, service, user } from '../src/lib/server/db/schema';
import { DEMO_PASSWORD, seedDemo } from '../src/lib/server/seed';
import * as surveys from '../src/lib/server/surveys';
import * as standards from '../src/lib/server/standards';
import * as reports from '../src/lib/server/reports';
import { addDays, londonDate, quarterFrom } from '../src/lib/time';
import { answerPath, type QuestionKind, type RespondentGroup } from '../src/lib/features/surveys/model';
import { figure, hasBuild, startBuiltApp, finishBench, type Row } from './bench-server';
import { client, makeDrafts, percentile, signIn, type BenchSurvey } from './bench-surveys';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const ANSWERS = env('BENCH_REPORT_ANSWERS', 1_000_000);
const SECONDS = env('BENCH_REPORT_SECONDS', 30);
const RATE = env('BENCH_REPORT_RATE', 100);
const SURVEYS = 4;
const LINKED_PER_SURVEY = 10;
const log = (message: string) => console.log(`[reports] ${message}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Built = { surveys: BenchSurvey[]; surveyStandards: number[]; responses: number; answers: number };

/** Four surveys of ten linkable questions (each linked to its own standard), plus "who" and "area". */
function buildStandards(db: Db): Omit<Built, 'responses' | 'answers'> {
	const organiserId = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()!.id;
	const organiser = { id: organiserId, roles: ['organiser' as const] };
	const serviceIds = db.select({ id: service.id }).from(service).all().map((s) => s.id);
	const opensOn = addDays(londonDate(), -400);
	const kinds: QuestionKind[] = ['smiley5', 'yes_no', 'smiley3'];
	const built: BenchSurvey[] = [];
	const surveyStandards: number[] = [];
	for (let s = 0; s < SURVEYS; s++) {
		const id = surveys.create(db, organiser, { title: `Benchmark survey ${s + 1}`, intro: 'For the report benchmark.', audience: 'both', anonymous: true, opensOn, closesOn: null, serviceIds: [] });
		for (let q = 0; q < LINKED_PER_SURVEY; q++) {
			const serviceId = serviceIds[(s * LINKED_PER_SURVEY + q) % serviceIds.length];
			const questionId = surveys.addQuestion(db, organiser, id, kinds[q % kinds.length], `Benchmark question ${s + 1}.${q + 1}`);
			const question = surveys.getQuestion(db, organiser, questionId);
			surveys.updateQuestion(db, organiser, questionId, {
				text: question.text,
				help: '',
				required: true,
				symbolId: null,
				imageId: null,
				serviceId,
				options: question.options.map((o) => ({ id: o.id, label: o.label, symbolId: o.symbolId, imageId: null, positive: o.positive }))
			});
			const standardId = standards.create(db, organiser, {
				serviceId,
				statement: `Benchmark standard ${s + 1}.${q + 1}`,
				measure: 'Share of positive answers',
				measureKind: 'survey',
				unit: 'percent',
				direction: 'higher_better',
				target: 70,
				amberFrom: 55
			});
			surveys.linkQuestionToStandard(db, organiser, questionId, standardId, (sid) => standards.checkSurveyStandard(db, sid));
			surveyStandards.push(standardId);
		}
		surveys.addAboutYou(db, organiser, id, 'who');
		surveys.addAboutYou(db, organiser, id, 'area');
		surveys.publish(db, organiser, id);
		built.push({ id, questions: surveys.questionsOf(db, organiser, id) });
	}
	// ten standards measured by entered figures, four quarters each
	const today = londonDate();
	for (let k = 0; k < 10; k++) {
		const standardId = standards.create(db, organiser, { serviceId: serviceIds[k % serviceIds.length], statement: `Benchmark figure ${k + 1}`, measure: 'Share on time', measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 80, amberFrom: 65 });
		for (let i = 1; i <= 4; i++) standards.enterFigure(db, organiser, standardId, { period: quarterFrom(today, -i), value: 50 + k + i * 3, note: '' });
	}
	return { surveys: built, surveyStandards };
}

/** Writes answers straight into the tables, with tallies agreeing, as surveys.submit would. */
function fillAnswers(db: Db, built: BenchSurvey[], total: number): { responses: number; answers: number } {
	const sqlite = db.$client;
	const insertResponse = sqlite.prepare(
		`insert into survey_response (id, survey_id, token_hash, receipt_hash, account_id, submitted_on, locale, on_behalf, respondent_group) values (?, ?, ?, ?, null, ?, 'en', 0, ?)`
	);
	const insertAnswer = sqlite.prepare('insert into survey_answer (response_id, question_id, option_id, text) values (?, ?, ?, null)');
	const insertTally = sqlite.prepare('insert into survey_tally (question_id, option_id, day, respondent_group, count) values (?, ?, ?, ?, ?)');
	const insertMonth = sqlite.prepare('insert into survey_tally_month (question_id, option_id, month, respondent_group, count) values (?, ?, ?, ?, ?)');
	let seed = 11;
	const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
	const today = londonDate();
	const days = Array.from({ length: 365 }, (_, i) => addDays(today, -i));
	const tallies = new Map<string, number>();
	const tally = (q: number, o: number, day: string, group: string) => {
		const key = `${q}|${o}|${day}|${group}`;
		tallies.set(key, (tallies.get(key) ?? 0) + 1);
	};
	const perResponse = LINKED_PER_SURVEY + 2;
	const ids = Array.from({ length: Math.ceil(total / perResponse) }, () => randomBytes(16).toString('base64url').toLowerCase()).sort();
	let answers = 0;
	let responses = 0;
	sqlite.transaction(() => {
		for (const id of ids) {
			if (answers >= total) break;
			const s = built[responses % built.length];
			const day = days[Math.floor(rnd() ** 1.3 * days.length)];
			const [who, area] = s.questions.slice(LINKED_PER_SURVEY);
			const whoOption = who.options[rnd() < 0.7 ? 0 : rnd() < 0.7 ? 1 : Math.floor(rnd() * who.options.length)];
			const group: RespondentGroup = whoOption.respondentGroup ?? 'unknown';
			insertResponse.run(id, s.id, randomBytes(32).toString('hex'), randomBytes(32).toString('hex'), day, group);
			const chosen: [number, number][] = [[who.id, whoOption.id], [area.id, area.options[Math.floor(rnd() * area.options.length)].id]];
			for (const q of s.questions.slice(0, LINKED_PER_SURVEY)) chosen.push([q.id, q.options[Math.floor(rnd() * q.options.length)].id]);
			for (const [q, o] of chosen) {
				insertAnswer.run(id, q, o);
				tally(q, 0, day, group);
				tally(q, o, day, group);
			}
			answers += chosen.length;
			responses++;
		}
		for (const [key, n] of tallies) {
			const [q, o, day, group] = key.split('|');
			insertTally.run(Number(q), Number(o), day, group, n);
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

function timeSync(runs: number, fn: () => void): number[] {
	for (let i = 0; i < 3; i++) fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		fn();
		times.push(performance.now() - t);
	}
	return times.sort((a, b) => a - b);
}

export async function reportFigures(): Promise<Row[]> {
	const rows: Row[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-reports-'));
	const dbPath = join(dir, 'bench.db');
	let app: Awaited<ReturnType<typeof startBuiltApp>> | undefined;
	try {
		const t = performance.now();
		const db = createDb(dbPath);
		await seedDemo(db);
		log(`demo data in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		const built = buildStandards(db);
		log(`standards in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		db.$client.pragma('cache_size = -262144');
		const filled = fillAnswers(db, built.surveys, ANSWERS);
		log(`answers in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		const steadyCount = Math.round(RATE * SECONDS);
		const tokens = makeDrafts(db, built.surveys[0], steadyCount + 10);
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		db.$client.pragma('cache_size = -2000');
		log(`database: ${filled.responses.toLocaleString()} responses, ${filled.answers.toLocaleString()} answers over ${built.surveyStandards.length} survey standards, in ${((performance.now() - t) / 1000).toFixed(1)} s`);

		// ---- on the request thread, from the tallies
		const today = londonDate();
		const quarter = quarterFrom(today, -1);
		const standardCount = standards.list(db).length;
		const full = timeSync(20, () => reports.buildReport(db, quarter, { kind: 'area' }));
		rows.push(figure(`full-area quarterly report from tallies, ${standardCount} standards, with 4-quarter trends: p50 (ms)`, percentile(full, 0.5), 'ms', 50, false));
		rows.push(figure('full-area quarterly report from tallies: slowest of 20 (ms)', full.at(-1)!, 'ms', 100, false));
		const custom = { start: addDays(today, -200), end: today };
		const customTimes = timeSync(10, () => reports.buildReport(db, custom, { kind: 'area' }));
		rows.push(figure(`custom 200-day full-area report from daily tallies: p50 (ms)`, percentile(customTimes, 0.5), 'ms', 50, false));

		// ---- raw answers, in the worker
		const organiser = { id: db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()!.id, roles: ['organiser' as const] };
		const standardId = built.surveyStandards[0];
		await reports.breakdownByAboutYou(db, organiser, standardId, custom, 'area');
		const raw: number[] = [];
		for (let i = 0; i < 5; i++) {
			const start = performance.now();
			await reports.breakdownByAboutYou(db, organiser, standardId, custom, 'area');
			raw.push(performance.now() - start);
		}
		raw.sort((a, b) => a - b);
		const scanned = (db.$client.prepare('select count(*) from survey_answer a join survey_response r on r.id = a.response_id where r.survey_id = ? and r.submitted_on between ? and ?').pluck().get(built.surveys[0].id, custom.start, custom.end) as number);
		rows.push(figure(`custom 200-day breakdown by area from raw answers (${scanned.toLocaleString()} answers in range), in the worker: p50 (ms)`, percentile(raw, 0.5), 'ms', 1000, false));
		const draftId = db.select({ id: report.id }).from(report).where(eq(report.status, 'draft')).get()!.id;
		db.$client.close();
		await closeReaders();

		if (!hasBuild() || process.env.BENCH_REPORT_HTTP === '0') {
			console.log('(no build/, or BENCH_REPORT_HTTP=0: no figures under load; run `npm run build` first)');
			return rows;
		}
		// ---- against the built app: submissions at a steady rate while reports are asked for
		app = await startBuiltApp(dbPath, { env: { CHORUS_DEMO: '0' } });
		const { base } = app;
		const http = client(base, 16);
		const cookie = await signIn(http, 'organiser@example.org', DEMO_PASSWORD);
		const reportPaths = [`/manage/reports/${draftId}`, `/manage/explore?standard=${standardId}&by=area&start=${custom.start}&end=${custom.end}`];
		for (const path of reportPaths) {
			const res = await http.send('GET', path, '', { cookie });
			if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}\n${app.errors().slice(-1500)}`);
		}
		// Each page alone, one request at a time: the draft page's time is nearly all on the server's
		// one thread (worked out at most every few seconds, then rendered), and every submission
		// arriving meanwhile waits for it; the breakdown page mostly waits for the worker. A long
		// report opens at its first part; the whole of it on one page is for reading through and
		// printing, and is timed too.
		const alone: number[][] = [];
		for (const path of [...reportPaths, `${reportPaths[0]}?part=all`]) {
			const times: number[] = [];
			for (let i = 0; i < 20; i++) {
				const start = performance.now();
				await http.send('GET', path, '', { cookie }, false);
				times.push(performance.now() - start);
			}
			alone.push(times.sort((a, b) => a - b));
		}
		rows.push(figure('draft report page alone (its first part), one request at a time: p50 (ms)', percentile(alone[0], 0.5), 'ms', 100, false));
		rows.push(figure('draft report page alone: slowest of 20 (ms)', alone[0].at(-1)!, 'ms', 150, false));
		rows.push(figure('breakdown page alone (raw answers, worker): p50 (ms)', percentile(alone[1], 0.5), 'ms', 1000, false));
		rows.push(figure('whole draft report on one page alone (to print): p50 (ms)', percentile(alone[2], 0.5), 'ms', 100, false));
		const reader = new Database(dbPath, { readonly: true });
		const storedNow = () => reader.prepare('select count(*) from survey_response where survey_id = ?').pluck().get(built.surveys[0].id) as number;
		const before = storedNow();
		let stop = false;
		const reportTimes: number[][] = reportPaths.map(() => []);
		let reportErrors = 0;
		const reportLoops = reportPaths.map(async (path, k) => {
			while (!stop) {
				const start = performance.now();
				const res = await http.send('GET', path, '', { cookie }, false);
				if (res.status !== 200) reportErrors++;
				reportTimes[k].push(performance.now() - start);
			}
		});
		log(`steady: ${RATE} submissions a second for ${SECONDS} s while reports are asked for (load average ${loadavg()[0].toFixed(1)})`);
		const steadyHttp = client(base, 1024);
		const latencies: number[] = [];
		let errors = 0;
		let acks = 0;
		const inFlight: Promise<void>[] = [];
		const s = built.surveys[0];
		const t0 = performance.now() + 50;
		for (let i = 0; i < steadyCount; i++) {
			const due = t0 + (i * 1000) / RATE;
			const wait = due - performance.now();
			if (wait > 1) await sleep(wait);
			const start = performance.now();
			inFlight.push(
				steadyHttp.send('POST', answerPath(s.id, tokens[i], 'check'), '', {}, false).then(
					(res) => {
						latencies.push(performance.now() - start);
						if (res.status === 303 && res.location.endsWith('/sent')) acks++;
						else errors++;
					},
					() => {
						latencies.push(performance.now() - start);
						errors++;
					}
				)
			);
		}
		await Promise.all(inFlight);
		stop = true;
		await Promise.all(reportLoops);
		steadyHttp.close();
		http.close();
		latencies.sort((a, b) => a - b);
		const stored = storedNow() - before;
		reader.close();
		const label = `${RATE}/s for ${SECONDS} s while reports are asked for continuously`;
		rows.push(figure(`submission at ${label}: p50 (ms)`, percentile(latencies, 0.5), 'ms', 25, false));
		rows.push(figure(`submission at ${label}: p99 (ms)`, percentile(latencies, 0.99), 'ms', 200, false));
		rows.push(figure(`submission at ${label}: errors, and stored minus acknowledged (${stored} stored, ${acks} acknowledged)`, errors + Math.abs(stored - acks), '', 0, false));
		const names = ['draft report page (its first part; worked out live, reused for a few seconds)', 'breakdown page (raw answers, worker)'];
		reportTimes.forEach((times, k) => {
			times.sort((a, b) => a - b);
			rows.push(figure(`${names[k]} during the run: ${times.length} served, p50 (ms)`, percentile(times, 0.5), 'ms', k === 0 ? 200 : 1500, false));
		});
		rows.push(figure('report requests that failed during the run', reportErrors, '', 0, false));
		rows.push(figure('server memory after the report run (MB RSS)', app.rssMb(), 'MB', 200, false));
	} finally {
		await app?.stop();
		await closeReaders();
		if (process.env.BENCH_REPORT_KEEP) log(`database kept at ${dbPath}`);
		else rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}

// Run alone: print the table and write data/bench-reports.json.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	finishBench(await reportFigures(), 'data/bench-reports.json');
}
