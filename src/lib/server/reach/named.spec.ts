import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReachView } from '$lib/features/reach/model';
import { DEFAULT_DISCLOSURE } from '../disclosure';
import { addPerson, testDb } from '../testing';
import * as settings from '../settings';
import { languageNameKey, namedLanguages, namedLanguagesOf } from '.';

const RULES = DEFAULT_DISCLOSURE;
const times = (n: number, name: string) => Array.from({ length: n }, () => name);

/** A language comparison whose "another language" row shows `other` (null: hidden). */
const comparisonWith = (other: number | null): ReachView => ({
	characteristic: 'language',
	rows: [{ category: 'other', count: other, share: null, localShare: null, ratio: null, underHeard: null }],
	total: null,
	suppressed: other === null,
	localTotal: 0,
	baseline: null
});

describe('the languages people named under "another language"', () => {
	it('counts names that differ only in capitals, accents, marks, spaces or punctuation as one', () => {
		expect(new Set(['Tigrinya', ' tigrinya ', 'TIGRINYA.', 'Tigrinya!', 'tigrinya\u00a0'].map(languageNameKey))).toEqual(new Set(['tigrinya']));
		expect(languageNameKey('Haitian   Creole')).toBe(languageNameKey('haitian-creole'));
		expect(languageNameKey('Français')).toBe(languageNameKey('francais'));
		expect(languageNameKey('עבֿרית')).toBe(languageNameKey('עברית'));
		// a Bengali vowel sign is part of the word: not folded away
		expect(languageNameKey('সিলেটি')).not.toBe(languageNameKey('সলট'));
		expect(languageNameKey(' ... ')).toBe('');
	});

	it('lists a name said by at least the small-count limit, with how many, and nothing of the rest', () => {
		const typed = [...times(6, 'Tigrinya'), 'tigrinya', ...times(5, 'Farsi'), ...times(4, 'Lithuanian'), 'Amharic', '', '  '];
		const named = namedLanguagesOf(typed, true, RULES);
		expect(named).toEqual({
			listed: true,
			names: [
				{ name: 'Tigrinya', count: 7 },
				{ name: 'Farsi', count: 5 }
			],
			smallCountBelow: 5
		});
		expect(JSON.stringify(named)).not.toMatch(/Lithuanian|Amharic/);
		// the area's own limit
		expect(namedLanguagesOf(typed, true, { ...RULES, smallCountBelow: 8 }).names).toEqual([]);
		expect(namedLanguagesOf(typed, true, { ...RULES, smallCountBelow: 4 }).names.map((n) => n.name)).toEqual(['Tigrinya', 'Farsi', 'Lithuanian']);
	});

	it('shows the commonest spelling, with a capital first letter', () => {
		expect(namedLanguagesOf(['tigrinya', 'tigrinya', 'Tigrinya', 'TIGRINYA', 'tigrinya.'], true, RULES).names).toEqual([{ name: 'Tigrinya', count: 5 }]);
		expect(namedLanguagesOf(times(5, 'ትግርኛ'), true, RULES).names).toEqual([{ name: 'ትግርኛ', count: 5 }]);
	});

	it('lists nothing when the page hides the "another language" figure', () => {
		const typed = times(9, 'Tigrinya');
		expect(namedLanguagesOf(typed, false, RULES)).toEqual({ listed: false, names: [], smallCountBelow: 5 });
		const db = testDb();
		expect(namedLanguages(db, typed, comparisonWith(null)).listed).toBe(false);
		expect(namedLanguages(db, typed, comparisonWith(9)).names).toEqual([{ name: 'Tigrinya', count: 9 }]);
		// the area's small-count limit, from its settings
		settings.update(db, addPerson(db, ['admin']), { ...settings.get(db), disclosureSmallCountBelow: 10 });
		expect(namedLanguages(db, typed, comparisonWith(9)).names).toEqual([]);
	});

	it('never lets a name said by too few be recovered: adding or taking away such names changes nothing shown, nor does their order (property)', () => {
		const NAMES = ['Tigrinya', 'Farsi', 'Lithuanian', 'Amharic', 'Pashto', 'Tamil', 'Dari', 'Lingala'];
		const spelling = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase(), ` ${name}.`);
		const crowd = fc.array(fc.constantFrom(...NAMES).chain(spelling), { maxLength: 60 });
		fc.assert(
			fc.property(crowd, fc.array(fc.constantFrom('Sylheti', 'Kirundi', 'Oromo', 'Wolof'), { maxLength: 12 }), fc.integer({ min: 1, max: 8 }), (typed, extra, small) => {
				const rules = { ...RULES, smallCountBelow: small };
				const shown = namedLanguagesOf(typed, true, rules);
				// every listed name was said by at least the limit, and no more people than typed are counted
				expect(shown.names.every((n) => n.count >= small)).toBe(true);
				expect(shown.names.reduce((a, n) => a + n.count, 0)).toBeLessThanOrEqual(typed.length);
				// the same people in another order: the same list
				expect(namedLanguagesOf([...typed].reverse(), true, rules)).toEqual(shown);
				// people who named a language nobody else named often enough: invisible
				const rare = extra.filter((name) => extra.filter((x) => x === name).length < small);
				expect(namedLanguagesOf([...typed, ...rare], true, rules)).toEqual(shown);
				// and a name under the limit is nowhere in what is shown
				for (const name of NAMES) {
					const said = typed.filter((t) => languageNameKey(t) === languageNameKey(name)).length;
					if (said < small) expect(shown.names.some((n) => languageNameKey(n.name) === languageNameKey(name)), name).toBe(false);
				}
			})
		);
	});
});
