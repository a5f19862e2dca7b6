// npm run bench:crash (after npm run build): survey responses and feedback from many clients while
// the app is killed with SIGKILL and started again, ten times. Then: every acknowledged submission
// is stored exactly once, integrity_check is ok, and the running tallies agree with the answers.
// CRASH_KILLS (10), CRASH_CLIENTS (24), CRASH_ANSWERS (100,000 answers already there) change it.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, finishBench, freePort, hasBuild, startBuiltApp, type BuiltApp, type Row } from './bench-server';
import { crashDatabase, sleep, startLoad, verify } from './crash-load';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const KILLS = env('CRASH_KILLS', 10);
const CLIENTS = env('CRASH_CLIENTS', 24);
const ANSWERS = env('CRASH_ANSWERS', 100_000);
const log = (message: string) => console.log(`[crash] ${message}`);

if (!hasBuild()) {
	console.error('Run npm run build first.');
	process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'chorus-crash-'));
const path = join(dir, 'chorus.db');
let rows: Row[] = [];
try {
	log(`building a database with ${ANSWERS} answers and drafts ready to send...`);
	const { surveyId, tokens } = await crashDatabase(path, ANSWERS, 40_000);
	copyFileSync(path, join(dir, 'before.db'));
	const port = await freePort();
	// one address per client (X-Forwarded-For), so feedback's per-address limit does not refuse them
	const appEnv = { CHORUS_DEMO: '0', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', LOG_LEVEL: 'warn' };
	let app: BuiltApp = await startBuiltApp(path, { port, env: appEnv });
	const load = startLoad(app.base, surveyId, tokens, CLIENTS);
	const downtimes: number[] = [];
	for (let kill = 1; kill <= KILLS; kill++) {
		await sleep(2000 + Math.random() * 3000);
		const acked = load.acks.length;
		process.kill(app.pid, 'SIGKILL');
		const killedAt = performance.now();
		await app.stop();
		app = await startBuiltApp(path, { port, env: appEnv });
		downtimes.push(performance.now() - killedAt);
		log(`kill ${kill}: ${acked} acknowledged so far; up again after ${(downtimes.at(-1)! / 1000).toFixed(1)} s`);
	}
	await sleep(2000);
	load.stop();
	await load.done;
	await app.stop();
	const verdict = verify(path, surveyId, load.acks);
	const load1 = loadavg()[0];
	log(`sent ${load.sent}, acknowledged ${load.acks.length} (${verdict.surveyAcks} responses, ${verdict.feedbackAcks} feedback), not answered ${load.failed}; load average ${load1.toFixed(2)}`);
	log(`integrity ${verdict.integrity}; missing ${verdict.surveyMissing} responses, ${verdict.feedbackMissing} feedback; stored twice ${verdict.duplicates}; tally rows that disagree ${verdict.tallyMismatches}`);
	const mean = downtimes.reduce((a, b) => a + b, 0) / downtimes.length;
	rows = [
		figure('kills with SIGKILL under load', KILLS, 'kills', KILLS, true),
		figure('acknowledged submissions', load.acks.length, 'submissions', 1, true),
		figure('acknowledged submissions missing', verdict.surveyMissing + verdict.feedbackMissing, 'submissions', 0, false),
		figure('acknowledged submissions stored twice', verdict.duplicates, 'submissions', 0, false),
		figure('integrity_check not ok', verdict.integrity === 'ok' ? 0 : 1, 'databases', 0, false),
		figure('tally rows disagreeing with answers', verdict.tallyMismatches, 'rows', 0, false),
		figure('time from SIGKILL to answering again (mean)', mean / 1000, 's', 10, false)
	];
} finally {
	rmSync(dir, { recursive: true, force: true });
}
finishBench(rows, 'data/crash-results.json');
