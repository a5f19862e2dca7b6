import { describe, expect, it } from 'vitest';
import { checkThresholds, formatNumber, rate, ruleText, type RagStandard } from './rag';

const higher: RagStandard = { direction: 'higher_better', target: 75, amberFrom: 60 };
const lower: RagStandard = { direction: 'lower_better', target: 20, amberFrom: 30 };

describe('rate, higher is better', () => {
	it.each([
		[100, 'green'],
		[75, 'green'],
		[74.99, 'amber'],
		[60, 'amber'],
		[59.99, 'red'],
		[0, 'red']
	] as const)('rates %s as %s', (value, expected) => {
		expect(rate(value, higher)).toBe(expected);
	});

	it('has no amber band when the amber threshold equals the target', () => {
		const noAmber: RagStandard = { direction: 'higher_better', target: 90, amberFrom: 90 };
		expect(rate(90, noAmber)).toBe('green');
		expect(rate(89.9, noAmber)).toBe('red');
	});
});

describe('rate, lower is better', () => {
	it.each([
		[0, 'green'],
		[20, 'green'],
		[20.01, 'amber'],
		[30, 'amber'],
		[30.01, 'red'],
		[365, 'red']
	] as const)('rates %s as %s', (value, expected) => {
		expect(rate(value, lower)).toBe(expected);
	});

	it('has no amber band when the amber threshold equals the target', () => {
		const noAmber: RagStandard = { direction: 'lower_better', target: 5, amberFrom: 5 };
		expect(rate(5, noAmber)).toBe('green');
		expect(rate(6, noAmber)).toBe('red');
	});
});

describe('rate without a value', () => {
	it('gives no rating for null, so a missing measure never shows as red', () => {
		expect(rate(null, higher)).toBeNull();
		expect(rate(null, lower)).toBeNull();
	});

	it('gives no rating for a value that is not a number', () => {
		expect(rate(NaN, higher)).toBeNull();
		expect(rate(Infinity, lower)).toBeNull();
	});
});

describe('ruleText', () => {
	it.each([
		['the higher-is-better rule for percentages', higher, 'percent', 'Green at 75% or more; amber from 60% to under 75%; red below 60%.'],
		['the lower-is-better rule for days', lower, 'days', 'Green at 20 days or fewer; amber over 20 up to 30 days; red over 30 days.'],
		['the lower-is-better rule for percentages with "or less"', { direction: 'lower_better', target: 5, amberFrom: 10 }, 'percent', 'Green at 5% or less; amber over 5% up to 10%; red over 10%.'],
		['higher-is-better counts without a unit', { direction: 'higher_better', target: 12, amberFrom: 8 }, 'count', 'Green at 12 or more; amber from 8 to under 12; red below 8.'],
		['lower-is-better counts without a unit', { direction: 'lower_better', target: 3, amberFrom: 6 }, 'count', 'Green at 3 or fewer; amber over 3 up to 6; red over 6.'],
		['higher-is-better days', { direction: 'higher_better', target: 20, amberFrom: 10 }, 'days', 'Green at 20 days or more; amber from 10 to under 20 days; red below 10 days.'],
		['a single day', { direction: 'lower_better', target: 1, amberFrom: 3 }, 'days', 'Green at 1 day or fewer; amber over 1 up to 3 days; red over 3 days.'],
		['decimals without a trailing .0', { direction: 'higher_better', target: 75.0, amberFrom: 62.5 }, 'percent', 'Green at 75% or more; amber from 62.5% to under 75%; red below 62.5%.'],
		['no amber band when there is none (percentages)', { direction: 'higher_better', target: 90, amberFrom: 90 }, 'percent', 'Green at 90% or more; red below 90%.'],
		['no amber band when there is none (days)', { direction: 'lower_better', target: 10, amberFrom: 10 }, 'days', 'Green at 10 days or fewer; red over 10 days.']
	] as const)('writes %s', (_, standard, unit, text) => {
		expect(ruleText(standard, unit)).toBe(text);
	});
});

describe('formatNumber', () => {
	it.each([
		[75, '75'],
		[62.5, '62.5'],
		[0.1 + 0.2, '0.3'],
		[-0, '0'],
		[33.333333, '33.33']
	])('writes %s as %s', (value, expected) => {
		expect(formatNumber(value)).toBe(expected);
	});
});

describe('checkThresholds', () => {
	it('accepts consistent thresholds in both directions, and equal ones', () => {
		expect(checkThresholds('higher_better', 75, 60)).toBeNull();
		expect(checkThresholds('higher_better', 75, 75)).toBeNull();
		expect(checkThresholds('lower_better', 20, 30)).toBeNull();
		expect(checkThresholds('lower_better', 20, 20)).toBeNull();
	});

	it('rejects an amber threshold above the target when higher is better', () => {
		expect(checkThresholds('higher_better', 60, 75)).toBe(
			'When higher is better, the amber threshold must be at most the target.'
		);
	});

	it('rejects an amber threshold below the target when lower is better', () => {
		expect(checkThresholds('lower_better', 30, 20)).toBe(
			'When lower is better, the amber threshold must be at least the target.'
		);
	});

	it('rejects numbers that are not numbers', () => {
		expect(checkThresholds('higher_better', NaN, 60)).toBe('Enter the target as a number.');
		expect(checkThresholds('higher_better', 75, Infinity)).toBe('Enter the amber threshold as a number.');
	});

	it('checks the range for the unit when one is given', () => {
		expect(checkThresholds('higher_better', 110, 60, 'percent')).toBe('The target must be between 0% and 100%.');
		expect(checkThresholds('higher_better', 75, -5, 'percent')).toBe(
			'The amber threshold must be between 0% and 100%.'
		);
		expect(checkThresholds('lower_better', -1, 30, 'days')).toBe('The target must be zero or more.');
		expect(checkThresholds('lower_better', 200, 400, 'days')).toBeNull();
		expect(checkThresholds('higher_better', 100, 0, 'percent')).toBeNull();
	});
});
