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
	if (!appDb) {
		appDb = createDb(databasePath());
		// Under Litestream (CHORUS_REPLICA) Litestream checkpoints the WAL itself, after it has copied
		// it: its guidance is to turn SQLite's own automatic checkpoints off, so the app never moves
		// the WAL on under it at a busy time (decision 0051). Without a replica SQLite's default stays.
		if (process.env.CHORUS_REPLICA) appDb.$client.pragma('wal_autocheckpoint = 0');
	}
	return appDb;
}

/**
 * CHORUS_MAX_PAGE_COUNT: the most pages the database may have (a number, or "+N": N more than it
 * has once the app has started, after migrations, demo data and the first tidy; init applies it). A full disk on purpose, for the fault tests and drills (decision 0051): SQLite
 * then refuses every write that needs a new page exactly as it does when the disk is full.
 */
export function capPages(database: Db, value: string | undefined): void {
	const found = /^(\+)?(\d+)$/.exec(value ?? '');
	if (!found) return;
	const pages = Number(found[2]) + (found[1] ? (database.$client.pragma('page_count', { simple: true }) as number) : 0);
	database.$client.pragma(`max_page_count = ${pages}`);
}
