/**
 * The built app (`node build`) started for a test run: its own free port and a fresh, temporary
 * SQLite database, so two runs never see each other's data. Used by the end-to-end fixtures
 * (tests/fixtures.ts) and by the black-box security tests (tests/security/).
 *
 * The server's whole output is searched, as it comes, for secrets that must never be printed
 * (passwords, card codes, one-time codes the tests type): `stop()` reports any it saw.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Every demo account's password (src/lib/server/seed.ts). */
export const DEMO_PASSWORD = 'chorus-demo-2026';
/** Alex's demo card code (src/lib/server/profiles/seed.ts). */
export const DEMO_CARD_CODE = 'BEAR-4827';

/** The demo TOTP secret (README): a secret like any other. */
export const DEMO_TOTP_SECRET = 'CHORUSDEMOTOTPSECRETCHORUSDEMOAB';

/** The demo accounts' email addresses (README): the tests type them into sign-in forms. */
export const DEMO_EMAILS = ['admin', 'organiser', 'service.lead', 'board', 'supporter', 'parent', 'safeguarding'].map((name) => `${name}@example.org`);

/** What the server must never print, however the tests use it. */
export const NEVER_PRINTED = [DEMO_PASSWORD, DEMO_CARD_CODE, DEMO_CARD_CODE.replace('-', ''), DEMO_TOTP_SECRET, ...DEMO_EMAILS];

/**
 * Kinds of things the server must never print, whoever typed them (decision 0051: the JSON log
 * holds route ids, codes and numbers only): any email address, and a survey's resume token or an
 * unsubscribe key as part of an address asked for.
 */
export const NEVER_PRINTED_KINDS: { name: string; pattern: RegExp }[] = [
	{ name: 'an email address', pattern: /[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/ },
	{ name: 'a resume token in an address', pattern: /\/answer\/[a-z0-9_-]{12,}/ },
	{ name: 'an unsubscribe or email key in an address', pattern: /[?&](key|token)=[a-z0-9_-]{12,}/ }
];

export type AppServer = {
	url: string;
	/** Path of the app's database file (a test may open it read-only to look, never to change). */
	databasePath: string;
	/** The last 20,000 characters the server printed. */
	output: () => string;
	/** The server's process id (for the tests that signal it: tests/security/faults.test.ts). */
	pid: number;
	/** Resolves when the server's process has ended, with its exit code or signal. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Stops the server, removes its database and returns the secrets it printed (none, we hope). */
	stop: () => Promise<string[]>;
};

export type StartOptions = {
	/** Extra environment for the server (ADDRESS_HEADER, ORIGIN...). */
	env?: Record<string, string>;
	/** More strings the server must never print. */
	secrets?: readonly string[];
};

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) {
			throw new Error(`The app stopped while starting (exit ${child.exitCode}):\n${output()}`);
		}
		try {
			const response = await fetch(url, { redirect: 'manual' });
			if (response.status < 500) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`The app did not answer at ${url} within 60 s:\n${output()}`);
}

async function stopChild(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}

/**
 * A directory holding a database just made and seeded with the demo data by the built app, and
 * its key file, named by this variable (set by tests/global-setup.ts for the end-to-end and the
 * security tests). Seeding takes about 4 of the 6 s a start takes, and every worker and security
 * file starts a server, so each one starts on its own copy of this instead (decision 0046).
 */
export const SEEDED_TEMPLATE = 'CHORUS_TEST_SEEDED_TEMPLATE';
const TEMPLATE_FILES = ['chorus.db', 'secret.key'];

/**
 * Starts the built app once on a new database with the demo data, stops it (which closes the
 * database: no WAL left) and returns the directory it leaves behind. Fails if it printed a secret.
 */
export async function makeSeededTemplate(): Promise<string> {
	const app = await startApp({ keepDirectory: true });
	const printed = await app.stop();
	if (printed.length) throw new Error(`The app printed secrets to its log: ${printed.join(', ')}`);
	const dir = path.dirname(app.databasePath);
	for (const file of TEMPLATE_FILES) {
		if (!existsSync(path.join(dir, file))) throw new Error(`The seeded template has no ${file} in ${dir}`);
	}
	for (const leftOver of ['chorus.db-wal', 'chorus.db-shm']) await rm(path.join(dir, leftOver), { force: true });
	return dir;
}

/**
 * The copy is the same database a fresh start would make, only when the server would make it the
 * same way: with the demo data (CHORUS_DEMO=1) and its key file beside the database.
 */
function templateFor(env: Record<string, string | undefined>): string | null {
	const template = process.env[SEEDED_TEMPLATE];
	if (!template || env.CHORUS_DEMO !== '1') return null;
	if (env.CHORUS_SECRET_KEY || env.CHORUS_SECRET_KEY_FILE) return null;
	return template;
}

/** Starts the built app with the demo data on a fresh database and waits until it answers. */
export async function startApp(options: StartOptions & { keepDirectory?: boolean } = {}): Promise<AppServer> {
	const cwd = process.cwd();
	if (!existsSync(path.join(cwd, 'build', 'index.js'))) {
		throw new Error('No built app in ./build: run `npx vite build` first.');
	}
	const dir = await mkdtemp(path.join(tmpdir(), 'chorus-test-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const databasePath = path.join(dir, 'chorus.db');
	const env: Record<string, string | undefined> = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: databasePath,
		CHORUS_DEMO: '1',
		ORIGIN: url,
		SMTP_HOST: '',
		// As `npm run serve` sets it: meeting papers may be up to 10 MB (adapter-node's default is 512K).
		BODY_SIZE_LIMIT: '11M',
		...options.env
	};
	delete env[SEEDED_TEMPLATE];
	const template = options.keepDirectory ? null : templateFor(env);
	if (template) for (const file of TEMPLATE_FILES) await copyFile(path.join(template, file), path.join(dir, file));
	const secrets = [...NEVER_PRINTED, ...(options.secrets ?? [])].map((s) => s.toLowerCase());
	let log = '';
	// the whole output is searched as it comes (the kept log is only its end); `tail` catches a secret split across chunks
	let tail = '';
	const printed = new Set<string>();
	const child = spawn(process.execPath, ['build'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const keep = (chunk: Buffer) => {
		const text = chunk.toString();
		const window = (tail + text).toLowerCase();
		for (const secret of secrets) if (window.includes(secret)) printed.add(secret);
		for (const kind of NEVER_PRINTED_KINDS) {
			const found = kind.pattern.exec(window);
			if (found) printed.add(`${kind.name} (${found[0]})`);
		}
		tail = window.slice(-256);
		log = (log + text).slice(-20_000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	const output = () => log;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	try {
		await waitUntilAnswering(url + '/', child, output);
	} catch (error) {
		await stopChild(child);
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
	return {
		url,
		databasePath,
		output,
		pid: child.pid!,
		exited,
		stop: async () => {
			await stopChild(child);
			if (!options.keepDirectory) await rm(dir, { recursive: true, force: true });
			return [...printed];
		}
	};
}
