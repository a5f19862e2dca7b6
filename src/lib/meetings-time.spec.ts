import { describe, expect, it } from 'vitest';
import { formatClock, formatMeetingDay, formatMeetingTime, instantToLondon, isIsoDate, londonToInstant } from './meetings-time';

describe('londonToInstant', () => {
	it('reads winter times as GMT', () => {
		expect(londonToInstant('2026-03-03', '18:00')?.toISOString()).toBe('2026-03-03T18:00:00.000Z');
		expect(londonToInstant('2026-12-31', '23:30')?.toISOString()).toBe('2026-12-31T23:30:00.000Z');
	});

	it('reads summer times as BST, an hour ahead of UTC', () => {
		expect(londonToInstant('2026-07-14', '18:00')?.toISOString()).toBe('2026-07-14T17:00:00.000Z');
		expect(londonToInstant('2026-06-01', '00:30')?.toISOString()).toBe('2026-05-31T23:30:00.000Z');
	});

	it('gets the days the clocks change right', () => {
		// 29 March 2026: clocks go forward at 01:00 GMT.
		expect(londonToInstant('2026-03-29', '00:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
		expect(londonToInstant('2026-03-29', '02:00')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
		expect(londonToInstant('2026-03-29', '18:00')?.toISOString()).toBe('2026-03-29T17:00:00.000Z');
		// 25 October 2026: clocks go back at 02:00 BST.
		expect(londonToInstant('2026-10-25', '00:30')?.toISOString()).toBe('2026-10-24T23:30:00.000Z');
		expect(londonToInstant('2026-10-25', '18:00')?.toISOString()).toBe('2026-10-25T18:00:00.000Z');
	});

	it('treats a skipped time as the same instant an hour later on the clock', () => {
		expect(londonToInstant('2026-03-29', '01:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(instantToLondon(londonToInstant('2026-03-29', '01:30')!)).toEqual({ date: '2026-03-29', time: '02:30' });
	});

	it('takes the first of a repeated time (still summer time)', () => {
		expect(londonToInstant('2026-10-25', '01:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
	});

	it('refuses what is not a day or a time', () => {
		expect(londonToInstant('2026-02-30', '18:00')).toBeNull();
		expect(londonToInstant('3/3/2026', '18:00')).toBeNull();
		expect(londonToInstant('2026-03-03', '24:00')).toBeNull();
		expect(londonToInstant('2026-03-03', '6pm')).toBeNull();
		expect(londonToInstant('', '')).toBeNull();
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2027-02-29')).toBe(false);
	});
});

describe('instantToLondon', () => {
	it('gives back what was typed, in winter and summer', () => {
		for (const [date, time] of [
			['2026-01-15', '09:05'],
			['2026-07-14', '18:00'],
			['2026-10-25', '00:30'],
			['2026-03-29', '03:00'],
			['2026-12-31', '23:59']
		]) {
			expect(instantToLondon(londonToInstant(date, time)!)).toEqual({ date, time });
		}
	});

	it('reads a UTC instant after midnight in summer as the next London day', () => {
		expect(instantToLondon(new Date('2026-06-30T23:30:00Z'))).toEqual({ date: '2026-07-01', time: '00:30' });
	});
});

describe('formatting', () => {
	it('writes the day out with its weekday', () => {
		expect(formatMeetingDay(new Date('2026-03-03T18:00:00Z'), 'en')).toBe('Tuesday 3 March 2026');
		expect(formatMeetingDay(new Date('2026-06-30T23:30:00Z'), 'en')).toBe('Wednesday 1 July 2026');
	});

	it('writes clock times the way people say them', () => {
		expect(formatClock(new Date('2026-03-03T18:00:00Z'), 'en')).toBe('6pm');
		expect(formatClock(new Date('2026-07-14T17:30:00Z'), 'en')).toBe('6:30pm');
		expect(formatClock(new Date('2026-03-03T12:00:00Z'), 'en')).toBe('midday');
		expect(formatClock(new Date('2026-03-03T00:00:00Z'), 'en')).toBe('midnight');
		expect(formatClock(new Date('2026-03-03T00:05:00Z'), 'en')).toBe('12:05am');
		expect(formatClock(new Date('2026-03-03T09:00:00Z'), 'en')).toBe('9am');
	});

	it('writes a meeting time in full', () => {
		const start = londonToInstant('2026-03-03', '18:00')!;
		const end = londonToInstant('2026-03-03', '20:00')!;
		expect(formatMeetingTime(start, end, 'en')).toBe('Tuesday 3 March 2026, 6pm to 8pm');
		const summer = londonToInstant('2026-07-14', '10:30')!;
		expect(formatMeetingTime(summer, londonToInstant('2026-07-14', '12:00')!, 'en')).toBe('Tuesday 14 July 2026, 10:30am to midday');
	});

	it('names both days for a meeting that runs past midnight', () => {
		expect(formatMeetingTime(londonToInstant('2026-03-03', '22:00')!, londonToInstant('2026-03-04', '01:00')!, 'en')).toBe(
			'Tuesday 3 March 2026, 10pm to Wednesday 4 March 2026, 1am'
		);
	});

	it('uses the locale for other languages', () => {
		const text = formatMeetingTime(londonToInstant('2026-03-03', '18:00')!, londonToInstant('2026-03-03', '20:00')!, 'tr', '-');
		expect(text).toContain('2026');
		expect(text).toContain('18:00');
		expect(text).toContain('20:00');
	});
});
