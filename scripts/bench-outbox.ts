// Outbox figures (part of `npm run bench`; alone: `npx tsx scripts/bench-outbox.ts`), on a database
// file with the app's settings (WAL, synchronous FULL) and 10,000 people an event reaches (today the
// safeguarding leads' flag email is the event with recipients; subscribers will use the same path):
// - the commit time of a change that emits an event reaching 0 people and 10,000 people;
// - the time to expand the event and send all 10,000 emails to a local SMTP server (smtp-server);
// - while that runs, a write like a survey submission every 10 ms (100/s) in the same process,
//   timed from when it was due: what the worker's steps make a submission wait.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, writeTransaction, type Db } from '../src/lib/server/db/index';
import { user, userRole, auditEntry } from '../src/lib/server/db/schema';
import * as safeguarding from '../src/lib/server/safeguarding';
import { runOnce, smtpSender, backlog } from '../src/lib/server/outbox';
import { EVENT_KINDS } from '../src/lib/server/registry';
import { startSmtpSink } from '../src/lib/server/outbox/testing';
import { figure, finishBench, type Row } from './bench-server';
import { percentile } from './bench-surveys';

const PEOPLE = 10_000;
const log = (line: string) => console.log(`[outbox] ${line}`);

function addPeople(db: Db, n: number, role: 'safeguarding_lead' | 'parent_carer') {
	const now = new Date();
	db.$client.transaction(() => {
		for (let i = 0; i < n; i++) {
			const { id } = db.insert(user).values({ email: `${role}${i}@example.org`, name: `Person ${i}`, createdAt: now }).returning({ id: user.id }).get();
			db.insert(userRole).values({ userId: id, role }).run();
		}
	})();
}

/** Median time of `tell` (a flag saved and its event emitted, in one transaction), in ms. */
function commitTime(db: Db, runs = 200): number {
	const parent = { id: 1, roles: ['parent_carer' as const] };
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		safeguarding.tell(db, parent, 'I need someone to talk to about home');
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
		addPeople(none, 1, 'parent_carer');
		const many = createDb(join(dir, 'many.db'));
		addPeople(many, 1, 'parent_carer');
		addPeople(many, PEOPLE, 'safeguarding_lead');
		const [t0, t10k] = [commitTime(none), commitTime(many)];
		rows.push(figure('change emitting an event to nobody: commit p50 (ms)', t0, 'ms', 5, false));
		rows.push(figure(`change emitting an event to ${PEOPLE.toLocaleString()} people: commit p50 (ms)`, t10k, 'ms', 5, false));
		rows.push(figure('the second over the first (x)', t10k / t0, 'x', 1.5, false));
		// start from one event: the ones emitted above are expanded and sent without timing
		many.$client.exec('delete from outbox_event');

		safeguarding.tell(many, { id: 1, roles: ['parent_carer'] }, 'I need someone to talk to about home');
		const lags: number[] = [];
		let due = performance.now();
		let submitting = true;
		const submissions = (async () => {
			// a write transaction like a survey submission's, due every 10 ms, timed from when it was due
			while (submitting) {
				due += 10;
				const wait = due - performance.now();
				if (wait > 0) await new Promise((r) => setTimeout(r, wait));
				writeTransaction(many, (tx) => {
					tx.insert(auditEntry).values({ at: new Date(), actorId: null, action: 'bench.submitted', subjectType: 'survey', subjectId: '1', details: '{}' }).run();
				});
				lags.push(performance.now() - due);
			}
		})();
		const start = performance.now();
		const counts = await runOnce(many, { kinds: EVENT_KINDS, send: sender.send, origin: 'https://chorus.example.org' });
		const seconds = (performance.now() - start) / 1000;
		submitting = false;
		await submissions;
		log(`sent ${counts.sent} (failed ${counts.failed}, dead ${counts.dead}), backlog after ${JSON.stringify(backlog(many))}`);
		rows.push(figure(`expand and send ${PEOPLE.toLocaleString()} emails to a local SMTP server (s)`, seconds, 's', 120, false));
		rows.push(figure('emails sent per second', counts.sent / seconds, '/s', 100, true));
		lags.sort((a, b) => a - b);
		rows.push(figure(`writes at 100/s during the sending (${lags.length}): wait p99 (ms)`, percentile(lags, 0.99), 'ms', 50, false));
		rows.push(figure('writes at 100/s during the sending: longest wait (ms)', lags.at(-1) ?? 0, 'ms', 200, false));
		log(`load average at end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
		none.$client.close();
		many.$client.close();
	} finally {
		sender.close();
		await sink.close();
		rmSync(dir, { recursive: true, force: true });
	}
	return rows;
}

// Run alone: print the table and write data/bench-outbox.json.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	finishBench(await outboxFigures(), 'data/bench-outbox.json');
}
