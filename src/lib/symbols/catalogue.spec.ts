import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTRY, parseCatalogue, unsafeSvgReasons } from '../../../scripts/copy-symbols.js';
import {
	catalogue,
	isSymbolId,
	PICKABLE_TOPICS,
	searchSymbols,
	symbolById,
	symbolsByTopic,
	symbolSrc,
	SYMBOL_TOPIC_LABELS,
	SYMBOL_TOPICS,
	type SymbolEntry
} from './catalogue';

const root = join(import.meta.dirname, '../../..');
const dir = join(root, 'symbols/openmoji');
const svgPath = (hexcode: string) => join(dir, `${hexcode}.svg`);
const source = readFileSync(join(root, 'src/lib/symbols/catalogue.ts'), 'utf8');
const entries: readonly SymbolEntry[] = catalogue;
const ids = (list: SymbolEntry[]) => list.map((s) => s.id);

describe('symbol catalogue', () => {
	it('keeps every id already stored in databases or used by pages, with its picture', () => {
		const stored: Record<string, string> = {
			'status-heard': '1F442',
			'status-working-on-it': '1F6E0',
			'status-done': '2705',
			'status-not-possible': '274C',
			'you-said': '1F4AC',
			'we-did': '1F91D',
			voices: '1F465',
			calendar: '1F4C5',
			'service-school': '1F3EB',
			'service-health': '1F3E5',
			search: '1F50D',
			help: '2139',
			'very-sad': '1F622',
			sad: '1F641',
			okay: '1F610',
			happy: '1F600',
			'very-happy': '1F604',
			yes: '1F44D',
			no: '1F44E',
			'not-sure': '1F914'
		};
		for (const [id, hexcode] of Object.entries(stored)) expect(symbolById(id)?.hexcode, id).toBe(hexcode);
	});

	it('has unique kebab-case ids', () => {
		const all = entries.map((s) => s.id);
		expect(new Set(all).size).toBe(all.length);
		for (const id of all) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
	});

	it('uses each picture once among the pickable topics, and once among status and board', () => {
		const pickable = entries.filter((s) => (PICKABLE_TOPICS as readonly string[]).includes(s.topic));
		const own = entries.filter((s) => !(PICKABLE_TOPICS as readonly string[]).includes(s.topic));
		for (const group of [pickable, own]) {
			const hexcodes = group.map((s) => s.hexcode);
			const repeated = hexcodes.filter((h, i) => hexcodes.indexOf(h) !== i);
			expect(repeated).toEqual([]);
		}
	});

	it('gives every entry a label, a known topic and tidy tags', () => {
		for (const s of entries) {
			expect(s.label.trim()).toBe(s.label);
			expect(s.label).not.toBe('');
			expect(SYMBOL_TOPICS).toContain(s.topic);
			if (s.tags !== undefined) expect(s.tags, s.id).toMatch(/^[a-z0-9-]+( [a-z0-9-]+)*$/);
		}
	});

	it('offers pickers every topic except the board’s own, each with symbols and an English name', () => {
		expect([...PICKABLE_TOPICS].sort()).toEqual(SYMBOL_TOPICS.filter((t) => t !== 'status' && t !== 'board').sort());
		for (const topic of SYMBOL_TOPICS) {
			expect(symbolsByTopic(topic).length, topic).toBeGreaterThan(0);
			expect(SYMBOL_TOPIC_LABELS[topic]).not.toBe('');
		}
		expect(entries.length).toBeGreaterThanOrEqual(160);
		expect(entries.length).toBeLessThanOrEqual(200);
	});

	it('has a checked-in SVG for every entry, and nothing else in symbols/openmoji', () => {
		for (const s of entries) expect(existsSync(svgPath(s.hexcode)), `${s.id} -> ${s.hexcode}.svg`).toBe(true);
		const expected = [...new Set(entries.map((s) => `${s.hexcode}.svg`))].sort();
		expect(readdirSync(dir).sort()).toEqual(expected);
	});

	it('has no script or event-handler attributes in any SVG', () => {
		for (const s of entries) {
			const svg = readFileSync(svgPath(s.hexcode), 'utf8');
			expect(svg).toMatch(/^\s*<svg[\s>]/);
			expect(svg).not.toMatch(/<script/i);
			expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
			expect(unsafeSvgReasons(svg)).toEqual([]);
		}
	});

	it('flags unsafe SVGs', () => {
		expect(unsafeSvgReasons('<svg><script>alert(1)</script></svg>')).not.toEqual([]);
		expect(unsafeSvgReasons('<svg onload="alert(1)"></svg>')).not.toEqual([]);
	});

	it('looks symbols up by id', () => {
		expect(symbolById('status-heard').hexcode).toBe('1F442');
		expect(symbolSrc(symbolById('yes'))).toBe('/symbols/openmoji/1F44D.svg');
		expect(symbolById('no-such-symbol')).toBeUndefined();
		expect(isSymbolId('happy')).toBe(true);
		expect(isSymbolId('ear-defenders')).toBe(true);
		expect(isSymbolId('no-such-symbol')).toBe(false);
	});
});

