/**
 * The override mechanism of decision 0058 stays in place: every message file Paraglide writes
 * has the shape the Vite plugin inserts its lookup into (so an upgrade that changes the shape
 * fails here, not silently in production), a message really answers with an installed text, and
 * the registry's formatters give byte for byte what Paraglide's compiled functions give.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { clearOverrides, compileMessage, installOverrides } from '$lib/i18n-overrides';
import { english, shipped } from '$lib/server/translations';

const SHIPPED = shipped();
const ENGLISH = english();
import { insertOverrideLookup, nameReexports } from './paraglide-overrides';

const dir = path.resolve(__dirname, '../src/lib/paraglide/messages');
const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
const messages = m as unknown as Record<string, (inputs?: Record<string, unknown>, options?: { locale?: string }) => string>;

afterEach(() => clearOverrides());

describe("Paraglide's output still takes the override lookup", () => {
	it('inserts the lookup into every compiled message', () => {
		let inserted = 0;
		for (const file of files) {
			const code = insertOverrideLookup(readFileSync(path.join(dir, file), 'utf8'), '/registry.ts');
			inserted += code?.match(/__chorusOverride\(locale, /g)?.length ?? 0;
		}
		expect(inserted).toBe(Object.keys(ENGLISH).length);
	});

	it('refuses a file of another shape, so the build stops rather than ignoring uploads', () => {
		expect(() => insertOverrideLookup('import { getLocale } from "../runtime.js"\nexport const site_name = () => "Chorus"', '/r.ts')).toThrow(/changed shape/);
	});

	it('makes the messages the app imports answer with an installed text', () => {
		expect(messages.site_name({}, { locale: 'pl' })).toBe((SHIPPED.pl.site_name as string) ?? '');
		installOverrides('pl', { site_name: 'Chór', board_needs_due_soon: { input: 'count', forms: { one: 'jedna', few: '{count} kilka', many: '{count} wiele', other: '{count} inne' } } });
		expect(messages.site_name({}, { locale: 'pl' })).toBe('Chór');
		expect(messages.board_needs_due_soon({ count: 3, days: 2 }, { locale: 'pl' })).toBe('3 kilka');
		expect(messages.board_needs_due_soon({ count: 5, days: 2 }, { locale: 'pl' })).toBe('5 wiele');
		expect(messages.site_name({}, { locale: 'en' })).not.toBe('Chór');
		installOverrides('pl', { retention_kind_auditEntries: 'Dziennik' });
		expect(messages.retention_kind_auditEntries({}, { locale: 'pl' })).toBe('Dziennik');
		clearOverrides();
		expect(messages.site_name({}, { locale: 'pl' })).not.toBe('Chór');
	});
});

/** Inputs for a message: every placeholder as a marked string, the plural's input as the number given. */
function inputsFor(text: string, count: unknown): Record<string, unknown> {
	const names = [...text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((x) => x[1]);
	return { ...Object.fromEntries(names.map((n) => [n, `‹${n}›`])), count, minutes: count };
}

describe('the registry formats like Paraglide', () => {
	const counts = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1.5, '7', undefined];
	it.each(locales)('gives every %s message byte for byte what Paraglide gives', (locale) => {
		let compared = 0;
		for (const [key, text] of Object.entries(SHIPPED[locale])) {
			const formatter = compileMessage(locale, key, text);
			const all = typeof text === 'string' ? text : Object.values(text.forms).join(' ');
			for (const count of typeof text === 'string' ? [undefined] : counts) {
				const inputs = inputsFor(all, count);
				expect(formatter(inputs), `${locale} ${key} ${String(count)}`).toBe(messages[key](inputs, { locale }));
				compared++;
			}
		}
		expect(compared).toBeGreaterThan(1000);
	});

	it('leaves a missing input as Paraglide does ("undefined")', () => {
		expect(compileMessage('en', 'site_signed_in_as', 'Signed in as {name}')({})).toBe(messages.site_signed_in_as({} as never, { locale: 'en' }));
	});
});

describe('the messages index names what it re-exports', () => {
	// Paraglide's production output (one file per message), as `paraglide-js compile` writes it
	const files: Record<string, string> = {
		'./site_name.js': 'import { getLocale, experimentalStaticLocale } from \'../runtime.js\';\nexport const site_name = (inputs = {}, options = {}) => {\n\treturn en_site_name(inputs)\n};',
		'./coproduction_link_agendaitem1.js':
			'const coproduction_link_agendaitem1 = (inputs = {}, options = {}) => {\n\treturn "x"\n};\nexport { coproduction_link_agendaitem1 as "coproduction_link_agendaItem" }',
		'./odd.js': 'export function odd() {}',
		'./two.js': 'export const a = 1\nexport default 2'
	};
	const read = (file: string) => {
		if (!(file in files)) throw new Error(`ENOENT: ${file}`);
		return files[file];
	};

	it('writes each star re-export as the names its file exports, quoted ones too', () => {
		const index = "/* eslint-disable */\nexport * from './site_name.js'\nexport * from './coproduction_link_agendaitem1.js'";
		expect(nameReexports(index, read)).toBe(
			"/* eslint-disable */\nexport { site_name } from './site_name.js'\nexport { \"coproduction_link_agendaItem\" } from './coproduction_link_agendaitem1.js'"
		);
	});

	it('keeps a star re-export whose file it cannot read or whose exports are of another shape', () => {
		const index = "export * from './odd.js'\nexport * from './two.js'\nexport * from './gone.js'";
		expect(nameReexports(index, read)).toBe(index);
	});

	it('leaves the one-file-per-language output (Vitest and dev) alone', () => {
		const index = readFileSync(path.join(dir, '_index.js'), 'utf8');
		if (/^export \* from/m.test(index)) return; // the CLI's output is on disk: the cases above cover it
		expect(nameReexports(index, read)).toBe(index);
	});
});
