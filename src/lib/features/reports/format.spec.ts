import { describe, expect, it } from 'vitest';
import { periodLabel } from '$lib/time';
import { countText, counted, groupText, periodShort, periodText, ragWords, scopeText, sectorKeyText, valueText } from './format';

describe('how report figures are written', () => {
	it('writes periods as periodLabel does, in English', () => {
		for (const p of [
			{ start: '2026-04-01', end: '2026-06-30' },
			{ start: '2025-10-01', end: '2025-12-31' },
			{ start: '2026-07-01', end: '2026-08-15' }
		]) {
			expect(periodText(p, 'en')).toBe(periodLabel(p));
		}
		expect(periodShort({ start: '2026-04-01', end: '2026-06-30' }, 'en')).toBe('Apr–Jun 2026');
	});

	it('writes values with their units', () => {
		expect(valueText(71, 'percent', 'en')).toBe('71%');
		expect(valueText(31.25, 'percent', 'en')).toBe('31.3%');
		expect(valueText(11, 'days', 'en')).toBe('11 days');
		expect(valueText(1, 'days', 'en')).toBe('1 day');
		expect(valueText(3, 'count', 'en')).toBe('3');
	});

	it('works each plural message out once for the same inputs and language', () => {
		let made = 0;
		const message = (i: { count: number; shown: string }) => (made++, `${i.shown} response${i.count === 1 ? '' : 's'}`);
		expect(counted(message, { count: 1, shown: '1' }, 'en')).toBe('1 response');
		expect(counted(message, { count: 1, shown: '1' }, 'en')).toBe('1 response');
		expect(counted(message, { count: 1214, shown: '1,214' }, 'en')).toBe('1,214 responses');
		expect(counted(message, { count: 1, shown: '1' }, 'tr')).toBe('1 response');
		expect(made).toBe(3);
		// and periods, month names and numbers come out the same the second time
		const q = { start: '2026-04-01', end: '2026-06-30' };
		expect([periodText(q, 'en'), periodText(q, 'en'), periodShort(q, 'en'), periodShort(q, 'en')]).toEqual([
			'April to June 2026',
			'April to June 2026',
			'Apr–Jun 2026',
			'Apr–Jun 2026'
		]);
		expect([valueText(11, 'days', 'en'), valueText(1, 'days', 'en'), valueText(11, 'days', 'en')]).toEqual(['11 days', '1 day', '11 days']);
	});

	it('writes counts after disclosure control: zero as 0, small ones as "fewer than"', () => {
		expect(countText({ kind: 'value', value: 1214 }, 'en')).toBe('1,214');
		expect(countText({ kind: 'none' }, 'en')).toBe('0');
		expect(countText({ kind: 'fewer_than', limit: 5 }, 'en')).toBe('fewer than 5');
	});

	it('names scopes, groups and sectors, and gives every rating a word as well as a meaning', () => {
		expect(scopeText({ kind: 'area', label: 'area' })).toBe('Whole area');
		expect(scopeText({ kind: 'sector', label: 'social_care' })).toBe('Social care');
		expect(scopeText({ kind: 'service', label: 'Short breaks' })).toBe('Short breaks');
		expect(groupText('unknown')).toBe('Not known');
		expect(sectorKeyText('area')).toBe('Whole area');
		expect(ragWords('green')).toEqual({ word: 'Green', says: 'on target' });
		expect(ragWords('amber').word).toBe('Amber');
		expect(ragWords('red').says).toBe('not on target');
		expect(ragWords(null).word).toBe('Not rated');
	});
});
