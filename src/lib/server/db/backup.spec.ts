import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './index';
import { backupDatabase } from './backup';
import * as audit from '../audit';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('backupDatabase', () => {
	it('writes a consistent copy that restores, while another connection keeps writing', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-backup-'));
		dirs.push(dir);
		const live = join(dir, 'live.db');
		const app = createDb(live);
		// Enough rows that the copy takes many steps.
		const padding = 'x'.repeat(2000);
		app.$client.transaction(() => {
			for (let i = 0; i < 2000; i++) audit.record(app, { actorId: null, action: 'seed', subjectType: 't', subjectId: i, details: { padding } });
		})();

		// "The app keeps writing": a second connection commits pairs of rows on a timer
		// throughout the backup. A consistent copy never holds half a pair.
		const writer = new Database(live);
		writer.pragma('busy_timeout = 5000');
		const insertPair = writer.transaction((n: number) => {
			const stmt = writer.prepare(
				"INSERT INTO audit_entry (at, action, subject_type, subject_id, details) VALUES (?, 'pair', 'pair', ?, '{}')"
			);
			stmt.run(Date.now(), `${n}`);
			stmt.run(Date.now(), `${n}`);
		});
		let n = 0;
		const timer = setInterval(() => insertPair(n++), 1);

		const target = join(dir, 'backup', 'copy.db');
		const pages = await backupDatabase(app.$client, target);
		clearInterval(timer);
		writer.close();
		expect(pages).toBeGreaterThan(50);
		expect(n).toBeGreaterThan(0);

		// Restore: open the copy as the app would and check it.
		const restored = createDb(target);
		expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
		const seeded = restored.$client.prepare("SELECT count(*) AS n FROM audit_entry WHERE action = 'seed'").get() as { n: number };
		expect(seeded.n).toBe(2000);
		const halves = restored.$client
			.prepare("SELECT subject_id, count(*) AS c FROM audit_entry WHERE action = 'pair' GROUP BY subject_id HAVING c <> 2")
			.all();
		expect(halves).toEqual([]);
		restored.$client.close();
		app.$client.close();
	});
});