describe('scripts/copy-symbols.js reads the catalogue (one source of truth)', () => {
	it('finds exactly the catalogue’s entries, in order', () => {
		const parsed = parseCatalogue(source);
		expect(parsed).toHaveLength(catalogue.length);
		expect(parsed).toEqual(entries.map(({ id, hexcode }) => ({ id, hexcode })));
	});

	it('finds as many one-line entries as the catalogue has, with or without tags', () => {
		const block = source.slice(source.indexOf('export const catalogue = ['), source.indexOf('] as const satisfies readonly SymbolEntry[]'));
		const lines = block.split('\n').filter((line) => ENTRY.test(line));
		expect(lines).toHaveLength(catalogue.length);
		expect(lines.filter((line) => line.includes(", tags: '")).length).toBe(entries.filter((s) => s.tags !== undefined).length);
	});

	it('accepts the optional tags field and refuses an entry that is not on one line', () => {
		expect(ENTRY.test("\t{ id: 'a-b', hexcode: '1F600', label: 'A b', topic: 'feelings', tags: 'c d' },")).toBe(true);
		expect(ENTRY.test("\t{ id: 'a-b', hexcode: '1F600', label: 'A b', topic: 'feelings' }")).toBe(true);
		const wrapped = "export const catalogue = [\n\t{ id: 'a', hexcode: '1F600',\n\t\tlabel: 'A', topic: 'feelings' }\n] as const";
		expect(() => parseCatalogue(wrapped)).toThrow(/one-line entry shape/);
	});
});

describe('searchSymbols', () => {
	it('finds a symbol by a synonym in its tags', () => {
		expect(ids(searchSymbols('noise'))).toContain('ear-defenders');
		expect(ids(searchSymbols('mother'))).toEqual(['mum']);
		expect(ids(searchSymbols('BSL'))).toEqual(['sign-language']);
	});

	it('matches the start of words, in any case, and every word typed', () => {
		expect(ids(searchSymbols('Ear def'))).toEqual(['ear-defenders']);
		expect(ids(searchSymbols('  tell   NEXT '))).toEqual(['tell-me-what-happens-next']);
		expect(ids(searchSymbols('school transport'))).toEqual(['minibus', 'taxi']);
		expect(ids(searchSymbols('efenders'))).toEqual([]);
	});

	it('puts labels starting with the query first, then the rest alphabetically', () => {
		const sad = ids(searchSymbols('sad'));
		expect(sad[0]).toBe('sad');
		expect(sad).toContain('very-sad');
		const music = searchSymbols('music');
		expect(music[0].id).toBe('music');
		const rest = music.slice(1).map((s) => s.label);
		expect(rest).toEqual([...rest].sort((a, b) => a.localeCompare(b, 'en')));
		expect(rest.length).toBeGreaterThan(0);
	});

	it('keeps to one topic when given', () => {
		const inFood = searchSymbols('drink', 'food');
		expect(inFood.length).toBeGreaterThan(0);
		for (const s of inFood) expect(s.topic).toBe('food');
		expect(ids(searchSymbols('drink'))).toContain('cafe');
		expect(ids(inFood)).not.toContain('cafe');
		expect(searchSymbols('mum', 'food')).toEqual([]);
	});

	it('gives the topic’s symbols, or all of them, for an empty query', () => {
		expect(searchSymbols('', 'feelings')).toEqual(symbolsByTopic('feelings'));
		expect(ids(searchSymbols('   ', 'feelings')).slice(0, 5)).toEqual(['very-sad', 'sad', 'okay', 'happy', 'very-happy']);
		expect(searchSymbols('')).toHaveLength(catalogue.length);
	});

	it('finds nothing for a word no symbol has', () => {
		expect(searchSymbols('xylophone')).toEqual([]);
		expect(searchSymbols('football', 'health')).toEqual([]);
	});
});
