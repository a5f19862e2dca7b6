import { describe, expect, it } from 'vitest';
import { figureInputFrom, figureSchema, readNumber, recentQuarters, standardInputFrom, standardSchema } from './form';

describe('the standard and figure forms', () => {
	it('reads numbers as people type them', () => {
		expect(readNumber('75')).toBe(75);
		expect(readNumber(' 62.5 ')).toBe(62.5);
		expect(readNumber('75%')).toBe(75);
		expect(readNumber('.5')).toBe(0.5);
		expect(readNumber('-3')).toBe(-3);
		for (const bad of ['', 'seventy', '7 5', '1e3', '75%%', '0x10']) expect(readNumber(bad)).toBeNaN();
	});

	it('turns the standard form into the service input (the whole area is no service)', () => {
		const data = standardSchema.parse({ serviceId: '', statement: ' We reply  ', measure: 'Days', measureKind: 'operational', unit: 'days', direction: 'lower_better', target: '10', amberFrom: '15' });
		expect(standardInputFrom(data)).toEqual({ serviceId: null, statement: 'We reply', measure: 'Days', measureKind: 'operational', unit: 'days', direction: 'lower_better', target: 10, amberFrom: 15 });
		expect(standardInputFrom({ ...data, serviceId: '4' }).serviceId).toBe(4);
		const bad = standardSchema.safeParse({ ...data, statement: '', target: 'ten' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['statement', 'target']);
	});

	it('offers the last four whole quarters, newest first', () => {
		expect(recentQuarters('2026-05-10')).toEqual([
			{ start: '2026-01-01', end: '2026-03-31' },
			{ start: '2025-10-01', end: '2025-12-31' },
			{ start: '2025-07-01', end: '2025-09-30' },
			{ start: '2025-04-01', end: '2025-06-30' }
		]);
	});

	it('takes the period from a quick pick, or else from the two dates', () => {
		const picked = figureSchema.parse({ period: '2026-01-01/2026-03-31', start: 'ignored', end: '', value: '71', note: ' Steady ' });
		expect(figureInputFrom(picked)).toEqual({ period: { start: '2026-01-01', end: '2026-03-31' }, value: 71, note: 'Steady' });
		const typed = figureSchema.parse({ period: 'other', start: '2024-04-01', end: '2024-06-30', value: '58.5%' });
		expect(figureInputFrom(typed)).toEqual({ period: { start: '2024-04-01', end: '2024-06-30' }, value: 58.5, note: '' });
		const bad = figureSchema.safeParse({ period: 'other', start: '2024-02-30', end: '', value: '' });
		expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['end', 'start', 'value']);
	});
});
