// Outbox figures (part of `npm run bench`; alone: `npx tsx scripts/bench-outbox.ts`), on a database
// file with the app's settings (WAL, synchronous FULL):
// - the commit time of a "we did" on a board item whose event reaches 0 and 10,000 subscribers;
// - in process: the time to expand that event to 10,000 subscribers and send every email to a
//   local SMTP server (smtp-server), with a write like a survey submission every 10 ms (100/s)
//   meanwhile, timed from when it was due: what the worker's steps make a write wait;
// - over HTTP, against the built app (`npm run build` first) with its own worker: a "you said" put
//   on the board reaching 10,000 email subscribers, while survey answers are submitted at 100 a
//   second; the submissions' p99 beside the same rate with no email going, and the time until the
//   SMTP server has every email. BENCH_OUTBOX_SUBSCRIBERS (10,000) changes the fan-out.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, writeTransaction, type Db } from '../src/lib/server/db/index';
import { user, userRole, auditEntry } from '../src/lib/server/db/schema';
import * as board from '../src/lib/server/board';
import * as subscriptions from '../src/lib/server/subscriptions';
import { runOnce, smtpSender, backlog } from '../src/lib/server/outbox';
import { EVENT_KINDS } from '../src/lib/server/registry';
import { startSmtpSink } from '../src/lib/server/outbox/testing';
import Database from 'better-sqlite3';
import { generateToken } from '../src/lib/server/auth/tokens';
import { londonDate } from '../src/lib/time';
import { figure, finishBench, hasBuild, startBuiltApp, type Row } from './bench-server';
import { buildDatabase, openLoop, percentile } from './bench-surveys';

const SUBSCRIBERS = Number(process.env.BENCH_OUTBOX_SUBSCRIBERS ?? 10_000);
/** Submissions a second, and for how long with no email going (the baseline). */
const RATE = 100;
const BASELINE_SECONDS = 15;
const WARM_UP_SECONDS = 5;
/** The longest the fan-out may take: drafts are made for this long at RATE. */
const FAN_OUT_SECONDS = 150;
const log = (line: string) => console.log(`[outbox] ${line}`);

const ORGANISER = { id: 1, roles: ['organiser' as const] };

/** An organiser (user 1) and one "you said" on the public board; returns the item's id. */
function boardWithOneItem(db: Db): number {
	db.insert(user).values({ email: 'organiser@example.org', name: 'Olu Organiser', createdAt: new Date() }).run();
	db.insert(userRole).values({ userId: ORGANISER.id, role: 'organiser' }).run();
	const itemId = board.createItem(db, ORGANISER, { youSaid: 'Letters come too late', easyRead: '', easyReadSymbol: null, voices: 1, source: 'other', sourceDetail: '', serviceIds: [], topics: [], heardOn: londonDate() });
	board.setPublished(db, ORGANISER, itemId, true);
	return itemId;
}

/** Median time of a "we did" on the item (saved, its status kept, its event emitted, in one transaction), in ms. */
function commitTime(db: Db, itemId: number, runs = 200): number {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		board.respond(db, ORGANISER, itemId, { text: `Update ${i}: letters now go within a week`, status: 'working_on_it', reason: '', as: 'forum' });
		times.push(performance.now() - start);
	}
	return percentile(times.sort((a, b) => a - b), 0.5);
}

