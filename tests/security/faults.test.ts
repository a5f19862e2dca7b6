/**
 * Faults survived on purpose (decision 0051), against the built app: a full disk (the database
 * capped with CHORUS_MAX_PAGE_COUNT, as a full disk refuses writes), SIGTERM with submissions in
 * flight, and a damaged or lost database at start. The long runs (ten SIGKILLs under load, the
 * restore drill) are scripts: npm run bench:crash and npm run drill:restore.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { startApp, freePort, SEEDED_TEMPLATE, type AppServer } from '../app-server';
import { attack, useApp } from './harness';
import { Client } from './http';
import { openDatabase, ORGANISER, signIn } from './people';

const HTML = { accept: 'text/html' };
let address = 0;
const nextAddress = () => `10.20.${Math.floor(++address / 250)}.${(address % 250) + 1}`;

describe('a full disk', () => {
	// no page more than it has at start: every write that needs a new page is refused, as on a full disk
	const app = useApp({ env: { CHORUS_MAX_PAGE_COUNT: '+0' } });
	const marker = `Full disk test ${Date.now()}: `;
	const typed = marker + 'the letter from school said the plan would be reviewed. '.repeat(80);

	attack(
		'Sending feedback while the disk is full, then again once there is room',
		'503 "we could not save this, please try again" with what was typed kept; nothing stored; /readyz not ready; works again once space returns, stored once',
		async (observe) => {
			const client = new Client(app().url);
			const refused = await client.post('/feedback', { whatHappened: typed, contactName: 'Sam', service: '', aboutWho: '' }, HTML);
			// with JavaScript, the form posts for `use:enhance`: the same error comes as the action's JSON,
			// which puts the same page (and the typed text) in place of the form
			const enhanced = await client.send('/feedback', new URLSearchParams({ whatHappened: typed, service: '', aboutWho: '' }).toString(), {
				accept: 'application/json',
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			});
			const ready = await client.get('/readyz');
			const db = openDatabase(app().databasePath, false);
			const storedWhileFull = db.prepare('select count(*) from feedback where what_happened like ?').pluck().get(`${marker}%`) as number;
			expect(refused.status).toBe(503);
			expect(refused.text).toContain('We could not save this, please try again.');
			expect(refused.headers.get('cache-control')).toContain('no-store');
			// what was typed is in the page, to be sent again with the button
			expect(refused.text).toContain(`name="whatHappened" value="${marker}`);
			expect(refused.text).toContain('name="contactName" value="Sam"');
			expect(refused.text).toContain('action="/feedback"');
			expect(storedWhileFull).toBe(0);
			const result = JSON.parse(enhanced.text) as { type: string; error?: { code?: string; kept?: { fields: [string, string][] } } };
			expect(result.type).toBe('error');
			expect(result.error?.code).toBe('not_saved');
			expect(result.error?.kept?.fields[0]).toEqual(['whatHappened', typed]);
			expect(ready.status).toBe(503);
			expect(JSON.parse(ready.text).checks.write).toEqual({ ok: false, state: 'full' });
			// space returns: another program frees pages inside the database (the audit log, here)
			db.exec('delete from audit_entry');
			const freed = db.pragma('freelist_count', { simple: true }) as number;
			const again = await client.post('/feedback', { whatHappened: typed, contactName: 'Sam', service: '', aboutWho: '' }, HTML);
			const readyAgain = await client.get('/readyz');
			const stored = db.prepare('select count(*) from feedback where what_happened like ?').pluck().get(`${marker}%`) as number;
			db.close();
			observe(`full: ${refused.status}, typed text in the page (and in the enhanced form's JSON: ${result.error?.code}), ${storedWhileFull} stored, /readyz ${ready.status}; ${freed} pages freed: ${again.status} to ${again.location}, stored ${stored}, /readyz ${readyAgain.status}`);
			expect(again.status).toBe(303);
			expect(again.location).toMatch(/^\/feedback\/sent\?ref=/);
			expect(stored).toBe(1);
			expect(readyAgain.status).toBe(200);
		}
	);
});

describe('SIGTERM with submissions in flight', () => {
	let app: AppServer;
	beforeAll(async () => {
		app = await startApp({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
	}, 90_000);
	afterAll(async () => {
		expect(await app.stop()).toEqual([]);
	}, 30_000);

	attack(
		'Stopping the app with SIGTERM while 30 survey responses (one group commit) and 30 pieces of feedback are being sent',
		'every request it accepted answered and stored once; nothing refused but new connections; exit code 0 within 10 s',
		async (observe) => {
			const org = new Client(app.url, nextAddress());
			await signIn(org, ORGANISER);
			const created = await org.post('/manage/surveys/new', { title: 'Stopping test', intro: '', audience: 'parent_carers', anonymity: 'anonymous', opensOn: '2020-01-01', closesOn: '' }, HTML);
			const surveyId = Number(created.location!.match(/\/manage\/surveys\/(\d+)/)![1]);
			expect((await org.post(`/manage/surveys/${surveyId}?/add`, { kind: 'yes_no', text: 'Is it good?' }, HTML)).status).toBe(303);
			expect((await org.post(`/manage/surveys/${surveyId}?/publish`, {}, HTML)).status).toBe(303);
			const drafts: { client: Client; token: string }[] = [];
			for (let i = 0; i < 30; i++) {
				const client = new Client(app.url, nextAddress());
				const started = await client.post(`/surveys/${surveyId}?/start`, { locale: 'en' }, HTML);
				const token = started.location!.match(/\/answer\/([a-z2-7]+)\//)![1];
				const page = await client.get(`/surveys/${surveyId}/answer/${token}/1`);
				const option = page.text.match(/<span id="option-(\d+)">/)![1];
				expect((await client.post(`/surveys/${surveyId}/answer/${token}/1`, { answer: option }, HTML)).location).toMatch(/\/check$/);
				drafts.push({ client, token });
			}
			const marker = `Stopping test ${Date.now()}`;
			type Outcome = { kind: 'survey' | 'feedback'; key: string; result: string };
			const sends: Promise<Outcome>[] = [
				...drafts.map(({ client, token }) =>
					client.post(`/surveys/${surveyId}/answer/${token}/check`, {}, HTML).then(
						(a) => ({ kind: 'survey' as const, key: token, result: a.status === 303 && a.location!.endsWith('/sent') ? 'ok' : `HTTP ${a.status}` }),
						(e: Error & { cause?: { code?: string } }) => ({ kind: 'survey' as const, key: token, result: e.cause?.code ?? e.message })
					)
				),
				...Array.from({ length: 30 }, (_, i) =>
					new Client(app.url, nextAddress()).post('/feedback', { whatHappened: `${marker} ${i}`, service: '', aboutWho: '' }, HTML).then(
						(a) => ({ kind: 'feedback' as const, key: `${marker} ${i}`, result: a.status === 303 ? 'ok' : `HTTP ${a.status}` }),
						(e: Error & { cause?: { code?: string } }) => ({ kind: 'feedback' as const, key: `${marker} ${i}`, result: e.cause?.code ?? e.message })
					)
				)
			];
			await new Promise((r) => setTimeout(r, 15));
			const signalled = Date.now();
			process.kill(app.pid, 'SIGTERM');
			const outcomes = await Promise.all(sends);
			const exit = await app.exited;
			const took = Date.now() - signalled;
			const late = await fetch(app.url + '/healthz').then(
				(r) => `answered ${r.status}`,
				(e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message
			);
			const db = openDatabase(app.databasePath);
			const responses = db.prepare('select count(*) from survey_response where survey_id = ?').pluck().get(surveyId) as number;
			const feedback = db.prepare('select count(*) from feedback where what_happened like ?').pluck().get(`${marker}%`) as number;
			db.close();
			const ok = outcomes.filter((o) => o.result === 'ok');
			const refused = outcomes.filter((o) => o.result === 'ECONNREFUSED');
			const other = outcomes.filter((o) => o.result !== 'ok' && o.result !== 'ECONNREFUSED');
			observe(
				`${ok.length} answered (${ok.filter((o) => o.kind === 'survey').length} responses), ${refused.length} new connections refused, ${other.length} other errors; stored ${responses} responses and ${feedback} feedback; exit ${exit.code} after ${took} ms; a request after: ${late}`
			);
			expect(other.map((o) => o.result)).toEqual([]);
			expect(ok.length).toBeGreaterThan(0);
			expect(responses).toBe(ok.filter((o) => o.kind === 'survey').length);
			expect(feedback).toBe(ok.filter((o) => o.kind === 'feedback').length);
			expect(exit).toEqual({ code: 0, signal: null });
			expect(took).toBeLessThan(10_000);
			expect(late).toBe('ECONNREFUSED');
		}
	);
});

describe('a damaged or lost database at start', () => {
	const dirs: string[] = [];
	afterAll(() => {
		for (const d of dirs) rmSync(d, { recursive: true, force: true });
	});

	/** Starts `node build` on `prepare`'s database; resolves with its exit code, its output and whether it ever answered. */
	async function startOn(prepare: (dir: string) => string) {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-fault-'));
		dirs.push(dir);
		const database = prepare(dir);
		const port = await freePort();
		const child = spawn(process.execPath, ['build'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database, CHORUS_DEMO: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (c) => (output += c));
		child.stderr.on('data', (c) => (output += c));
		let answered = false;
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		const poll = setInterval(() => fetch(`http://127.0.0.1:${port}/healthz`).then(() => (answered = true), () => {}), 20);
		const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
		const code = await exited;
		clearInterval(poll);
		clearTimeout(timer);
		return { code, output, answered };
	}

	attack('Starting on a file that is not a database (a damaged disk)', 'a clear message, exit code 3, never listening', async (observe) => {
		const result = await startOn((dir) => {
			writeFileSync(join(dir, 'chorus.db'), 'not a database at all '.repeat(300));
			return join(dir, 'chorus.db');
		});
		observe(`exit ${result.code}; answered: ${result.answered}; said: ${result.output.match(/"msg":"([^"]{0,80})/)?.[1] ?? result.output.slice(0, 80)}`);
		expect(result.code).toBe(3);
		expect(result.answered).toBe(false);
		expect(result.output).toContain('is damaged');
		expect(result.output).not.toContain('Listening on');
	});

	attack('Starting where the database was lost but its write-ahead log is left', 'a clear message, exit code 4, no new empty database made', async (observe) => {
		const result = await startOn((dir) => {
			writeFileSync(join(dir, 'chorus.db-wal'), '');
			return join(dir, 'chorus.db');
		});
		observe(`exit ${result.code}; answered: ${result.answered}`);
		expect(result.code).toBe(4);
		expect(result.answered).toBe(false);
		expect(result.output).toContain('is missing but its write-ahead log');
	});
});

