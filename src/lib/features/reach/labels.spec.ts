import { describe, expect, it } from 'vitest';
import { locales } from '$lib/paraglide/runtime';
import { categoryName } from './labels';
import { CATEGORIES, LANGUAGE_ENDONYMS, endonymsBeside } from './model';

describe('the main language answers', () => {
	it('name every language in each of the eight interface languages, each one differently', () => {
		expect(locales).toHaveLength(8);
		for (const locale of locales) {
			const names = CATEGORIES.language.map((k) => categoryName('language', k, locale));
			expect(names.every((n) => n.trim().length > 0), locale).toBe(true);
			expect(new Set(names.map((n) => n.toLocaleLowerCase())).size, `${locale}: ${names.join(', ')}`).toBe(names.length);
		}
		// Kurmanji in the Hawar Latin alphabet, Yiddish in Hebrew script
		expect(CATEGORIES.language.every((k) => /^[\p{Script=Latin}\s()]+$/u.test(categoryName('language', k, 'ku')))).toBe(true);
		expect(CATEGORIES.language.every((k) => /\p{Script=Hebrew}/u.test(categoryName('language', k, 'yi')))).toBe(true);
	});

	it('offer English first, the rest by their English names, "another language" last', () => {
		const [first, ...rest] = CATEGORIES.language;
		expect(first).toBe('english');
		expect(rest.at(-1)).toBe('other');
		const middle = rest.slice(0, -1).map((k) => categoryName('language', k, 'en'));
		expect(middle).toEqual([...middle].sort((a, b) => a.localeCompare(b, 'en')));
	});

	it('give each language its own name beside ours, with a valid language tag, unless ours already is it', () => {
		for (const [key, own] of Object.entries(LANGUAGE_ENDONYMS)) {
			for (const e of own) expect(Intl.getCanonicalLocales(e.lang), key).toHaveLength(1);
		}
		expect(endonymsBeside('polish', 'Polish')).toEqual([{ lang: 'pl', name: 'polski' }]);
		expect(endonymsBeside('polish', 'Polski')).toEqual([]);
		expect(endonymsBeside('turkish', 'Türkçe')).toEqual([]);
		expect(endonymsBeside('twi', 'Twi')).toEqual([]);
		expect(endonymsBeside('punjabi', 'Punjabi').map((e) => e.lang)).toEqual(['pa-Guru', 'pa-Arab']);
		// not a language, or one with no written name of its own
		expect(endonymsBeside('bsl', 'British Sign Language (BSL)')).toEqual([]);
		expect(endonymsBeside('other', 'Another language')).toEqual([]);
		expect(endonymsBeside('north', 'North')).toEqual([]);
		expect(endonymsBeside(null, 'Prefer not to say')).toEqual([]);
	});
});
