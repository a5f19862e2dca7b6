/**
 * Wilson score interval for a proportion (Wilson 1927; recommended by Newcombe 1998 and Brown,
 * Cai & DasGupta 2001). Reports show a share of positive answers from small groups, often fewer
 * than 30 families; the textbook "p ± 1.96·√(p(1−p)/n)" interval then collapses to zero width at
 * 0% or 100% and can run below 0 or above 1. Wilson's interval stays inside 0..1 and keeps a
 * sensible width at the extremes, so "10 of 10 said yes" still shows real uncertainty.
 */

/** The two-sided 95% normal quantile, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/** An interval for a proportion, as fractions from 0 to 1; centre is Wilson's adjusted midpoint, not successes / n. */
export interface ProportionInterval {
	low: number;
	high: number;
	centre: number;
}

function checkCounts(successes: number, n: number, z: number): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number of 0 or more, got ${n}`);
	if (!Number.isInteger(successes) || successes < 0) {
		throw new RangeError(`successes must be a whole number of 0 or more, got ${successes}`);
	}
	if (successes > n) throw new RangeError(`successes (${successes}) cannot be more than n (${n})`);
	if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive number, got ${z}`);
}

/** Wilson score interval for successes out of n (95% by default); null when n is 0; throws RangeError for impossible counts. */
export function wilson(successes: number, n: number, z = Z95): ProportionInterval | null {
	checkCounts(successes, n, z);
	if (n === 0) return null;
	const p = successes / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
	// At 0 and n the bound is exactly 0 or 1 in exact arithmetic; rounding could leave -1e-17,
	// which a page would print as "-0%".
	const low = successes === 0 ? 0 : Math.max(0, centre - half);
	const high = successes === n ? 1 : Math.min(1, centre + half);
	return { low, high, centre };
}

/** Half the width of the Wilson interval, as a fraction (0.05 means ±5 points); null when n is 0. */
export function marginOfError(successes: number, n: number, z = Z95): number | null {
	const interval = wilson(successes, n, z);
	return interval === null ? null : (interval.high - interval.low) / 2;
}
