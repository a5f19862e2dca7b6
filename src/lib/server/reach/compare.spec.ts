import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CHARACTERISTICS, UNDER_HEARD_BELOW, type Characteristic } from '$lib/features/reach/model';
import { DEFAULT_DISCLOSURE, isSmallCount, suppressBreakdown } from '../disclosure';
import { compareCounts, isUnderHeard, reachRatio, type ReachComparison } from './compare';

describe('the under-heard rule', () => {
	it('flags a group heard at under two thirds of its local share, and not one heard at exactly two thirds', () => {
		expect(UNDER_HEARD_BELOW).toBeCloseTo(2 / 3);
		expect(isUnderHeard(2 / 3)).toBe(false);
		expect(isUnderHeard(0.66)).toBe(true);
		expect(isUnderHeard(0)).toBe(true);
		expect(isUnderHeard(1)).toBe(false);
		expect(isUnderHeard(1.5)).toBe(false);
	});

	it('divides our share by the local share, and gives no ratio for a group with no one locally', () => {
		expect(reachRatio(0.1, 0.2)).toBeCloseTo(0.5);
		expect(reachRatio(0.3, 0.2)).toBeCloseTo(1.5);
		expect(reachRatio(0.1, 0)).toBeNull();
	});

	it('works out shares, ratios and flags from the counts on both sides', () => {
		// 20 of 60 heard (a third) against 50% locally: ratio 2/3 exactly, not under-heard;
		// 10 of 60 (a sixth) against 30%: under-heard; 30 of 60 against 20%: heard well.
		const c = compareCounts('support', { ehc_plan: 20, sen_support: 40 }, { ehc_plan: 500, sen_support: 1500 });
		expect(c.total).toBe(60);
		const [ehc, sen] = c.rows;
		expect(ehc).toMatchObject({ category: 'ehc_plan', count: 20, localShare: 0.25 });
		expect(ehc.share).toBeCloseTo(1 / 3);
		expect(ehc.ratio).toBeCloseTo(4 / 3);
		expect(ehc.underHeard).toBe(false);
		expect(sen.ratio).toBeCloseTo((2 / 3) / 0.75);
		expect(sen.underHeard).toBe(false);

		const phase = compareCounts(
			'phase',
			{ early_years: 10, primary: 20, secondary: 30 },
			{ early_years: 10, primary: 50, secondary: 20, post_16: 20 }
		);
		const byKey = Object.fromEntries(phase.rows.map((r) => [r.category, r]));
		// 20/60 against 50/100: exactly two thirds, so not under-heard.
		expect(byKey.primary.ratio).toBeCloseTo(2 / 3);
		expect(byKey.primary.underHeard).toBe(false);
		expect(byKey.post_16).toMatchObject({ count: 0, share: 0, ratio: 0, underHeard: true });
		expect(byKey.secondary.underHeard).toBe(false);
		// nobody on either side: no row
		expect(byKey.not_in_education).toBeUndefined();
	});

	it('has no local share, ratio or flag without a baseline', () => {
		const c = compareCounts('sex', { female: 30, male: 20 }, {});
		expect(c.localTotal).toBe(0);
		expect(c.rows.map((r) => [r.count, r.localShare, r.ratio, r.underHeard])).toEqual([
			[30, null, null, null],
			[20, null, null, null]
		]);
	});

	it('refuses a count that is not a whole number of 0 or more', () => {
		expect(() => compareCounts('sex', { female: -1 }, {})).toThrow(RangeError);
		expect(() => compareCounts('sex', {}, { male: 1.5 })).toThrow(RangeError);
	});
});

