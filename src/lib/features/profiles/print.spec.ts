import { describe, expect, it } from 'vitest';
import { ITEM_WORDS_MAX, ITEMS_PER_SECTION_MAX, PROFILE_SECTIONS } from '$lib/features/profiles/model';
import { printDensity, printLoad } from './print';

const section = (n: number, words: string | null) => ({ items: Array.from({ length: n }, () => ({ symbolId: 'cat', words })) });

describe('print density', () => {
	it('prints an empty or short profile large', () => {
		expect(printDensity(PROFILE_SECTIONS.map(() => section(0, null)))).toBe('roomy');
		expect(printDensity(PROFILE_SECTIONS.map(() => section(3, 'Give me time to answer')))).toBe('roomy');
	});

	it('counts long words as well as items', () => {
		const symbolsOnly = PROFILE_SECTIONS.map(() => section(6, null));
		const withWords = PROFILE_SECTIONS.map(() => section(6, 'x'.repeat(ITEM_WORDS_MAX)));
		expect(printLoad(withWords)).toBeGreaterThan(printLoad(symbolsOnly));
		expect(printDensity(symbolsOnly)).toBe('compact');
		expect(printLoad([section(1, 'x'.repeat(40))])).toBe(1);
	});

	it('prints the fullest possible profile at the tightest density', () => {
		const full = PROFILE_SECTIONS.map(() => section(ITEMS_PER_SECTION_MAX, 'x'.repeat(ITEM_WORDS_MAX)));
		expect(printDensity(full)).toBe('tight');
	});

	it('grows denser as the profile grows', () => {
		const order = ['roomy', 'normal', 'compact', 'tight'];
		let last = 0;
		for (let n = 0; n <= ITEMS_PER_SECTION_MAX; n++) {
			const rank = order.indexOf(printDensity(PROFILE_SECTIONS.map(() => section(n, 'y'.repeat(60)))));
			expect(rank).toBeGreaterThanOrEqual(last);
			last = rank;
		}
	});
});
