import { describe, expect, it } from 'vitest';
import {
	partnershipYear,
	partnershipYearOf,
	addDays,
	addWorkingDays,
	daysBetween,
	formatClock,
	formatDate,
	formatDateTime,
	formatDay,
	formatDayShort,
	formatMeetingDay,
	formatMeetingTime,
	formatMonth,
	formatMonthName,
	instantToLondon,
	isClockTime,
	isIsoDate,
	isQuarter,
	londonDate,
	londonToInstant,
	londonWallClock,
	monthEnd,
	periodDays,
	periodLabel,
	previousPeriods,
	quarterFrom,
	quarterOf,
	quartersBetween,
	secondsUntilTomorrow,
	wholeMonths
} from './time';

describe('days', () => {
	it('knows a real calendar day: leap years, month lengths, and nothing but YYYY-MM-DD', () => {
		for (const good of ['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '2026-04-30']) expect(isIsoDate(good), good).toBe(true);
		for (const bad of ['2026-02-30', '2027-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '0099-12-31', '2026-1-01', ' 2026-01-01', '2026-01-01 ', '2026-01-01T00:00', '', 'today']) {
			expect(isIsoDate(bad), bad).toBe(false);
		}
	});

	it("gives the day in England: after midnight in summer it is already tomorrow, in winter it is not", () => {
		expect(londonDate(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
		expect(londonDate(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
		expect(londonDate()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('adds days across months, years and the days the clocks change', () => {
		expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
		expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
		expect(addDays('2026-11-06', 14)).toBe('2026-11-20');
		expect(addDays('2026-11-06', 0)).toBe('2026-11-06');
	});

	it('counts working days: a Friday is followed by Monday', () => {
		expect(addWorkingDays('2026-11-06', 1)).toBe('2026-11-09');
		expect(addWorkingDays('2026-11-09', 1)).toBe('2026-11-10');
		expect(addWorkingDays('2026-11-06', 3)).toBe('2026-11-11');
		expect(addWorkingDays('2026-11-07', 1)).toBe('2026-11-09'); // Saturday
		expect(addWorkingDays('2026-11-06', 0)).toBe('2026-11-06');
	});

	it('counts the days between two days, and knows where a month ends', () => {
		expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
		expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(monthEnd('2026-02-10')).toBe('2026-02-28');
		expect(monthEnd('2028-02')).toBe('2028-02-29');
		expect(monthEnd('2026-12-01')).toBe('2026-12-31');
	});

	it("waits until the day in England changes, in quarters of an hour, however long the day is", () => {
		expect(secondsUntilTomorrow(new Date('2026-07-01T22:50:00Z'))).toBe(15 * 60); // 23:50 summer time
		expect(secondsUntilTomorrow(new Date('2026-01-10T12:00:00Z'))).toBe(12 * 3600);
		expect(secondsUntilTomorrow(new Date('2026-01-10T12:07:00Z'))).toBe(12 * 3600); // never early
		expect(secondsUntilTomorrow(new Date('2026-03-29T00:30:00Z'))).toBe(22.5 * 3600); // a 23-hour day
		expect(secondsUntilTomorrow(new Date('2026-10-24T23:00:00Z'))).toBe(25 * 3600); // a 25-hour day
	});
});

describe('wall-clock times in England', () => {
	it('reads an instant as numbers, in summer time too', () => {
		expect(londonWallClock(new Date('2026-06-30T23:30:05Z'))).toEqual({ year: 2026, month: 7, day: 1, hour: 0, minute: 30, second: 5 });
		expect(londonWallClock(new Date('2026-01-15T09:05:00Z'))).toEqual({ year: 2026, month: 1, day: 15, hour: 9, minute: 5, second: 0 });
	});

	it('knows a clock time written HH:MM', () => {
		for (const good of ['00:00', '09:05', '23:59', '18:30:00']) expect(isClockTime(good), good).toBe(true);
		for (const bad of ['24:00', '9:05', '18:60', '6pm', '']) expect(isClockTime(bad), bad).toBe(false);
	});
});

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

describe('periods and quarters', () => {
	it('finds the quarter of a day, and the quarters around it across year ends', () => {
		expect(quarterOf('2026-05-17')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
		expect(quarterOf('2028-01-01')).toEqual({ start: '2028-01-01', end: '2028-03-31' });
		expect(quarterFrom('2026-01-15', -1)).toEqual({ start: '2025-10-01', end: '2025-12-31' });
		expect(quarterFrom('2026-11-30', 1)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
		expect(quarterFrom('2026-05-17', -8)).toEqual({ start: '2024-04-01', end: '2024-06-30' });
		expect(quartersBetween('2025-12-31', '2026-01-01')).toBe(1);
		expect(quartersBetween('2026-04-01', '2026-06-30')).toBe(0);
		expect(quartersBetween('2025-02-01', '2026-11-01')).toBe(7);
	});

	it('tells a quarter from other periods, and counts whole days with both ends included', () => {
		expect(isQuarter({ start: '2026-07-01', end: '2026-09-30' })).toBe(true);
		expect(isQuarter({ start: '2026-07-01', end: '2026-09-29' })).toBe(false);
		expect(isQuarter({ start: '2026-08-01', end: '2026-10-31' })).toBe(false);
		expect(periodDays({ start: '2026-07-01', end: '2026-07-01' })).toBe(1);
		expect(periodDays({ start: '2028-01-01', end: '2028-03-31' })).toBe(91);
	});

	it('gives the quarters before a period for trends, oldest first', () => {
		expect(previousPeriods({ start: '2026-04-01', end: '2026-06-30' }, 2)).toEqual([
			{ start: '2025-10-01', end: '2025-12-31' },
			{ start: '2026-01-01', end: '2026-03-31' }
		]);
		expect(previousPeriods({ start: '2026-02-10', end: '2026-08-15' }, 1)).toEqual([{ start: '2025-10-01', end: '2025-12-31' }]);
	});

	it('widens a period to whole months', () => {
		expect(wholeMonths({ start: '2026-02-10', end: '2026-04-03' })).toEqual({ start: '2026-02-01', end: '2026-04-30' });
		expect(wholeMonths({ start: '2028-02-01', end: '2028-02-29' })).toEqual({ start: '2028-02-01', end: '2028-02-29' });
	});

	it('writes a period in English words', () => {
		expect(periodLabel({ start: '2026-04-01', end: '2026-06-30' })).toBe('April to June 2026');
		expect(periodLabel({ start: '2026-07-01', end: '2026-08-15' })).toBe('1 July 2026 to 15 August 2026');
		expect(periodLabel({ start: '2025-12-20', end: '2026-01-05' })).toBe('20 December 2025 to 5 January 2026');
	});
});

describe('dates in words', () => {
	it('writes days, months and instants as people in England read them', () => {
		const at = new Date('2026-11-22T15:05:00Z');
		expect(formatDay('2026-11-22', 'en')).toBe('22 November 2026');
		expect(formatDayShort('2026-11-22', 'en')).toBe('22 Nov 2026');
		expect(formatMonth('2026-11', 'en')).toBe('November 2026');
		expect(formatMonth('2026-11-30', 'en')).toBe('November 2026');
		expect(formatMonthName(11, 'en')).toBe('November');
		expect(formatMonthName(2, 'en', 'short')).toBe('Feb');
		expect(formatDate(at, 'en')).toBe('22 November 2026');
		// An instant's day is England's: half past midnight in summer time is the next day.
		expect(formatDate(new Date('2026-06-30T23:30:00Z'), 'en')).toBe('1 July 2026');
		expect(formatDateTime(at, 'en')).toMatch(/^Sunday,? 22 November 2026/);
		expect(formatDateTime(at.getTime(), 'en')).toContain('15:05');
		expect(formatDay('2026-11-22', 'tr')).toBe('22 Kasım 2026');
	});

	it('makes each formatter once per style and language, however many dates it writes', () => {
		for (const locale of ['en', 'tr']) formatDay('2026-01-01', locale); // made before counting
		const Real = Intl.DateTimeFormat;
		let made = 0;
		Intl.DateTimeFormat = new Proxy(Real, {
			construct(target, args) {
				made++;
				return Reflect.construct(target, args);
			}
		});
		try {
			for (let i = 1; i <= 28; i++) {
				for (const locale of ['en', 'tr']) formatDay(`2026-02-${String(i).padStart(2, '0')}`, locale);
			}
			expect(made).toBe(0);
			// a language no other spec formats in (specs share one module graph: Urdu, Polish and the rest may be made already)
			formatDay('2026-01-01', 'fi');
			formatDay('2026-01-02', 'fi');
			expect(made).toBe(1);
		} finally {
			Intl.DateTimeFormat = Real;
		}
	});
});

describe('partnership years (April to March)', () => {
	it('runs from 1 April to 31 March and is named by its first calendar year', () => {
		expect(partnershipYear(2025)).toEqual({ start: '2025-04-01', end: '2026-03-31' });
		expect(partnershipYearOf('2026-03-31')).toBe(2025);
		expect(partnershipYearOf('2026-04-01')).toBe(2026);
		expect(partnershipYearOf('2026-12-07')).toBe(2026);
		expect(partnershipYearOf('2027-01-01')).toBe(2026);
	});
});
