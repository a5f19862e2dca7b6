import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db';
import { checkDatabaseAtStart, EXIT } from './startup';

const dirs: string[] = [];
function dir() {
	const made = mkdtempSync(join(tmpdir(), 'chorus-start-'));
	dirs.push(made);
	return made;
}
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('checkDatabaseAtStart', () => {
	it('lets a good database and a first start (no file) through', () => {
		const d = dir();
		expect(checkDatabaseAtStart(join(d, 'new.db'))).toBeNull();
		createDb(join(d, 'good.db')).$client.close();
		expect(checkDatabaseAtStart(join(d, 'good.db'))).toBeNull();
	});
	it('refuses a database that is gone while its WAL is left', () => {
		const d = dir();
		writeFileSync(join(d, 'chorus.db-wal'), '');
		expect(checkDatabaseAtStart(join(d, 'chorus.db'))).toMatchObject({ exitCode: EXIT.missing, message: expect.stringContaining('missing') });
	});
	it('refuses a file that is not a database', () => {
		const d = dir();
		writeFileSync(join(d, 'chorus.db'), 'this is not a database, just some words long enough to fill a header and more '.repeat(20));
		expect(checkDatabaseAtStart(join(d, 'chorus.db'))).toMatchObject({ exitCode: EXIT.corrupt, message: expect.stringContaining('damaged') });
	});
	it('refuses a database whose pages are damaged', () => {
		const d = dir();
		const path = join(d, 'chorus.db');
		const db = createDb(path);
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
		const pages = db.$client.pragma('page_count', { simple: true }) as number;
		db.$client.close();
		// scribble over the second half of the file (table and index pages), leaving the header
		const fd = openSync(path, 'r+');
		for (let page = Math.floor(pages / 2); page < pages; page++) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, page * 4096);
		closeSync(fd);
		expect(checkDatabaseAtStart(path)).toMatchObject({ exitCode: EXIT.corrupt });
	});
	it('refuses a folder given as the database', () => {
		const d = dir();
		mkdirSync(join(d, 'chorus.db'));
		expect(checkDatabaseAtStart(join(d, 'chorus.db'))).toMatchObject({ exitCode: EXIT.unusable });
	});
	it('leaves the database it checked unchanged and closed', () => {
		const d = dir();
		const path = join(d, 'chorus.db');
		createDb(path).$client.close();
		checkDatabaseAtStart(path);
		const again = new Database(path);
		expect(again.pragma('quick_check', { simple: true })).toBe('ok');
		again.close();
	});
});
