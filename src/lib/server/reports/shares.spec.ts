import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { protectShares } from './shares';

const rules = { minimumForPercentage: 10, smallCountBelow: 5 };

describe('shares in a breakdown', () => {
	it('hides a share from fewer than 10 responses, and one more so it cannot be worked out', () => {
		const result = protectShares(
			[
				{ key: 'parent_carer', n: 120, positive: 80 },
				{ key: 'young_person', n: 40, positive: 30 },
				{ key: 'other', n: 6, positive: 2 }
			],
			rules
		);
		expect(result.cells.map((c) => c.shareShown)).toEqual([true, false, false]);
		expect(result.totalShareShown).toBe(true);
		// 6 responses is not a small count: shown
		expect(result.cells.map((c) => c.nShown)).toEqual([true, true, true]);
	});

	it('hides the overall share when nothing else is left to hide', () => {
		const result = protectShares([{ key: 'a', n: 30, positive: 10 }, { key: 'b', n: 7, positive: 7 }], rules);
		expect(result.cells.map((c) => c.shareShown)).toEqual([false, false]);
		// b alone would be total minus a, so a is hidden too; together 17 of 37 positive pins neither
		expect(result.totalShareShown).toBe(true);
		const allPositive = protectShares([{ key: 'a', n: 8, positive: 8 }, { key: 'b', n: 7, positive: 7 }], rules);
		// 15 responses, 100%: each hidden group is known to be 100%, so the overall share goes
		expect(allPositive.totalShareShown).toBe(false);
	});

	it('never lets a hidden share be worked out from the shown ones and the overall share', () => {
		const cell = fc.record({ n: fc.integer({ min: 0, max: 40 }), p: fc.double({ min: 0, max: 1, noNaN: true }) });
		fc.assert(
			fc.property(fc.array(cell, { minLength: 1, maxLength: 5 }), (raw) => {
				const cells = raw.map((c, i) => ({ key: String(i), n: c.n, positive: Math.round(c.n * c.p) }));
				const result = protectShares(cells, rules);
				const hidden = result.cells.filter((c) => !c.shareShown && c.n > 0);
				// every share from fewer than 10 responses is hidden
				for (const c of result.cells) if (c.n < 10) expect(c.shareShown).toBe(false);
				if (!result.totalShareShown || hidden.length === 0) return;
				// with the overall share shown: at least two hidden, and not all 0% or all 100% together.
				// With each hidden cell's responses known, that is exactly when no hidden cell's
				// positive count has only one possible value.
				expect(hidden.length).toBeGreaterThanOrEqual(2);
				const positives = hidden.reduce((a, c) => a + c.positive, 0);
				const responses = hidden.reduce((a, c) => a + c.n, 0);
				expect(positives).toBeGreaterThan(0);
				expect(positives).toBeLessThan(responses);
			}),
			{ numRuns: 2000 }
		);
	});
});
