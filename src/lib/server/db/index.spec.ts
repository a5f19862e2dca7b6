import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './index';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createDb', () => {
	it('opens a file database with WAL, foreign keys, a busy timeout and FULL sync', () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-db-'));
		dirs.push(dir);
		const db = createDb(join(dir, 'nested', 'chorus.db'));
		const sqlite = db.$client;
		expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
		sqlite.close();
	});

	it('applies every migration, and opening again applies none twice', () => {
		const dir = mkdtempSync(join(tmpdir(), 'chorus-db-'));
		dirs.push(dir);
		const file = join(dir, 'chorus.db');
		createDb(file).$client.close();
		const db = createDb(file);
		const tables = db.$client
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
			.all()
			.map((r) => (r as { name: string }).name);
		expect(tables).toEqual(
			expect.arrayContaining(['user', 'user_role', 'session', 'password_token', 'audit_entry', 'service', 'service_lead'])
		);
		const applied = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
		expect(applied.n).toBeGreaterThan(0);
		db.$client.close();
	});

	it('enforces foreign keys', () => {
		const db = createDb(':memory:');
		expect(() =>
			db.$client.prepare('INSERT INTO user_role (user_id, role) VALUES (999, ?)').run('admin')
		).toThrow(/FOREIGN KEY/);
	});
});
