import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Copy every page in one step: see below. */
const ALL_PAGES = 0x7fffffff;

/**
 * Writes a consistent copy of a live database to `destination` with SQLite's online backup
 * API. The pages are copied in one step, inside one read transaction: under WAL that never
 * blocks the app's writers, and no write from another connection can restart the copy
 * half-way (which, copied a few pages at a time under steady writes, could go on for ever).
 * Never copy the database file by hand. Resolves with the number of pages copied.
 */
export async function backupDatabase(sqlite: Database.Database, destination: string): Promise<number> {
	mkdirSync(dirname(resolve(destination)), { recursive: true });
	const result = await sqlite.backup(destination, { progress: () => ALL_PAGES });
	return result.totalPages;
}
