import { createDb, type Db } from './index';

/** The database file the app uses: DATABASE_URL (a file path), by default ./data/chorus.db. */
export function databasePath(env = process.env): string {
	return env.DATABASE_URL || './data/chorus.db';
}

/** Whether demo data is loaded into an empty database. CHORUS_DEMO=0 turns it off for real deployments. */
export function demoEnabled(env = process.env): boolean {
	return env.CHORUS_DEMO !== '0';
}

let appDb: Db | undefined;

/** The app's one database connection, opened (and migrated) on first use. */
export function db(): Db {
	appDb ??= createDb(databasePath());
	return appDb;
}
