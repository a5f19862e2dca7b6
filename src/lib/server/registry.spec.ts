import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRIBUTIONS, ERASURE_ORDER, EVENT_KINDS } from './registry';
import { RETENTION_KINDS } from './retention';

const SERVER = 'src/lib/server';

/** Each table's owner: the feature whose schema.ts defines it (read from the source). */
function tableOwners(): Map<string, string> {
	const owners = new Map<string, string>();
	for (const entry of readdirSync(SERVER, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		let source: string;
		try {
			source = readFileSync(path.join(SERVER, entry.name, 'schema.ts'), 'utf8');
		} catch {
			continue;
		}
		for (const m of source.matchAll(/sqliteTable\(\s*'([a-z_]+)'/g)) owners.set(m[1], entry.name);
	}
	return owners;
}

/** The tables a file's SQL and Drizzle code name (roughly: SQL after from/join/update/into, and Drizzle table imports). */
function tablesNamedIn(source: string, owners: Map<string, string>): string[] {
	const named = new Set<string>();
	for (const m of source.matchAll(/\b(?:from|join|update|into)\s+"?([a-z_]+)"?/gi)) if (owners.has(m[1])) named.add(m[1]);
	const schemaImport = source.match(/import\s*{([^}]*)}\s*from\s*'\.\.\/db\/schema'/);
	if (schemaImport) {
		const camel = new Map([...owners.keys()].map((t) => [t.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), t]));
		for (const name of schemaImport[1].split(',').map((s) => s.trim().replace(/^type\s+/, ''))) if (camel.has(name)) named.add(camel.get(name)!);
	}
	return [...named];
}

describe('the registry of contributions', () => {
	const owners = tableOwners();

	it('lists every feature once, in both orders', () => {
		const features = CONTRIBUTIONS.map((c) => c.feature);
		expect(new Set(features).size).toBe(features.length);
		expect(ERASURE_ORDER.map((c) => c.feature).sort()).toEqual([...features].sort());
		// each contribution sits in its own feature's folder
		for (const feature of features) expect(readdirSync(path.join(SERVER, feature))).toContain('contributes.ts');
	});

	it('erases the person from every other feature before the account (whose deletion cascades), and surveys before reports', () => {
		const at = (f: string) => ERASURE_ORDER.findIndex((c) => c.feature === f);
		expect(at('accounts')).toBe(ERASURE_ORDER.length - 1);
		expect(at('surveys')).toBeLessThan(at('reports'));
	});

	it('has each feature claim only download rows and columns of its own tables, each column on a kind of its table', () => {
		const foreign: string[] = [];
		for (const c of CONTRIBUTIONS) {
			for (const kind of c.personalData ?? []) {
				if (owners.get(kind.table) !== c.feature) foreign.push(`${c.feature} downloads "${kind.name}" from ${kind.table} (owned by ${owners.get(kind.table)})`);
				for (const column of Object.keys(kind.personColumns ?? {})) {
					if (column.split('.')[0] !== kind.table) foreign.push(`"${kind.name}" (${kind.table}) declares ${column}`);
				}
			}
		}
		expect(foreign).toEqual([]);
	});

	it('has each person column declared once, and every retention kind counted by the job', () => {
		const columns = CONTRIBUTIONS.flatMap((c) => c.personalData ?? []).flatMap((k) => Object.keys(k.personColumns ?? {}));
		expect(columns.filter((column, i) => columns.indexOf(column) !== i)).toEqual([]);
		for (const c of CONTRIBUTIONS) {
			for (const kind of c.retention?.kinds ?? []) expect(RETENTION_KINDS, `${c.feature} → ${kind}`).toContain(kind);
		}
		expect(RETENTION_KINDS.filter((k) => !CONTRIBUTIONS.some((c) => c.retention?.kinds.includes(k)))).toEqual([]);
	});

	it("leaves privacy, retention, reports, the seed and the outbox naming no other feature's tables (people's and services' names aside)", () => {
		const names = new Set(['user', 'service']);
		const crossing: string[] = [];
		for (const part of ['privacy', 'retention', 'reports', 'seed', 'outbox']) {
			for (const file of readdirSync(path.join(SERVER, part))) {
				// specs and test helpers set up whole worlds on purpose
				if (!file.endsWith('.ts') || file.endsWith('.spec.ts') || file === 'testing.ts') continue;
				const source = readFileSync(path.join(SERVER, part, file), 'utf8');
				for (const table of tablesNamedIn(source, owners)) {
					if (owners.get(table) !== part && !names.has(table)) crossing.push(`${part}/${file}: ${table} (${owners.get(table)})`);
				}
			}
		}
		expect(crossing).toEqual([]);
	});

	it("names each event kind after the feature that declares it, so kinds never clash", () => {
		for (const c of CONTRIBUTIONS) {
			for (const kind of Object.keys(c.events ?? {})) expect(kind).toMatch(new RegExp(`^${c.feature}\\.[a-z_]+$`));
		}
		expect(Object.keys(EVENT_KINDS)).toContain('safeguarding.flag_raised');
	});

	it('would catch a file naming another feature’s table', () => {
		expect(tablesNamedIn("client.prepare('select text from survey_answer where id = ?')", owners)).toEqual(['survey_answer']);
		expect(tablesNamedIn("import { profileItem, user } from '../db/schema';", owners).sort()).toEqual(['profile_item', 'user']);
	});
});
