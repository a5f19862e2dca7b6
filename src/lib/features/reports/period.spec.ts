import { describe, expect, it } from 'vitest';
import { parsePeriodKey, parseScopeKey, periodKey, quarterChoices, reportInputFrom, scopeKey } from './period';

describe('report form choices', () => {
	it('writes a period as one value and reads it back, refusing anything but two real days in order', () => {
		const p = { start: '2026-04-01', end: '2026-06-30' };
		expect(periodKey(p)).toBe('2026-04-01/2026-06-30');
		expect(parsePeriodKey(periodKey(p))).toEqual(p);
		for (const bad of ['', 'custom', '2026-04-01', '2026-06-30/2026-04-01', '2026-02-30/2026-03-31', '2026-04-01/2026-06-30/x']) {
			expect(parsePeriodKey(bad), bad).toBeNull();
		}
	});

	it('offers the default quarter first, then the ones before it, across a year end', () => {
		expect(quarterChoices({ start: '2026-01-01', end: '2026-03-31' }, 3)).toEqual([
			{ start: '2026-01-01', end: '2026-03-31' },
			{ start: '2025-10-01', end: '2025-12-31' },
			{ start: '2025-07-01', end: '2025-09-30' }
		]);
	});

	it('writes and reads the three kinds of scope, and refuses others', () => {
		expect(parseScopeKey('area')).toEqual({ scope: 'area', sector: null, serviceId: null });
		expect(parseScopeKey(scopeKey({ scope: 'sector', sector: 'social_care' }))).toEqual({ scope: 'sector', sector: 'social_care', serviceId: null });
		expect(parseScopeKey(scopeKey({ scope: 'service', serviceId: 3 }))).toEqual({ scope: 'service', sector: null, serviceId: 3 });
		for (const bad of ['', 'sector:', 'sector:police', 'service:0', 'service:-1', 'service:1.5', 'service:3:4', 'everything']) {
			expect(parseScopeKey(bad), bad).toBeNull();
		}
	});

	it('turns the form into what the report service takes: a quick-pick quarter or other dates', () => {
		const base = { title: 'Q', periodStart: '', periodEnd: '', scope: 'service:2' };
		expect(reportInputFrom({ ...base, period: '2026-04-01/2026-06-30' })).toEqual({
			title: 'Q',
			period: { start: '2026-04-01', end: '2026-06-30' },
			scope: 'service',
			sector: null,
			serviceId: 2
		});
		expect(reportInputFrom({ ...base, period: 'custom', periodStart: '2026-07-01', periodEnd: '2026-08-15', scope: 'area' })).toMatchObject({
			period: { start: '2026-07-01', end: '2026-08-15' },
			scope: 'area'
		});
		expect(reportInputFrom({ ...base, period: 'nonsense' })).toBeNull();
		expect(reportInputFrom({ ...base, period: '2026-04-01/2026-06-30', scope: 'nowhere' })).toBeNull();
	});
});
