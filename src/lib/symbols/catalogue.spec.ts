import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogue, unsafeSvgReasons } from '../../../scripts/copy-symbols.js';
import { catalogue, isSymbolId, symbolById, symbolSrc, SYMBOL_TOPICS } from './catalogue';

const root = join(import.meta.dirname, '../../..');
const dir = join(root, 'static/symbols/openmoji');
const svgPath = (hexcode: string) => join(dir, `${hexcode}.svg`);

describe('symbol catalogue', () => {
	it('has unique kebab-case ids and unique hexcodes', () => {
		const ids = catalogue.map((s) => s.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		const hexcodes = catalogue.map((s) => s.hexcode);
		expect(new Set(hexcodes).size).toBe(hexcodes.length);
	});

	it('gives every entry a label and a known topic', () => {
		for (const s of catalogue) {
			expect(s.label.trim()).not.toBe('');
			expect(SYMBOL_TOPICS).toContain(s.topic);
		}
	});

	it('has a checked-in SVG for every entry, and nothing else in static/symbols/openmoji', () => {
		for (const s of catalogue) expect(existsSync(svgPath(s.hexcode)), `${s.id} -> ${s.hexcode}.svg`).toBe(true);
		const expected = catalogue.map((s) => `${s.hexcode}.svg`).sort();
		expect(readdirSync(dir).sort()).toEqual(expected);
	});

	it('has no script or event-handler attributes in any SVG', () => {
		for (const s of catalogue) {
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

	it('is read the same way by scripts/copy-symbols.js (one source of truth)', () => {
		const parsed = parseCatalogue(readFileSync(join(root, 'src/lib/symbols/catalogue.ts'), 'utf8'));
		expect(parsed).toEqual(catalogue.map(({ id, hexcode }) => ({ id, hexcode })));
	});

	it('looks symbols up by id', () => {
		expect(symbolById('status-heard').hexcode).toBe('1F442');
		expect(symbolSrc(symbolById('yes'))).toBe('/symbols/openmoji/1F44D.svg');
		expect(symbolById('no-such-symbol')).toBeUndefined();
		expect(isSymbolId('happy')).toBe(true);
		expect(isSymbolId('no-such-symbol')).toBe(false);
	});
});
