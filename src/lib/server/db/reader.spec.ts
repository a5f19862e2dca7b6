import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { closeReaders, readInWorker } from './reader';

const dir = mkdtempSync(join(tmpdir(), 'chorus-reader-'));
const path = join(dir, 'read.db');
{
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.exec('create table t (n integer); insert into t values (1), (2), (3);');
	db.close();
}
afterAll(async () => {
	await closeReaders();
	rmSync(dir, { recursive: true, force: true });
});

/** Runs `code` (an ES module that may import the reader) in a new Node process; resolves with its output, or 'still running' after `ms`. */
function runAlone(code: string, ms: number): Promise<string> {
	const script = join(dir, 'alone.mjs');
	writeFileSync(script, code);
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (c) => (out += c));
		child.stderr.on('data', (c) => (out += c));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve(`still running: ${out}`);
		}, ms);
		child.on('exit', () => {
			clearTimeout(timer);
			resolve(out.trim());
		});
	});
}

describe('the report reader worker', () => {
	it('answers a query with its named parameters, and reports a bad one as an error', async () => {
		expect(await readInWorker(path, 'select n from t where n >= @least order by n', { least: 2 })).toEqual([{ n: 2 }, { n: 3 }]);
		await expect(readInWorker(path, 'select n from missing')).rejects.toThrow(/no such table/);
	});

	it('keeps a process alive while it answers, and lets it end once idle', async () => {
		// the app's process once never ended on SIGTERM after the worker had answered
		const reader = fileURLToPath(new URL('./reader.ts', import.meta.url));
		const code = `
			const { readInWorker } = await import(${JSON.stringify(reader)});
			const rows = await readInWorker(${JSON.stringify(path)}, 'select count(*) as n from t');
			console.log(JSON.stringify(rows));
		`;
		expect(await runAlone(code, 15_000)).toBe('[{"n":3}]');
	}, 20_000);
});
