import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marginOfError, wilson, Z95 } from './wilson';

describe('wilson', () => {
	// Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (score interval),
	// checked again here by hand with the closed form at z = 1.959963984540054.
	it.each([
		[81, 263, 0.2553, 0.3662],
		[15, 148, 0.0624, 0.1605],
		[0, 20, 0, 0.1611],
		[1, 29, 0.0061, 0.1718]
	])('matches Newcombe for %i of %i', (s, n, low, high) => {
		const interval = wilson(s, n);
		expect(interval?.low).toBeCloseTo(low, 4);
		expect(interval?.high).toBeCloseTo(high, 4);
	});

	it.each([
		[0, 10, 0, 0.2775, 0.1388],
		[10, 10, 0.7225, 1, 0.8612],
		[5, 10, 0.2366, 0.7634, 0.5],
		[1, 1, 0.2065, 1, 0.6033],
		[0, 1, 0, 0.7935, 0.3967],
		[3, 7, 0.1582, 0.7495, 0.4539],
		[50, 100, 0.4038, 0.5962, 0.5],
		[9, 12, 0.4677, 0.9111, 0.6894]
	])('gives %i of %i as %f to %f around %f', (s, n, low, high, centre) => {
		const interval = wilson(s, n);
		expect(interval?.low).toBeCloseTo(low, 4);
		expect(interval?.high).toBeCloseTo(high, 4);
		expect(interval?.centre).toBeCloseTo(centre, 4);
	});

	it('gives exactly 0 and 1 at the extremes, never a rounding error below or above', () => {
		expect(wilson(0, 7)?.low).toBe(0);
		expect(wilson(7, 7)?.high).toBe(1);
	});

	it('gives null for no responses', () => {
		expect(wilson(0, 0)).toBeNull();
	});

	it('pulls the centre towards one half', () => {
		const interval = wilson(9, 10);
		expect(interval?.centre).toBeLessThan(0.9);
		expect(interval?.centre).toBeGreaterThan(0.5);
	});

	it('is wider at 99% than at 95%', () => {
		const at95 = wilson(20, 50);
		const at99 = wilson(20, 50, 2.5758293035489);
		expect(at99!.low).toBeLessThan(at95!.low);
		expect(at99!.high).toBeGreaterThan(at95!.high);
	});

	it.each([
		[-1, 10],
		[1, -1],
		[1.5, 10],
		[1, 10.5],
		[11, 10],
		[NaN, 10],
		[1, Infinity]
	])('throws RangeError for %s of %s', (s, n) => {
		expect(() => wilson(s, n)).toThrow(RangeError);
	});

	it('throws RangeError for a z that is not positive', () => {
		expect(() => wilson(1, 2, 0)).toThrow(RangeError);
		expect(() => wilson(1, 2, -1.96)).toThrow(RangeError);
	});

	it('contains the observed share and stays inside 0..1 for any counts', () => {
		const counts = fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
		fc.assert(
			fc.property(counts, ([s, n]) => {
				const interval = wilson(s, n)!;
				const p = s / n;
				return (
					0 <= interval.low &&
					interval.low <= p &&
					p <= interval.high &&
					interval.high <= 1 &&
					interval.low <= interval.centre &&
					interval.centre <= interval.high
				);
			}),
			{ numRuns: 500 }
		);
	});

	it('is symmetric: s of n mirrors n - s of n', () => {
		const counts = fc.integer({ min: 1, max: 1000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
		fc.assert(
			fc.property(counts, ([s, n]) => {
				const a = wilson(s, n)!;
				const b = wilson(n - s, n)!;
				return Math.abs(a.low - (1 - b.high)) < 1e-12 && Math.abs(a.high - (1 - b.low)) < 1e-12;
			})
		);
	});
});

describe('marginOfError', () => {
	it('is half the width of the interval', () => {
		expect(marginOfError(5, 10)).toBeCloseTo(0.2634, 4);
		expect(marginOfError(0, 10)).toBeCloseTo(0.1388, 4);
		expect(marginOfError(81, 263)).toBeCloseTo(0.0555, 4);
	});

	it('shrinks as the number of responses grows', () => {
		expect(marginOfError(50, 100)!).toBeLessThan(marginOfError(5, 10)!);
		expect(marginOfError(500, 1000)!).toBeLessThan(marginOfError(50, 100)!);
	});

	it('is null for no responses and throws for impossible counts', () => {
		expect(marginOfError(0, 0)).toBeNull();
		expect(() => marginOfError(3, 2)).toThrow(RangeError);
	});

	it('uses the 95% quantile by default', () => {
		expect(marginOfError(7, 20)).toBe(marginOfError(7, 20, Z95));
	});
});
