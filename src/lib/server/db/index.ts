import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where the committed SQL migrations live; the app and the scripts run from the project root. */
export const MIGRATIONS_FOLDER = resolve(process.env.CHORUS_MIGRATIONS ?? 'drizzle');

/**
 * Opens (creating if needed) the SQLite database at `path` (":memory:" for tests), sets the
 * pragmas every connection needs and applies the migrations in `drizzle/` (or `migrationsFolder`). Returns the Drizzle
 * database; the raw better-sqlite3 handle is `db.$client`.
 */
export function createDb(path: string, migrationsFolder = MIGRATIONS_FOLDER): Db {
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	// WAL lets readers go on while one writer writes; FULL means an acknowledged answer
	// survives a power cut; busy_timeout makes a second writer wait rather than fail.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = FULL');
	const db = drizzle(sqlite, { schema }) as Db;
	// SQLite changes a column by copying its table to a new one and dropping the old. With foreign
	// keys on, that DROP would cascade-delete every row referring to the table (sessions, roles...),
	// and the pragma cannot change inside the migrator's transaction, so keys are off while the
	// migrations run and every reference is checked before they come back on.
	sqlite.pragma('foreign_keys = OFF');
	migrate(db, { migrationsFolder });
	const broken = sqlite.pragma('foreign_key_check') as unknown[];
	if (broken.length) throw new Error(`Migration left ${broken.length} broken references`);
	sqlite.pragma('foreign_keys = ON');
	return db;
}

/**
 * Runs `fn` in an IMMEDIATE transaction: the write lock is taken at the start, so a
 * read-then-write cannot be overtaken by another writer. `fn` must be synchronous.
 */
export function writeTransaction<T>(db: Db, fn: (tx: Db) => T): T {
	return db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' });
}

/**
 * `make` (a hot path's prepared statements) made once per database and kept while the database
 * is: keyed by the database, not made at import, so each test's own database gets its own (0031).
 */
export function oncePerDb<T>(make: (db: Db) => T): (db: Db) => T {
	const made = new WeakMap<Db, T>();
	return (db) => {
		let found = made.get(db);
		if (!found) made.set(db, (found = make(db)));
		return found;
	};
}
