// npm run drill:restore (after npm run build): the restore drill, DRILL_RUNS (10) times.
//
// Each run: the app under `npm run serve` with a file:// Litestream replica; survey responses and
// feedback from DRILL_CLIENTS (8) clients for DRILL_SECONDS (8); then the whole machine "dies"
// (SIGKILL to the launcher, Litestream and the app at once); the database, its WAL and Litestream's
// local state are deleted; `npm run restore` brings the database back from the replica; the app
// starts again on it and answers /readyz. Then: integrity ok, the tallies agree with the answers,
// every response acknowledged more than DRILL_GRACE_MS (5,000: "a few seconds") before the kill is
// there, and the ones acknowledged in the last moments and lost (the replication lag) are counted,
// with how long before the kill the oldest of them was acknowledged. Litestream syncs every second,
// but on a loaded machine its lag reached 2.2 s (one run of ten at load average 4.8): a 2 s grace
// failed there, so the grace is the few seconds and the oldest loss is reported as a figure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { figure, finishBench, freePort, hasBuild, type Row } from './bench-server';
import { crashDatabase, sleep, startLoad, verify } from './crash-load';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const RUNS = env('DRILL_RUNS', 10);
const CLIENTS = env('DRILL_CLIENTS', 8);
const SECONDS = env('DRILL_SECONDS', 8);
const GRACE_MS = env('DRILL_GRACE_MS', 5000);
const log = (message: string) => console.log(`[drill] ${message}`);

/** Starts `npm run serve` (scripts/serve.js) in its own process group, so one signal reaches the launcher, Litestream and the app. */
function serve(dir: string, port: number): ChildProcess {
	return spawn(process.execPath, ['scripts/serve.js'], {
		detached: true,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: join(dir, 'chorus.db'),
			CHORUS_REPLICA: `file://${join(dir, 'replica')}`,
			CHORUS_DEMO: '0',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			LOG_LEVEL: 'warn'
		}
	});
}

/** Waits until /readyz says ready with replication running. */
async function ready(base: string, child: ChildProcess) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the app stopped while starting (exit ${child.exitCode})`);
		try {
			const res = await fetch(`${base}/readyz`);
			const body = (await res.json()) as { status: string; checks: { replication: { state: string } } };
			if (res.ok && body.checks.replication.state.startsWith('running')) return;
		} catch {
			// not up yet
		}
		await sleep(100);
	}
	throw new Error('the app was not ready within 60 s');
}

const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r())));

if (!hasBuild()) {
	console.error('Run npm run build first.');
	process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'chorus-drill-'));
const template = join(work, 'template.db');
const rows: Row[] = [];
const lostPerRun: number[] = [];
const lostWindowMs: number[] = [];
let oldLost = 0;
let bad = 0;
let acked = 0;
try {
	log('building a database with 20,000 answers and drafts ready to send...');
	const { surveyId, tokens } = await crashDatabase(template, 20_000, 20_000);
	for (let run = 1; run <= RUNS; run++) {
		const dir = join(work, `run-${run}`);
		const db = join(dir, 'chorus.db');
		spawnSync('mkdir', ['-p', dir]);
		copyFileSync(template, db);
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		let app = serve(dir, port);
		await ready(base, app);
		const load = startLoad(base, surveyId, tokens, CLIENTS);
		await sleep(SECONDS * 1000);
		// the machine dies: launcher, Litestream and app at once
		process.kill(-app.pid!, 'SIGKILL');
		const killedAt = Date.now();
		await exited(app);
		load.stop();
		await load.done;
		// its disk is gone with it: the database, its WAL and Litestream's own state beside it
		for (const lost of ['chorus.db', 'chorus.db-wal', 'chorus.db-shm', '.chorus.db-litestream']) rmSync(join(dir, lost), { recursive: true, force: true });
		const restored = spawnSync('npx', ['tsx', 'scripts/restore.ts', db], { env: { ...process.env, CHORUS_REPLICA: `file://${join(dir, 'replica')}` }, encoding: 'utf8' });
		if (restored.status !== 0) throw new Error(`restore failed: ${restored.stderr}`);
		app = serve(dir, port);
		await ready(base, app);
		process.kill(-app.pid!, 'SIGTERM');
		await exited(app);
		const verdict = verify(db, surveyId, load.acks);
		const surveyAcks = load.acks.filter((a) => a.kind === 'survey');
		const lost = verdict.missing;
		const old = lost.filter((a) => killedAt - a.at > GRACE_MS);
		const window = lost.length ? killedAt - Math.min(...lost.map((a) => a.at)) : 0;
		acked += load.acks.length;
		oldLost += old.length;
		lostPerRun.push(lost.length);
		lostWindowMs.push(window);
		if (verdict.integrity !== 'ok' || verdict.tallyMismatches || verdict.duplicates) bad++;
		log(
			`run ${run}: acknowledged ${surveyAcks.length} responses and ${load.acks.length - surveyAcks.length} feedback; lost at the end ${lost.length} (${verdict.surveyMissing} responses, ${verdict.feedbackMissing} feedback), acknowledged within ${window} ms of the kill; lost from earlier ${old.length}; integrity ${verdict.integrity}, tallies ${verdict.tallyMismatches ? 'DISAGREE' : 'agree'}`
		);
		rmSync(dir, { recursive: true, force: true });
	}
	const sorted = [...lostPerRun].sort((a, b) => a - b);
	log(`lost at the end per run: ${lostPerRun.join(', ')} (median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}); load average ${loadavg()[0].toFixed(2)}`);
	rows.push(
		figure('drill runs', RUNS, 'runs', RUNS, true),
		figure('acknowledged submissions', acked, 'submissions', 1, true),
		figure(`acknowledged more than ${GRACE_MS} ms before the kill and lost`, oldLost, 'submissions', 0, false),
		figure('runs with integrity, tallies or duplicates wrong', bad, 'runs', 0, false),
		figure('lost at the end, worst run', Math.max(...lostPerRun), 'submissions', 1000, false),
		figure('lost at the end, total over the runs', lostPerRun.reduce((a, b) => a + b, 0), 'submissions', 10_000, false),
		figure('oldest lost acknowledgement before the kill, worst run', Math.max(...lostWindowMs), 'ms', GRACE_MS, false)
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}
finishBench(rows, 'data/drill-results.json');
