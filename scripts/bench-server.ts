// Shared by the benchmarks (scripts/bench.ts, scripts/bench-surveys.ts): a figure with its
// target, starting the built app as `npm run serve` does, and writing the figures as JSON.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';

export type Row = { what: string; value: number; unit: string; target: string; ok: boolean };

/** A measured figure against its target. */
export function figure(what: string, value: number, unit: string, target: number, higherIsBetter: boolean): Row {
	return {
		what,
		value: Math.round(value * 100) / 100,
		unit,
		target: `${higherIsBetter ? '>=' : '<='} ${target}`,
		ok: higherIsBetter ? value >= target : value <= target
	};
}

/** Whether `npm run build` has been run (the HTTP figures need it). */
export const hasBuild = () => existsSync('build/index.js');

/** Prints the figures as a table, writes them to `file` (BENCH_JSON to change it), says which missed their targets and exits non-zero if any did. */
export function finishBench(rows: Row[], file: string): never {
	console.table(rows);
	const written = process.env.BENCH_JSON ?? file;
	writeFigures(written, rows);
	const bad = rows.filter((r) => !r.ok);
	console.log(`${bad.length ? `${bad.length} figure(s) missed their target.` : 'Every figure met its target.'} Written to ${written}.`);
	process.exit(bad.length ? 1 : 0);
}

/** A free TCP port on 127.0.0.1. */
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

export type BuiltApp = { base: string; port: number; pid: number; rssMb: () => number; stop: () => Promise<void>; errors: () => string };

/**
 * Starts the built app (`node --max-old-space-size=192 build`, as `npm run serve` does) on
 * 127.0.0.1 with the database file `databasePath`, and waits until it answers.
 * `env` adds or overrides environment variables (CHORUS_DEMO, say).
 */
export async function startBuiltApp(databasePath: string, options: { port?: number; env?: Record<string, string> } = {}): Promise<BuiltApp> {
	const port = options.port ?? (await freePort());
	const base = `http://127.0.0.1:${port}`;
	const server = spawn(process.execPath, ['--max-old-space-size=192', 'build'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, DATABASE_URL: databasePath, ...options.env },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let errors = '';
	server.stderr!.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
	const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
	// The app shuts down gracefully on SIGTERM; one that has not gone after 15 s is killed, so a
	// benchmark always finishes and prints its figures (a run was once seen waiting for ever).
	const stop = async () => {
		if (server.exitCode === null && server.signalCode === null) server.kill();
		const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`The app stopped while starting (exit ${server.exitCode}):\n${errors}`);
		try {
			if ((await fetch(`${base}/login`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`The app did not answer at ${base} within 60 s:\n${errors}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	return { base, port, pid: server.pid!, rssMb, stop, errors: () => errors };
}

/**
 * Writes the figures, with when and where they were measured, to a JSON file. The load average
 * says whether other work shared the machine (the figures are only comparable on a quiet one).
 */
export function writeFigures(path: string, rows: Row[]) {
	mkdirSync(dirname(path), { recursive: true });
	const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
	writeFileSync(path, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, figures: rows }, null, '\t')}\n`);
}
