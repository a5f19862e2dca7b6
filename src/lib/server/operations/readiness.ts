/**
 * GET /readyz: whether this node can take real work. Each check is cheap (a few indexed reads, a
 * write rolled back, a statfs and a loopback request), so a load balancer may ask every few
 * seconds. The answer names checks and states in fixed words and numbers: no personal data.
 */
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Db } from '../db';
import { MIGRATIONS_FOLDER } from '../db';
import { oldestDue } from '../outbox';
import { replicationStatus } from './replication';
import { isStorageFull, storageFullSince, storageHasRoom, storageWasFull } from './storage';

export type Check = { ok: boolean; state: string };
export type Readiness = {
	ready: boolean;
	checks: { database: Check; write: Check; replication: Check; outbox: Check; disk: Check };
};

/** Free space under which the node says it is not ready: CHORUS_MIN_FREE_MB, 100 MB unless set. */
export function minimumFreeBytes(env = process.env): number {
	const mb = Number(env.CHORUS_MIN_FREE_MB ?? 100);
	return (Number.isFinite(mb) && mb >= 0 ? mb : 100) * 1024 * 1024;
}

/** An email due for longer than this means the worker is not getting through (it looks every 5 s). */
export const OUTBOX_STUCK_MS = 15 * 60 * 1000;

let migrationCount: number | null = null;
function migrationsInFolder(): number {
	migrationCount ??= (JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries.length;
	return migrationCount;
}

function databaseCheck(db: Db): Check {
	try {
		const applied = (db.$client.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
		const expected = migrationsInFolder();
		return applied === expected ? { ok: true, state: 'migrated' } : { ok: false, state: `migrations ${applied} of ${expected}` };
	} catch {
		return { ok: false, state: 'unreadable' };
	}
}

/**
 * Writes a row that needs new pages (8 KB of zeros) and rolls it back: it fails exactly when a
 * real write that grows the database would (SQLITE_FULL), or when the write lock cannot be had
 * within half a second. Nothing is kept, and a rollback does not wait for the disk.
 */
function writeCheck(db: Db): Check {
	const sqlite = db.$client;
	const busy = sqlite.pragma('busy_timeout', { simple: true }) as number;
	sqlite.pragma('busy_timeout = 500');
	try {
		sqlite.exec('savepoint readiness_probe');
		try {
			sqlite.prepare('insert into operations_probe (filler) values (zeroblob(8192))').run();
		} finally {
			// after SQLITE_FULL SQLite may already have rolled the whole transaction back
			if (sqlite.inTransaction) sqlite.exec('rollback to readiness_probe; release readiness_probe');
		}
		storageHasRoom();
		return { ok: true, state: 'ok' };
	} catch (error) {
		if (isStorageFull(error)) {
			storageWasFull();
			return { ok: false, state: 'full' };
		}
		return { ok: false, state: (error as { code?: string }).code === 'SQLITE_BUSY' ? 'busy' : 'failed' };
	} finally {
		sqlite.pragma(`busy_timeout = ${busy}`);
	}
}

function outboxCheck(db: Db, now: Date, env: NodeJS.ProcessEnv): Check {
	if (!env.SMTP_HOST) return { ok: true, state: 'no SMTP: emails wait' };
	const due = oldestDue(db, now);
	if (due && now.getTime() - due.getTime() > OUTBOX_STUCK_MS) return { ok: false, state: `stuck for ${Math.round((now.getTime() - due.getTime()) / 60000)} min` };
	return { ok: true, state: 'ok' };
}

/** The database's folder, or the nearest folder above it that exists (the disk it will be on). */
function folderOn(databasePath: string): string {
	let folder = dirname(resolve(databasePath));
	while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
	return folder;
}

function diskCheck(databasePath: string, env: NodeJS.ProcessEnv): Check {
	try {
		// a clean checkout has no data/ until the app first starts: measure the disk it will be on
		const stats = statfsSync(folderOn(databasePath));
		const free = stats.bavail * stats.bsize;
		const freeMb = Math.floor(free / 1024 / 1024);
		if (free < minimumFreeBytes(env)) return { ok: false, state: `${freeMb} MB free` };
		if (storageFullSince()) return { ok: false, state: 'database full' };
		return { ok: true, state: `${freeMb} MB free` };
	} catch {
		return { ok: false, state: 'unknown' };
	}
}

/** Every check, and whether all passed. */
export async function readiness(db: Db, databasePath: string, now = new Date(), env = process.env): Promise<Readiness> {
	const database = databaseCheck(db);
	const write = database.ok ? writeCheck(db) : { ok: false, state: 'not checked' };
	const status = await replicationStatus(env);
	const replication: Check = !status.configured
		? { ok: true, state: 'not configured' }
		: status.running
			? { ok: true, state: status.lagBytes === null ? 'running' : `running, ${status.lagBytes} bytes behind` }
			: { ok: false, state: 'not running' };
	const checks = { database, write, replication, outbox: outboxCheck(db, now, env), disk: diskCheck(databasePath, env) };
	return { ready: Object.values(checks).every((c) => c.ok), checks };
}
