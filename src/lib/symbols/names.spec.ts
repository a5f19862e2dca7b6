import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import cldr from './cldr-names.json';
import written from './written-names.json';
import { catalogue, searchSymbols, type SymbolId } from './catalogue';
import { searchIn, symbolName } from './names';
import { PASSCODE_SYMBOLS } from '$lib/features/profiles/model';

const settings = JSON.parse(readFileSync(path.resolve(__dirname, '../../../project.inlang/settings.json'), 'utf8'));
const others: string[] = settings.locales.filter((l: string) => l !== 'en');
const CLDR = cldr.names as Record<string, Record<string, string>>;
const WRITTEN = written as Record<string, Record<string, string>>;
const ids = catalogue.map((s) => s.id) as SymbolId[];

describe('picture names in every language', () => {
	it.each(others)('%s names every symbol and passcode picture in %s itself, never falling back to English', (locale) => {
		const fellBack = ids.filter((id) => symbolName(id, locale).lang !== locale);
		expect(fellBack).toEqual([]);
	});

	it.each(others)("%s uses CLDR's name wherever the picture is what the symbol means", (locale) => {
		// "What the symbol means" is checkable where our English label is CLDR's English name.
		const pictureNamed = ids.filter((id) => CLDR[locale]?.[id] && CLDR.en[id]?.toLowerCase() === catalogue.find((s) => s.id === id)!.label.toLowerCase());
		for (const id of pictureNamed) {
			expect(WRITTEN[locale]?.[id], `${locale} ${id} is written over CLDR`).toBeUndefined();
			expect(symbolName(id, locale).name.toLocaleLowerCase(locale)).toBe(CLDR[locale][id].toLocaleLowerCase(locale));
		}
		if (CLDR[locale]) expect(pictureNamed.length).toBeGreaterThan(0);
	});

	it('writes names only for symbols and languages that exist', () => {
		for (const [locale, names] of Object.entries(WRITTEN)) {
			expect(others).toContain(locale);
			for (const [id, name] of Object.entries(names)) {
				expect(ids, `${locale}: ${id}`).toContain(id);
				expect(name.trim()).not.toBe('');
			}
		}
	});

	it('names the passcode pictures in Bengali from CLDR, and in Yiddish, which CLDR lacks, from the written names', () => {
		expect(symbolName('cat', 'bn')).toEqual({ name: 'বিড়াল', lang: 'bn' });
		expect(PASSCODE_SYMBOLS.every((id) => symbolName(id, 'yi').name === WRITTEN.yi[id])).toBe(true);
		expect(symbolName('cat', 'en')).toEqual({ name: 'Cat', lang: 'en' });
	});

	it('starts a CLDR name with its language\'s own capital ("İ" in Turkish)', () => {
		const turkishI = ids.find((id) => !WRITTEN.tr[id] && CLDR.tr[id]?.startsWith('i'));
		if (turkishI) expect(symbolName(turkishI, 'tr').name.startsWith('İ')).toBe(true);
		expect(symbolName('dog', 'tr').name).toBe('Köpek');
	});
});

describe('symbol search in the reader\'s language', () => {
	it('finds a symbol by its name or a CLDR keyword in the language, and still by English', async () => {
		const bn = await searchIn('bn');
		expect(searchSymbols('বিড়াল', undefined, bn).map((s) => s.id)).toContain('cat');
		const tr = await searchIn('tr');
		expect(searchSymbols('köpek', undefined, tr)[0].id).toBe('dog');
		expect(searchSymbols('kopek', undefined, tr)[0].id).toBe('dog'); // typed without the dots
		expect(searchSymbols('dog', undefined, tr).map((s) => s.id)).toContain('dog');
		const yi = await searchIn('yi');
		expect(searchSymbols(WRITTEN.yi.pizza, undefined, yi).map((s) => s.id)).toContain('pizza');
	});

	it('puts symbols whose name in the language starts with the words first', async () => {
		const pl = await searchIn('pl');
		const name = symbolName('pizza', 'pl').name;
		expect(searchSymbols(name.slice(0, 4), undefined, pl)[0].id).toBe('pizza');
	});

	it('gives English search when no language is given, as before', async () => {
		expect(await searchIn('en')).toBeUndefined();
		expect(searchSymbols('cat').map((s) => s.id)).toContain('cat');
	});
});
