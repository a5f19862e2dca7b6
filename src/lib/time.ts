/**
 * Dates and times: every helper in one place. Browser-safe (Intl only, no messages), so the
 * server, the pages, the scripts and the tests share them.
 *
 * - A day is a calendar day in England written "YYYY-MM-DD" (heard on, due on, opens on). Days
 *   compare as strings; adding to them is done in UTC, which has no clock changes.
 * - An instant is a Date, stored as UTC. `londonDate`, `londonToInstant` and `instantToLondon`
 *   go between the two across the changes between GMT and BST.
 * - A period is whole days, both ends included; quarters are calendar quarters (January to
 *   March...), which keep every trend comparable.
 * - Words: dates as people read them, in their language. Every Intl.DateTimeFormat costs about
 *   70 µs and 27 KB of native memory V8 does not count, and a page formats dozens of dates (a
 *   report thousands), so each is made once per style and language, never per call.
 */

const ZONE = 'Europe/London';

/** Milliseconds in 24 hours (a day in England is 23 or 25 hours on the days the clocks change). */
export const DAY_MS = 86_400_000;

/* ---------------------------------------------------------------------------------------- */
/* Days                                                                                     */
/* ---------------------------------------------------------------------------------------- */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a string is a real calendar day written YYYY-MM-DD: "2026-02-30" and "2026-13-01" are
 * not. Years before 100 are refused too (Date.UTC would read them as 1900 to 1999).
 */
