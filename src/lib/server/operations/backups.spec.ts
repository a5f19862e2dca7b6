import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db';
import { feedback } from '../db/schema';
import { backUpNow, backupName, backupsIn, scheduleBackups } from './backups';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('scheduled backups', () => {
	it('names each by its time, so they sort', () => {
		expect(backupName(new Date('2026-12-07T03:04:05.678Z'))).toBe('chorus-20261207-030405.db');
	});

	it('writes a checked copy holding what was committed, and keeps only the newest N', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-backups-'));
		dirs.push(dir);
		const db = createDb(join(dir, 'live.db'));
		db.insert(feedback).values({ reference: 'B-1', whatHappened: 'kept', receivedOn: '2026-12-07' }).run();
		const target = join(dir, 'backups');
		for (let day = 1; day <= 4; day++) await backUpNow(db.$client, target, 3, new Date(`2026-12-0${day}T02:00:00Z`));
		expect(backupsIn(target)).toEqual(['chorus-20261204-020000.db', 'chorus-20261203-020000.db', 'chorus-20261202-020000.db']);
		const copy = new Database(join(target, 'chorus-20261204-020000.db'), { readonly: true });
		expect(copy.prepare('select what_happened from feedback').pluck().all()).toEqual(['kept']);
		copy.close();
		db.$client.close();
	});

	it('keeps no half-made file when the copy cannot be written', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-backups-'));
		dirs.push(dir);
		const db = createDb(join(dir, 'live.db'));
		// the backup folder is a file: nothing can be written there
		writeFileSync(join(dir, 'not-a-folder'), '');
		await expect(backUpNow(db.$client, join(dir, 'not-a-folder'), 3)).rejects.toThrow();
		expect(backupsIn(join(dir, 'not-a-folder'))).toEqual([]);
		db.$client.close();
	});

	it('runs by itself when CHORUS_BACKUP_DIR is set, and says how it went', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-backups-'));
		dirs.push(dir);
		const db = createDb(join(dir, 'live.db'));
		const outcomes: boolean[] = [];
		scheduleBackups(() => db.$client, (ok) => outcomes.push(ok), { CHORUS_BACKUP_DIR: join(dir, 'daily'), CHORUS_BACKUP_KEEP: '2' }, 10);
		for (let i = 0; i < 100 && !outcomes.length; i++) await new Promise((r) => setTimeout(r, 50));
		expect(outcomes).toEqual([true]);
		expect(backupsIn(join(dir, 'daily'))).toHaveLength(1);
		db.$client.close();
	});

	it('does nothing without CHORUS_BACKUP_DIR', async () => {
		const outcomes: boolean[] = [];
		scheduleBackups(() => {
			throw new Error('must not be asked for the database');
		}, (ok) => outcomes.push(ok), {}, 1);
		await new Promise((r) => setTimeout(r, 50));
		expect(outcomes).toEqual([]);
	});
});
