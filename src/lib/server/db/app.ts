import { createDb, type Db } from './index';

/** The database file the app uses: DATABASE_URL (a file path), by default ./data/chorus.db. */
export function databasePath(env = process.env): string {
	return env.DATABASE_URL || './data/chorus.db';
}

/**
 * Whether demo data is loaded into an empty database. Its accounts share a password printed in
 * README, so it must never reach a real deployment by accident: CHORUS_DEMO=1 asks for it and
 * CHORUS_DEMO=0 refuses it; unset, only a site that is not served over https gets it (a laptop's
 * `npm start`), never one with an https ORIGIN or behind a TLS proxy (PROTOCOL_HEADER).
 */
export function demoEnabled(env = process.env): boolean {
	if (env.CHORUS_DEMO === '1') return true;
	if (env.CHORUS_DEMO === '0') return false;
	return !(env.ORIGIN ?? '').toLowerCase().startsWith('https:') && !env.PROTOCOL_HEADER;
}

let appDb: Db | undefined;

/** The app's one database connection, opened (and migrated) on first use. */
export function db(): Db {
	appDb ??= createDb(databasePath());
	return appDb;
}