export function isIsoDate(value: string): boolean {
	const match = DATE.exec(value);
	if (!match) return false;
	const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// Made once: every survey answer and submission asks for the date several times.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day in England at an instant (today by default), as "YYYY-MM-DD". */
export function londonDate(at: Date = new Date()): string {
	return LONDON_DAY.format(at);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** The day `days` days after a "YYYY-MM-DD" day (before it when negative). */
export function addDays(day: string, days: number): string {
	return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The day `workingDays` working days (Monday to Friday) after a "YYYY-MM-DD" day. */
export function addWorkingDays(day: string, workingDays: number): string {
	const d = new Date(`${day}T12:00:00Z`);
	let left = workingDays;
	while (left > 0) {
		d.setUTCDate(d.getUTCDate() + 1);
		const weekday = d.getUTCDay();
		if (weekday !== 0 && weekday !== 6) left--;
	}
	return d.toISOString().slice(0, 10);
}

/** How many days from one "YYYY-MM-DD" day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** The last day of the month a day is in ("2026-02-10" or "2026-02" gives "2026-02-28"). */
export function monthEnd(day: string): string {
	const [y, m] = day.split('-').map(Number);
	return isoDay(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/** Seconds from `now` until the day in England changes, in whole quarters of an hour (never early). */
export function secondsUntilTomorrow(now: Date): number {
	const today = londonDate(now);
	let minutes = 15;
	while (minutes < 26 * 60 && londonDate(new Date(now.getTime() + minutes * 60_000)) === today) minutes += 15;
	return minutes * 60;
}

/* ---------------------------------------------------------------------------------------- */
/* Wall-clock times in England                                                              */
/* ---------------------------------------------------------------------------------------- */

const wallClockParts = new Intl.DateTimeFormat('en-GB', {
	timeZone: ZONE,
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** The London wall-clock reading of an instant, as numbers (month 1 to 12, hour 0 to 23). */
export function londonWallClock(at: Date | number) {
	const parts: Record<string, number> = {};
	for (const p of wallClockParts.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** How far London is ahead of UTC at an instant, in ms (0 in winter, one hour in summer). */
function londonOffset(at: number): number {
	const f = londonWallClock(at);
	const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
	return asUtc - Math.floor(at / 1000) * 1000;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

/** Whether a string is a clock time written HH:MM (24-hour; seconds allowed and ignored). */
export function isClockTime(value: string): boolean {
	return TIME.test(value);
}

/**
 * The instant a London wall-clock day and time stands for, or null when either is not valid.
 * A time that does not exist (the hour skipped when clocks go forward) counts as the time an
 * hour later on the clock, which is the same instant; a time that happens twice (the hour
 * repeated when clocks go back) is the first of the two, still in summer time.
 */
export function londonToInstant(date: string, time: string): Date | null {
	if (!isIsoDate(date) || !isClockTime(time)) return null;
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	// Try both offsets London uses around this day; prefer the earlier instant that reads right.
	const offsets = [...new Set([londonOffset(wall - DAY_MS), londonOffset(wall + DAY_MS), londonOffset(wall)])].sort((a, b) => b - a);
	for (const offset of offsets) {
		const candidate = wall - offset;
		if (londonOffset(candidate) === offset) return new Date(candidate);
	}
	// In the skipped hour no offset reads right: the clock jumped, so use the offset before it.
	return new Date(wall - Math.min(...offsets));
}

/** An instant as a London wall-clock day and time, for a form's date and time fields. */
export function instantToLondon(at: Date): { date: string; time: string } {
	const f = londonWallClock(at);
	return { date: isoDay(f.year, f.month, f.day), time: `${pad(f.hour)}:${pad(f.minute)}` };
}

/* ---------------------------------------------------------------------------------------- */
/* Periods and quarters                                                                     */
/* ---------------------------------------------------------------------------------------- */

/** A period of whole days in England, both ends included ("YYYY-MM-DD"). */
export type Period = { start: string; end: string };

/** Whole days in a period, both ends included. */
export function periodDays(period: Period): number {
	return daysBetween(period.start, period.end) + 1;
}

/** Quarters since year 0: one number per quarter, so quarters can be counted and stepped through. */
function quarterIndex(day: string): number {
	const [y, m] = day.split('-').map(Number);
	return y * 4 + Math.floor((m - 1) / 3);
}

/** The calendar quarter holding a day: January to March, April to June... */
export function quarterOf(day: string): Period {
	const [y, m] = day.split('-').map(Number);
	const first = Math.floor((m - 1) / 3) * 3 + 1;
	return { start: isoDay(y, first, 1), end: monthEnd(isoDay(y, first + 2, 1)) };
}

/** The quarter `offset` quarters from the one holding `day` (-1: the one before). */
export function quarterFrom(day: string, offset: number): Period {
	const index = quarterIndex(day) + offset;
	return quarterOf(isoDay(Math.floor(index / 4), (index % 4) * 3 + 1, 1));
}

/** How many quarters the quarter of `later` comes after the quarter of `earlier` (0 for the same one). */
export function quartersBetween(earlier: string, later: string): number {
	return quarterIndex(later) - quarterIndex(earlier);
}

/** Whether a period is exactly one calendar quarter. */
export function isQuarter(period: Period): boolean {
	const q = quarterOf(period.start);
	return q.start === period.start && q.end === period.end;
}

/**
 * The `count` quarters before `period`, oldest first, for trends: the quarters before a quarter,
 * or before the quarter a custom period starts in. Quarters keep every trend comparable (a board
 * reads "the last four quarters" whatever the period) and come from the monthly tallies.
 */
export function previousPeriods(period: Period, count: number): Period[] {
	const out: Period[] = [];
	for (let i = count; i >= 1; i--) out.push(quarterFrom(period.start, -i));
	return out;
}

/**
 * The period widened to whole calendar months: from the first day of its first month to the last
 * day of its last. Explore splits answers by small "about you" groups over any dates: with day
 * boundaries, two periods a day apart could be subtracted to isolate the one person who answered
 * that day. Month boundaries make the smallest difference a whole month of answers.
 */
export function wholeMonths(period: Period): Period {
	return { start: `${period.start.slice(0, 7)}-01`, end: monthEnd(period.end) };
}

/**
 * The partnership's year, April to March: the year councils and the forum's grant report on, so
 * every yearly figure in Chorus (co-production this year, the Local Offer and forum reports) uses
 * it. A year is named by the calendar year it starts in: 2025 is 1 April 2025 to 31 March 2026.
 */
export function partnershipYear(startYear: number): Period {
	return { start: isoDay(startYear, 4, 1), end: isoDay(startYear + 1, 3, 31) };
}

/** The partnership year (its start year) a day falls in: 2026-03-31 is in 2025, 2026-04-01 in 2026. */
export function partnershipYearOf(day: string): number {
	const [y, m] = day.split('-').map(Number);
	return m >= 4 ? y : y - 1;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period in English words: "April to June 2026" for a quarter, else "1 July 2026 to 15 August 2026". */
export function periodLabel(period: Period): string {
	const [ys, ms, ds] = period.start.split('-').map(Number);
	const [ye, me, de] = period.end.split('-').map(Number);
	if (isQuarter(period)) return `${MONTHS[ms - 1]} to ${MONTHS[me - 1]} ${ye}`;
	return `${ds} ${MONTHS[ms - 1]} ${ys} to ${de} ${MONTHS[me - 1]} ${ye}`;
}

/* ---------------------------------------------------------------------------------------- */
/* Words, in the reader's language                                                          */
/* ---------------------------------------------------------------------------------------- */

// Instants are shown in England's time; calendar days and months are read at midnight UTC, so
// "2026-11-22" is the 22nd wherever the browser is.
const STYLES = {
	dateTime: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: ZONE },
	date: { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE },
	weekdayDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE },
	clock: { hour: 'numeric', minute: '2-digit', timeZone: ZONE },
	day: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' },
	dayShort: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
	month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
	monthName: { month: 'long', timeZone: 'UTC' },
	monthNameShort: { month: 'short', timeZone: 'UTC' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter for a style and language, made on first use and kept. */
function formatter(style: keyof typeof STYLES, locale: string): Intl.DateTimeFormat {
	const key = `${style}:${locale}`;
	let format = formatters.get(key);
	if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, STYLES[style])));
	return format;
}

/** A date and time as people in England read it: "Sunday 22 November 2026, 3:05pm". */
export function formatDateTime(date: Date | string | number, locale: string): string {
	return formatter('dateTime', locale).format(new Date(date));
}

/** An instant's day in England, as people read it: "22 November 2026". */
export function formatDate(date: Date | string | number, locale: string): string {
	return formatter('date', locale).format(new Date(date));
}

/** A calendar day ("2026-11-22") as people read it: "22 November 2026". */
export function formatDay(isoDate: string, locale: string): string {
	return formatter('day', locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A calendar day ("2026-11-22") in short: "22 Nov 2026", for a chart's axis. */
export function formatDayShort(isoDate: string, locale: string): string {
	return formatter('dayShort', locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A calendar month ("2026-11", or a day in it) as people read it: "November 2026". */
export function formatMonth(isoMonth: string, locale: string): string {
	return formatter('month', locale).format(new Date(`${isoMonth.slice(0, 7)}-15T00:00:00Z`));
}

/** A month's name (1 is January): "November", or "Nov" in short. */
export function formatMonthName(month: number, locale: string, style: 'long' | 'short' = 'long'): string {
	return formatter(style === 'long' ? 'monthName' : 'monthNameShort', locale).format(new Date(Date.UTC(2000, month - 1, 15)));
}

/** The day of an instant in England, with its weekday: "Tuesday 3 March 2026". */
export function formatMeetingDay(at: Date, locale: string): string {
	const format = formatter('weekdayDate', locale);
	if (locale !== 'en') return format.format(at);
	// en-GB puts a comma after the weekday in some ICU versions; GOV.UK style has none.
	const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
	return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** A clock time in England: "6pm", "6:30pm", "midday" in English (GOV.UK style); the locale's own style otherwise. */
export function formatClock(at: Date, locale: string): string {
	if (locale !== 'en') {
		return formatter('clock', locale).format(at);
	}
	const { hour, minute } = londonWallClock(at);
	if (minute === 0 && hour === 12) return 'midday';
	if (minute === 0 && hour === 0) return 'midnight';
	const twelve = hour % 12 === 0 ? 12 : hour % 12;
	const period = hour < 12 ? 'am' : 'pm';
	return minute === 0 ? `${twelve}${period}` : `${twelve}:${pad(minute)}${period}`;
}

/**
 * When a meeting happens, written out: "Tuesday 3 March 2026, 6pm to 8pm". A meeting that
 * runs past midnight names both days. `to` is the joining word in the reader's language.
 */
export function formatMeetingTime(startsAt: Date, endsAt: Date, locale: string, to = 'to'): string {
	const startDay = formatMeetingDay(startsAt, locale);
	const endDay = formatMeetingDay(endsAt, locale);
	const start = `${startDay}, ${formatClock(startsAt, locale)}`;
	return startDay === endDay ? `${start} ${to} ${formatClock(endsAt, locale)}` : `${start} ${to} ${endDay}, ${formatClock(endsAt, locale)}`;
}