export async function outboxFigures(): Promise<Row[]> {
	const rows: Row[] = [];
	const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-outbox-'));
	const sink = await startSmtpSink({ keep: false });
	const sender = smtpSender(sink.env)!;
	try {
		log(`load average at start ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
		const none = createDb(join(dir, 'none.db'));
		const noneItem = boardWithOneItem(none);
		const many = createDb(join(dir, 'many.db'));
		const manyItem = boardWithOneItem(many);
		many.$client.close();
		addSubscribers(join(dir, 'many.db'), SUBSCRIBERS);
		const manyAgain = createDb(join(dir, 'many.db'));
		const [t0, t10k] = [commitTime(none, noneItem), commitTime(manyAgain, manyItem)];
		rows.push(figure('a "we did" whose event reaches nobody: commit p50 (ms)', t0, 'ms', 5, false));
		rows.push(figure(`a "we did" whose event reaches ${SUBSCRIBERS.toLocaleString()} subscribers: commit p50 (ms)`, t10k, 'ms', 5, false));
		rows.push(figure('the second over the first (x)', t10k / t0, 'x', 1.5, false));
		// start from one event: the ones emitted above are not sent
		manyAgain.$client.exec('delete from outbox_event');
		board.respond(manyAgain, ORGANISER, manyItem, { text: 'Letters now go within 5 days', status: 'done', reason: '', as: 'forum' });
		const lags: number[] = [];
		let due = performance.now();
		let submitting = true;
		const submissions = (async () => {
			// a write transaction like a survey submission's, due every 10 ms, timed from when it was due
			while (submitting) {
				due += 10;
				const wait = due - performance.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
				writeTransaction(manyAgain, (tx) => {
					tx.insert(auditEntry).values({ at: new Date(), actorId: null, action: 'bench.submitted', subjectType: 'survey', subjectId: '1', details: '{}' }).run();
				});
				lags.push(performance.now() - due);
			}
		})();
		const start = performance.now();
		const counts = await runOnce(manyAgain, { kinds: EVENT_KINDS, subscribers: subscriptions.addressBook, send: sender.send, origin: 'https://chorus.example.org' });
		const seconds = (performance.now() - start) / 1000;
		submitting = false;
		await submissions;
		log(`sent ${counts.sent} (failed ${counts.failed}, dead ${counts.dead}), backlog after ${JSON.stringify(backlog(manyAgain))}`);
		rows.push(figure(`expand and send ${SUBSCRIBERS.toLocaleString()} emails to a local SMTP server, in process (s)`, seconds, 's', 120, false));
		rows.push(figure('emails sent per second', counts.sent / seconds, '/s', 100, true));
		lags.sort((a, b) => a - b);
		rows.push(figure(`writes at 100/s during the sending (${lags.length}): wait p99 (ms)`, percentile(lags, 0.99), 'ms', 50, false));
		rows.push(figure('writes at 100/s during the sending: longest wait (ms)', lags.at(-1) ?? 0, 'ms', 200, false));
		log(`load average at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
		none.$client.close();
		manyAgain.$client.close();
	} finally {
		sender.close();
		await sink.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}

/** `n` confirmed subscribers of the whole board, written straight into the database file. */
function addSubscribers(path: string, n: number) {
	const db = new Database(path);
	// the demo's own news (its items, surveys, meetings and reports, all emitted as the seed made
	// them) would go to these subscribers too: only the event under test is sent
	db.exec('delete from outbox_event');
	const now = Date.now();
	const subscriber = db.prepare("insert into subscriber (email, locale, frequency, link_nonce, created_at) values (?, 'en', 'immediately', ?, ?)");
	const follows = db.prepare("insert into subscription (subscriber_id, topic, ref, confirmed, created_at) values (?, 'board', '', 1, ?)");
	db.transaction(() => {
		for (let i = 0; i < n; i++) follows.run(subscriber.run(`subscriber${i}@example.org`, generateToken(), now).lastInsertRowid, now);
	})();
	const itemId = db.prepare('select id from board_item where published_at is not null order by id limit 1').pluck().get() as number;
	db.close();
	return itemId;
}

/** The fan-out through the built app's own worker, with survey answers submitted over HTTP meanwhile. */
async function fanOutOverHttp(): Promise<Row[]> {
	const rows: Row[] = [];
	if (!hasBuild()) {
		console.log('(no build/: run `npm run build` for the fan-out figures over HTTP)');
		return rows;
	}
	const dir = mkdtempSync(join(tmpdir(), 'chorus-bench-fan-out-'));
	const dbPath = join(dir, 'bench.db');
	const sink = await startSmtpSink({ keep: false });
	let app: Awaited<ReturnType<typeof startBuiltApp>> | undefined;
	try {
		const { survey, tokens } = await buildDatabase(dbPath, 10_000, RATE * (WARM_UP_SECONDS + BASELINE_SECONDS + FAN_OUT_SECONDS));
		const itemId = addSubscribers(dbPath, SUBSCRIBERS);
		app = await startBuiltApp(dbPath, { env: { CHORUS_DEMO: '0', CHORUS_OUTBOX_EVERY_MS: '500', ...sink.env } });
		// the demo's own emails (its flags, to the leads) go first
		await sink.quiet(1500);
		// warm the server up first (its first requests compile and fill caches), as the survey bench does
		await openLoop(app.base, survey.id, tokens.splice(0, RATE * WARM_UP_SECONDS), RATE);
		sink.clear();
		let done = false;
		let sentIn = NaN;
		// the event a "you said" put on the board emits, written as the app's transaction writes it
		const writer = new Database(dbPath);
		const start = performance.now();
		writer.prepare('insert into outbox_event (kind, subject_id, happened_on) values (?, ?, ?)').run(board.ITEM_PUBLISHED, String(itemId), londonDate());
		writer.close();
		const delivered = sink.waitFor(SUBSCRIBERS, FAN_OUT_SECONDS * 1000).then(
			() => ((sentIn = (performance.now() - start) / 1000), (done = true)),
			(e: Error) => (log(e.message), (done = true))
		);
		log(`fan-out over HTTP: ${SUBSCRIBERS.toLocaleString()} subscribers, submissions at ${RATE}/s until every email has arrived`);
		const during = await openLoop(app.base, survey.id, tokens, RATE, () => done);
		await delivered;
		tokens.splice(0, during.latencies.length); // those drafts are sent
		// then the same rate with no email going, on the same warm server, to compare
		await sink.quiet(1000);
		log(`fan-out over HTTP: baseline ${RATE}/s for ${BASELINE_SECONDS} s (load average ${loadavg()[0].toFixed(1)})`);
		const baseline = await openLoop(app.base, survey.id, tokens.splice(0, RATE * BASELINE_SECONDS), RATE);

		rows.push(figure(`submission at ${RATE}/s, no email going: p99 (ms)`, percentile(baseline.latencies, 0.99), 'ms', 200, false));
		rows.push(figure(`submission at ${RATE}/s while ${SUBSCRIBERS.toLocaleString()} emails go (${during.latencies.length}): p99 (ms)`, percentile(during.latencies, 0.99), 'ms', 200, false));
		rows.push(figure('the same: max (ms)', during.latencies.at(-1) ?? NaN, 'ms', 1000, false));
		rows.push(figure('the same: errors (not a 303 to /sent)', baseline.errors + during.errors, '', 0, false));
		rows.push(figure(`a "you said" to ${SUBSCRIBERS.toLocaleString()} subscribers: every email at the SMTP server (s)`, sentIn, 's', 120, false));
		rows.push(figure('server memory after the fan-out (MB RSS)', app.rssMb(), 'MB', 200, false));
	} finally {
		await app?.stop();
		await sink.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}

/** Every outbox figure: in process, then over HTTP. */
export async function allOutboxFigures(): Promise<Row[]> {
	return [...(await outboxFigures()), ...(await fanOutOverHttp())];
}

// Run alone: print the table and write data/bench-outbox.json.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	finishBench(await allOutboxFigures(), 'data/bench-outbox.json');
}
