/**
 * Checks the database file before the app opens it for good: a corrupt or missing database stops
 * the start with one clear line and its own exit code, before the server listens, so there is
 * never a half-started app answering with errors.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';

/** Exit codes a process supervisor (or a person) can tell apart. */
export const EXIT = { corrupt: 3, missing: 4, unusable: 5, migrations: 6 } as const;

export type StartProblem = { exitCode: number; message: string };

/**
 * What is wrong with the database at `path`, or null when it may be opened. A file that does not
 * exist is made on first start (a laptop's `npm start`, a new deployment), unless its write-ahead
 * log is still there: then the database was there and is lost, and making an empty one would hide
 * it. `quick_check` reads every page (about a second for a million answers), once per start.
 */
export function checkDatabaseAtStart(path: string): StartProblem | null {
	if (!existsSync(path)) {
		if (existsSync(`${path}-wal`)) {
			return {
				exitCode: EXIT.missing,
				message: `The database ${path} is missing but its write-ahead log ${path}-wal is still there: the database was lost. Restore it (npm run restore -- ${path}, or put a backup in its place) before starting; the app will not start on an empty database here.`
			};
		}
		return null;
	}
	if (statSync(path).isDirectory()) return { exitCode: EXIT.unusable, message: `DATABASE_URL points at ${path}, which is a folder, not a database file.` };
	let sqlite: Database.Database | null = null;
	try {
		sqlite = new Database(path, { fileMustExist: true });
		const result = sqlite.pragma('quick_check', { simple: true });
		if (result !== 'ok') return corrupt(path, String(result));
		return null;
	} catch (error) {
		const code = (error as { code?: string }).code ?? '';
		if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return corrupt(path, code);
		if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
			return { exitCode: EXIT.unusable, message: `The database ${path} cannot be opened for writing (${code}): check the file's owner and permissions.` };
		}
		return { exitCode: EXIT.unusable, message: `The database ${path} cannot be opened (${code || (error as Error).name}).` };
	} finally {
		sqlite?.close();
	}
}

function corrupt(path: string, what: string): StartProblem {
	return {
		exitCode: EXIT.corrupt,
		message: `The database ${path} is damaged (${what.split('\n')[0].slice(0, 120)}). Stop, keep the damaged file for investigation, and restore the latest good copy: npm run restore (from the replica) or a backup (see docs/operations.md).`
	};
}
