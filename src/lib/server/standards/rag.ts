/**
 * Red / amber / green ratings for a service standard.
 *
 * A standard says which way is better and gives two thresholds: the target (reach it and the
 * measure is green) and the amber threshold (reach that but not the target and it is amber;
 * miss both and it is red). Both thresholds count as reached when the value equals them, so
 * "75% or more" is green at exactly 75%. When the amber threshold equals the target there is
 * no amber band: the measure is either green or red.
 *
 * Pure maths with no database or framework imports, so forms, services and pages can share it.
 */

/** Which way a measure improves. */
export type Direction = 'higher_better' | 'lower_better';

/** A rating: green meets the target, amber is close, red is not. */
export type Rag = 'green' | 'amber' | 'red';

/** How a measure's values are written in a sentence. */
export type Unit = 'percent' | 'count' | 'days';

/** The thresholds of one standard. */
export interface RagStandard {
	direction: Direction;
	target: number;
	amberFrom: number;
}

/** Returns null when the thresholds fit together, otherwise a plain-English message for the form. */
export function checkThresholds(direction: Direction, target: number, amberFrom: number, unit?: Unit): string | null {
	if (!Number.isFinite(target)) return 'Enter the target as a number.';
	if (!Number.isFinite(amberFrom)) return 'Enter the amber threshold as a number.';
	if (unit !== undefined) {
		// A percentage outside 0..100, or a negative count or number of days, cannot be measured,
		// so a standard using one could never be rated as its author meant.
		const max = unit === 'percent' ? 100 : Infinity;
		const what = unit === 'percent' ? 'between 0% and 100%' : 'zero or more';
		if (target < 0 || target > max) return `The target must be ${what}.`;
		if (amberFrom < 0 || amberFrom > max) return `The amber threshold must be ${what}.`;
	}
	if (direction === 'higher_better' && amberFrom > target) {
		return 'When higher is better, the amber threshold must be at most the target.';
	}
	if (direction === 'lower_better' && amberFrom < target) {
		return 'When lower is better, the amber threshold must be at least the target.';
	}
	return null;
}

/** Rates a value against a standard; null (no value, or not a number) gives null, meaning "no rating". */
export function rate(value: number | null, standard: RagStandard): Rag | null {
	if (value === null || !Number.isFinite(value)) return null;
	const { direction, target, amberFrom } = standard;
	if (direction === 'higher_better') {
		if (value >= target) return 'green';
		return value >= amberFrom ? 'amber' : 'red';
	}
	if (value <= target) return 'green';
	return value <= amberFrom ? 'amber' : 'red';
}

/** Writes a number without a trailing ".0" and without floating-point noise (62.5, not 62.50000001). */
export function formatNumber(value: number): string {
	// Two decimals are plenty for thresholds people type; Object.is turns -0 into 0.
	const rounded = Math.round(value * 100) / 100;
	return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The number with its unit: "75%", "12", "20 days", "1 day". */
function withUnit(value: number, unit: Unit): string {
	const text = formatNumber(value);
	if (unit === 'percent') return `${text}%`;
	if (unit === 'days') return `${text} ${value === 1 ? 'day' : 'days'}`;
	return text;
}

/**
 * The number in the middle of a range ("from 60% to under 75%"): percentages keep their sign on
 * both ends because "60 to 75%" reads as a count; days carry the word only at the end.
 */
function rangeStart(value: number, unit: Unit): string {
	return unit === 'percent' ? withUnit(value, unit) : formatNumber(value);
}

/** The standard as a plain-English sentence, e.g. "Green at 75% or more; amber from 60% to under 75%; red below 60%." */
export function ruleText(standard: RagStandard, unit: Unit): string {
	const { direction, target, amberFrom } = standard;
	const t = withUnit(target, unit);
	const a = withUnit(amberFrom, unit);
	if (direction === 'higher_better') {
		if (amberFrom === target) return `Green at ${t} or more; red below ${t}.`;
		return `Green at ${t} or more; amber from ${rangeStart(amberFrom, unit)} to under ${t}; red below ${a}.`;
	}
	// Percentages are amounts, so "or less"; counts and days are counted, so "or fewer".
	const fewer = unit === 'percent' ? 'or less' : 'or fewer';
	if (amberFrom === target) return `Green at ${t} ${fewer}; red over ${t}.`;
	return `Green at ${t} ${fewer}; amber over ${rangeStart(target, unit)} up to ${a}; red over ${a}.`;
}