describe('small numbers in a comparison', () => {
	it('hides a small group, a second one so it cannot be worked out, and their shares, ratios and flags', () => {
		const c = compareCounts('language', { english: 40, bengali: 3, polish: 12, urdu: 20 }, { english: 600, bengali: 200, polish: 50, urdu: 150 });
		const byKey = Object.fromEntries(c.rows.map((r) => [r.category, r]));
		expect(byKey.bengali).toMatchObject({ count: null, share: null, ratio: null, underHeard: null });
		expect(byKey.bengali.localShare).toBeCloseTo(0.2);
		// the smallest other group goes with it
		expect(byKey.polish).toMatchObject({ count: null, share: null, ratio: null, underHeard: null });
		expect(byKey.english.count).toBe(40);
		expect(c.total).toBe(75);
		expect(c.suppressed).toBe(true);
	});

	it('shows no shares under ten people, but still the counts', () => {
		const c = compareCounts('sex', { female: 5, male: 0 }, { female: 1, male: 1 });
		expect(c.rows.map((r) => [r.count, r.share, r.ratio, r.underHeard])).toEqual([
			[5, null, null, null],
			[0, null, null, null]
		]);
	});

	/** Counts like real ones: many small, some large. */
	const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }) });
	const characteristic = fc.constantFrom(...CHARACTERISTICS);
	const input = characteristic.chain((c) =>
		fc.record({
			characteristic: fc.constant(c),
			heard: fc.array(count, { minLength: CATEGORIES[c].length, maxLength: CATEGORIES[c].length }),
			local: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), { minLength: CATEGORIES[c].length, maxLength: CATEGORIES[c].length })
		})
	);
	const asCounts = (c: Characteristic, values: number[]) => Object.fromEntries(CATEGORIES[c].map((k, i) => [k, values[i]]));

	/**
	 * The oracle: what a visitor who knows the rules can work out from a comparison. They know the
	 * total (shown, or count / share of any shown group), every shown count, that a missing group
	 * is 0 (conservatively: the baseline says it has no one locally) and that each hidden count
	 * is at least 1. A hidden count is worked out when only one value fits all of that.
	 */
	function recoverable(c: ReachComparison, heard: number[]): string[] {
		const categories = CATEGORIES[c.characteristic] as readonly string[];
		const rows = new Map(c.rows.map((r) => [r.category as string, r]));
		let total = c.total;
		for (const r of c.rows) if (total === null && r.count !== null && r.share) total = Math.round(r.count / r.share);
		if (total === null) return [];
		const hidden = categories.filter((k) => rows.has(k) && rows.get(k)!.count === null);
		const shownSum = categories.reduce((sum, k) => sum + (rows.get(k)?.count ?? 0), 0);
		const rest = total - shownSum;
		const found: string[] = [];
		for (const k of hidden) {
			const others = hidden.length - 1;
			const fits: number[] = [];
			for (let v = 1; v <= rest; v++) if (others === 0 ? rest - v === 0 : rest - v >= others) fits.push(v);
			if (fits.length <= 1) found.push(`${k} (${heard[categories.indexOf(k)]})`);
		}
		return found;
	}

	it('never lets a hidden count be worked out from what is shown (property)', () => {
		fc.assert(
			fc.property(input, ({ characteristic: ch, heard, local }) => {
				const c = compareCounts(ch, asCounts(ch, heard), asCounts(ch, local));
				expect(recoverable(c, heard)).toEqual([]);
			}),
			{ numRuns: 2000 }
		);
	});

	it('never shows a small count, nor a share, ratio or flag of a hidden one (property)', () => {
		fc.assert(
			fc.property(input, ({ characteristic: ch, heard, local }) => {
				const c = compareCounts(ch, asCounts(ch, heard), asCounts(ch, local));
				const categories = CATEGORIES[ch] as readonly string[];
				if (c.total !== null) expect(isSmallCount(c.total, DEFAULT_DISCLOSURE)).toBe(false);
				for (const r of c.rows) {
					const truth = heard[categories.indexOf(r.category)];
					if (r.count !== null) {
						expect(r.count).toBe(truth);
						expect(isSmallCount(r.count, DEFAULT_DISCLOSURE)).toBe(false);
					} else {
						expect(truth).toBeGreaterThan(0);
						expect([r.share, r.ratio, r.underHeard]).toEqual([null, null, null]);
					}
					if (r.share !== null) expect(c.total).not.toBeNull();
					if (r.underHeard !== null) expect(r.underHeard).toBe(r.ratio! < UNDER_HEARD_BELOW);
				}
			}),
			{ numRuns: 2000 }
		);
	});

	it('hides at least what a table of the same answers on the page hides, so the two together give nothing away (property)', () => {
		fc.assert(
			fc.property(input, count, ({ characteristic: ch, heard, local }, notSaid) => {
				const categories = CATEGORIES[ch] as readonly string[];
				// The question's own table: every group and "Prefer not to say", out of everyone who answered.
				const cells = [...categories.map((key, i) => ({ key, count: heard[i] })), { key: 'not_said', count: notSaid }];
				const answered = cells.reduce((sum, cell) => sum + cell.count, 0);
				const question = suppressBreakdown(cells, answered);
				const qHidden = new Set(question.cells.filter((cell) => !cell.shown).map((cell) => cell.key));
				const c = compareCounts(ch, asCounts(ch, heard), asCounts(ch, local), DEFAULT_DISCLOSURE, {
					hidden: categories.filter((k) => qHidden.has(k)),
					hideTotal: qHidden.has('not_said')
				});
				const rows = new Map(c.rows.map((r) => [r.category as string, r]));
				// What the visitor knows of each figure, from either table.
				const value = new Map<string, number>();
				for (const cell of question.cells) if (cell.shown) value.set(cell.key, cell.count);
				for (const k of categories) {
					const r = rows.get(k);
					if (!r) value.set(k, 0);
					else if (r.count !== null) value.set(k, r.count);
				}
				const unknown = cells.map((cell) => cell.key).filter((k) => !value.has(k));
				const pinned = (group: string[], sum: number) => group.length === 1 || sum === group.length;
				const found: string[] = [];
				const known = (keys: readonly string[]) => keys.reduce((sum, k) => sum + (value.get(k) ?? 0), 0);
				const catsUnknown = unknown.filter((k) => k !== 'not_said');
				if (c.total !== null && catsUnknown.length && pinned(catsUnknown, c.total - known(categories))) found.push(...catsUnknown);
				if (question.totalShown) {
					const all = cells.map((cell) => cell.key);
					if (c.total !== null) {
						const rest = unknown.filter((k) => k === 'not_said');
						if (rest.length && pinned(rest, answered - c.total)) found.push(...rest);
					} else if (unknown.length && pinned(unknown, answered - known(all))) found.push(...unknown);
				}
				expect(found).toEqual([]);
			}),
			{ numRuns: 2000 }
		);
	});
});
