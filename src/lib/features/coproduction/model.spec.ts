import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partnershipYearOf } from '$lib/time';
import { LEVELS, countsByLevel, inYear, sharedShare, yearsOf, type Level } from './model';

describe('the ladder’s figures', () => {
	it('counts entries by level, every level present', () => {
		expect(countsByLevel(['inform', 'co_design', 'inform', 'co_produce'])).toEqual({ inform: 2, consult: 0, engage: 0, co_design: 1, co_produce: 1 });
		expect(countsByLevel([])).toEqual({ inform: 0, consult: 0, engage: 0, co_design: 0, co_produce: 0 });
	});

	it('says the share at co-design or co-produce as how many of how many, with a percentage only when there are entries', () => {
		expect(sharedShare(countsByLevel([]))).toEqual({ shared: 0, total: 0, percent: null });
		const twelve: Level[] = ['inform', 'inform', 'inform', 'consult', 'consult', 'consult', 'engage', 'engage', 'engage', 'co_design', 'co_design', 'co_produce'];
		expect(sharedShare(countsByLevel(twelve))).toEqual({ shared: 3, total: 12, percent: 25 });
		expect(sharedShare(countsByLevel(['inform', 'co_design', 'co_design']))).toEqual({ shared: 2, total: 3, percent: 66.7 });
	});

	it('never counts a shared decision twice nor one below co-design (any mix of levels)', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...LEVELS), { maxLength: 200 }), (levels) => {
				const share = sharedShare(countsByLevel(levels));
				expect(share.total).toBe(levels.length);
				expect(share.shared).toBe(levels.filter((l) => l === 'co_design' || l === 'co_produce').length);
				if (share.percent !== null) expect(share.percent).toBeGreaterThanOrEqual(0);
				if (share.percent !== null) expect(share.percent).toBeLessThanOrEqual(100);
			})
		);
	});

	it('puts 31 March in the year before and 1 April in the year that starts then', () => {
		expect(inYear('2026-03-31', 2025)).toBe(true);
		expect(inYear('2026-03-31', 2026)).toBe(false);
		expect(inYear('2026-04-01', 2026)).toBe(true);
		expect(inYear('2026-04-01', 2025)).toBe(false);
		expect(inYear('2025-04-01', 2025)).toBe(true);
		expect(yearsOf(['2026-03-31', '2026-04-01', '2025-06-01', '2024-12-25'])).toEqual([2026, 2025, 2024]);
		expect(partnershipYearOf('2026-03-31')).toBe(2025);
	});
});
