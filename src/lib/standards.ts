/**
 * Service standards and the board's report: the parts forms, pages and the server share.
 * Browser-safe.
 */

/**
 * Where a standard's figure comes from:
 * - survey: the share of positive answers to the survey questions linked to it;
 * - operational: a figure per period the service lead enters or imports (with a note);
 * - board_answered_on_time / board_overdue / board_done: worked out from "you said, we did".
 */
export const MEASURE_KINDS = ['survey', 'operational', 'board_answered_on_time', 'board_overdue', 'board_done'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_UNITS = ['percent', 'count', 'days'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The unit a measure kind is always in (operational figures choose theirs). */
export const FIXED_UNIT: Readonly<Partial<Record<MeasureKind, MeasureUnit>>> = {
	survey: 'percent',
	board_answered_on_time: 'percent',
	board_overdue: 'count',
	board_done: 'count'
};

/** A period of whole days in England, both ends included ("YYYY-MM-DD"). */
export type Period = { start: string; end: string };

export const REPORT_SCOPES = ['area', 'sector', 'service'] as const;
export type ReportScopeKind = (typeof REPORT_SCOPES)[number];

export const REPORT_STATUSES = ['draft', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const iso = (y: number, m: number, d: number) =>
	`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The calendar quarter holding a day: January to March, April to June... */
export function quarterOf(day: string): Period {
	const [y, m] = day.split('-').map(Number);
	const first = Math.floor((m - 1) / 3) * 3 + 1;
	const lastDay = new Date(Date.UTC(y, first + 2, 0)).getUTCDate();
	return { start: iso(y, first, 1), end: iso(y, first + 2, lastDay) };
}

/** The quarter `offset` quarters from the one holding `day` (-1: the one before). */
export function quarterFrom(day: string, offset: number): Period {
	const [y, m] = day.split('-').map(Number);
	const index = y * 4 + Math.floor((m - 1) / 3) + offset;
	return quarterOf(iso(Math.floor(index / 4), (index % 4) * 3 + 1, 1));
}

/** Whole days in a period, both ends included. */
export function periodDays(period: Period): number {
	return Math.round((Date.parse(period.end) - Date.parse(period.start)) / 86_400_000) + 1;
}

/** Adds days to a "YYYY-MM-DD" day. */
export function addDays(day: string, days: number): string {
	return new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);
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
	const [ye, me] = period.end.split('-').map(Number);
	const last = new Date(Date.UTC(ye, me, 0)).toISOString().slice(0, 10);
	return { start: `${period.start.slice(0, 7)}-01`, end: last };
}

/** True for a real "YYYY-MM-DD" day. */
export function isDay(value: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A period in English words: "April to June 2026" for a quarter, else "1 July 2026 to 15 August 2026". */
export function periodLabel(period: Period): string {
	const [ys, ms, ds] = period.start.split('-').map(Number);
	const [ye, me, de] = period.end.split('-').map(Number);
	const q = quarterOf(period.start);
	if (q.start === period.start && q.end === period.end) return `${MONTHS[ms - 1]} to ${MONTHS[me - 1]} ${ye}`;
	return `${ds} ${MONTHS[ms - 1]} ${ys} to ${de} ${MONTHS[me - 1]} ${ye}`;
}