describe('the machine dies under Litestream (npm run serve with CHORUS_REPLICA), then npm run restore', () => {
	let dir = '';
	let app: ChildProcess | null = null;
	afterAll(() => {
		if (app?.pid && app.exitCode === null) process.kill(-app.pid, 'SIGKILL');
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	attack(
		'Killing the launcher, Litestream and the app at once after 20 pieces of feedback, deleting the database and its WAL, then restoring',
		'npm run restore refuses while the app runs; after the kill it restores every piece acknowledged more than 2 s before, integrity ok; the app starts on it',
		async (observe) => {
			dir = mkdtempSync(join(tmpdir(), 'chorus-replica-'));
			const database = join(dir, 'chorus.db');
			// the run's seeded database (decision 0046), so nothing is seeded here
			const template = process.env[SEEDED_TEMPLATE];
			if (template && existsSync(join(template, 'chorus.db'))) copyFileSync(join(template, 'chorus.db'), database);
			const port = await freePort();
			const base = `http://127.0.0.1:${port}`;
			const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, DATABASE_URL: database, CHORUS_REPLICA: `file://${join(dir, 'replica')}`, CHORUS_DEMO: '1', CHORUS_SECRET_KEY_FILE: join(dir, 'secret.key'), ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', LOG_LEVEL: 'warn' };
			const serve = () => spawn(process.execPath, ['scripts/serve.js'], { env, detached: true, stdio: 'ignore' });
			const ready = async () => {
				for (let i = 0; i < 300; i++) {
					const answer = await fetch(`${base}/readyz`).then((r) => r.json() as Promise<{ checks?: { replication?: { state: string } } }>, () => null);
					if (answer?.checks?.replication?.state.startsWith('running')) return;
					await new Promise((r) => setTimeout(r, 100));
				}
				throw new Error('not ready with replication running within 30 s');
			};
			app = serve();
			await ready();
			const marker = `Replica test ${Date.now()}`;
			for (let i = 0; i < 20; i++) {
				const sent = await new Client(base, nextAddress()).post('/feedback', { whatHappened: `${marker} ${i}`, service: '', aboutWho: '' }, HTML);
				expect(sent.status).toBe(303);
			}
			const whileRunning = spawnSync('npx', ['tsx', 'scripts/restore.ts', database, '--replace'], { env, encoding: 'utf8' });
			await new Promise((r) => setTimeout(r, 2500));
			process.kill(-app.pid!, 'SIGKILL');
			await new Promise((r) => setTimeout(r, 200));
			for (const lost of ['chorus.db', 'chorus.db-wal', 'chorus.db-shm', '.chorus.db-litestream']) rmSync(join(dir, lost), { recursive: true, force: true });
			const restored = spawnSync('npx', ['tsx', 'scripts/restore.ts', database], { env, encoding: 'utf8' });
			const db = new Database(database, { readonly: true, fileMustExist: true });
			const stored = db.prepare('select count(*) from feedback where what_happened like ?').pluck().get(`${marker}%`) as number;
			const integrity = db.pragma('integrity_check', { simple: true });
			db.close();
			app = serve();
			await ready();
			const restarted = app;
			const stopped = new Promise((r) => (restarted.exitCode !== null ? r(null) : restarted.once('exit', r)));
			process.kill(-restarted.pid!, 'SIGTERM');
			await stopped;
			observe(
				`while running: exit ${whileRunning.status} (${whileRunning.stderr.trim().split('\n').pop()?.slice(0, 60)}); after the kill: restore exit ${restored.status}, ${stored} of 20 stored, integrity ${integrity}; started again and ready`
			);
			expect(whileRunning.status).toBe(3);
			expect(whileRunning.stderr).toContain('is in use by process');
			expect(restored.status, restored.stderr).toBe(0);
			expect(stored).toBe(20);
			expect(integrity).toBe('ok');
		},
		90_000
	);
});
