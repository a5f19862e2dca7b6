/**
 * Scheduled online backups, beside continuous replication: with CHORUS_BACKUP_DIR set, a backup
 * a day (the first a few minutes after start when none is younger than a day), each written with
 * the online backup API (0034) under a temporary name, checked (`integrity_check` on the copy, in
 * a worker thread so the app keeps answering), and only then given its final name. The newest
 * CHORUS_BACKUP_KEEP (7 unless set) checked backups are kept; older ones are removed.
 */
import type Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { backupDatabase } from '../db/backup';
import { errorFields, log } from './logging';

const NAME = /^chorus-\d{8}-\d{6}\.db$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The backup file name for a moment: chorus-YYYYMMDD-HHMMSS.db (UTC), which sorts by time. */
export function backupName(at: Date): string {
	return `chorus-${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.db`;
}

/** The checked backups in `dir`, newest first. */
export function backupsIn(dir: string): string[] {
	try {
		return readdirSync(dir).filter((f) => NAME.test(f)).sort().reverse();
	} catch {
		return [];
	}
}

/** Runs `PRAGMA integrity_check` on the file at `path` in a worker thread; resolves with its answer. */
export function integrityInWorker(path: string): Promise<string> {
	// a CommonJS worker given as text: the build has no separate file to point a worker at
	const code = `const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData, { readonly: true, fileMustExist: true });
try { parentPort.postMessage(String(db.pragma('integrity_check', { simple: true }))); } finally { db.close(); }`;
	return new Promise((resolvePromise, reject) => {
		const worker = new Worker(code, { eval: true, workerData: path });
		worker.once('message', resolvePromise);
		worker.once('error', reject);
		worker.once('exit', (exitCode) => exitCode !== 0 && reject(new Error(`integrity worker exited ${exitCode}`)));
	});
}

/**
 * Makes one checked backup of `sqlite` in `dir` and removes the oldest beyond `keep`. Resolves with
 * the new file's path; rejects (leaving no half-made file) when the copy fails or is not ok.
 */
export async function backUpNow(sqlite: Database.Database, dir: string, keep: number, at = new Date()): Promise<string> {
	mkdirSync(dir, { recursive: true });
	const final = join(dir, backupName(at));
	const partial = `${final}.partial`;
	try {
		await backupDatabase(sqlite, partial);
		const answer = await integrityInWorker(partial);
		if (answer !== 'ok') throw new Error(`backup failed its integrity check: ${answer.split('\n')[0]}`);
		renameSync(partial, final);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
	for (const old of backupsIn(dir).slice(Math.max(1, keep))) rmSync(join(dir, old), { force: true });
	return final;
}

/** Whether the newest backup in `dir` is younger than a day. */
function recentBackup(dir: string, now: Date): boolean {
	const newest = backupsIn(dir)[0];
	if (!newest) return false;
	return now.getTime() - statSync(join(dir, newest)).mtimeMs < DAY_MS;
}

/**
 * With CHORUS_BACKUP_DIR set, backs up daily (first after `firstAfterMs` unless a backup younger
 * than a day is there). `done` hears each outcome (the metrics). Timers never keep the process up.
 */
export function scheduleBackups(sqlite: () => Database.Database, done: (ok: boolean) => void, env = process.env, firstAfterMs = 5 * 60 * 1000): void {
	if (!env.CHORUS_BACKUP_DIR) return;
	const dir = resolve(env.CHORUS_BACKUP_DIR);
	const keep = Math.max(1, Number(env.CHORUS_BACKUP_KEEP ?? 7) || 7);
	const run = async () => {
		const started = Date.now();
		try {
			const file = await backUpNow(sqlite(), dir, keep);
			log().info({ ms: Date.now() - started, file }, 'backup made and checked');
			done(true);
		} catch (error) {
			log().error(errorFields(error), 'backup failed');
			done(false);
		}
	};
	const first = recentBackup(dir, new Date()) ? DAY_MS : firstAfterMs;
	setTimeout(() => {
		void run();
		setInterval(run, DAY_MS).unref();
	}, first).unref();
}
