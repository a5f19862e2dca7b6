import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, MIGRATIONS_FOLDER, oncePerDb } from './index';

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

	it('keeps every row that refers to a person when a migration rebuilds the user table', () => {
		// 0005 makes user.email optional, which SQLite does by copying the table: a DROP with
		// foreign keys on would cascade-delete sessions, roles and more.
		const dir = mkdtempSync(join(tmpdir(), 'chorus-db-'));
		dirs.push(dir);
		const older = join(dir, 'migrations');
		cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
		const journalFile = join(older, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
		journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0005');
		writeFileSync(journalFile, JSON.stringify(journal));
		const file = join(dir, 'chorus.db');
		const before = createDb(file, older);
		const now = Date.now();
		before.$client.exec(`
			INSERT INTO user (id, email, name, created_at) VALUES (7, 'a@example.org', 'A', ${now});
			INSERT INTO user_role (user_id, role) VALUES (7, 'organiser');
			INSERT INTO session (id, user_id, created_at, expires_at, absolute_expires_at) VALUES ('s', 7, ${now}, ${now + 1000}, ${now + 1000});
		`);
		before.$client.close();

		const after = createDb(file);
		const count = (table: string) =>
			(after.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
		expect([count('user'), count('user_role'), count('session')]).toEqual([1, 1, 1]);
		expect(after.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		// a young person has no email
		after.$client.exec(`INSERT INTO user (email, name, created_at) VALUES (NULL, 'Sam', ${now})`);
		expect(count('user')).toBe(2);
		after.$client.close();
	});
});

describe('oncePerDb', () => {
	it('makes once for each database, and apart for another', () => {
		let made = 0;
		const statements = oncePerDb((db) => ({ n: ++made, db }));
		const first = createDb(':memory:');
		const second = createDb(':memory:');
		expect(statements(first)).toBe(statements(first));
		expect(statements(first).db).toBe(first);
		expect(statements(second)).not.toBe(statements(first));
		expect(made).toBe(2);
	});
});
