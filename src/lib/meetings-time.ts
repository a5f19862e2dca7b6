/**
 * Meeting times: organisers type a day and clock times as they read them in England
 * (Europe/London wall-clock time); the database keeps instants (UTC). These helpers convert
 * both ways across the changes between GMT and BST, and write times out the way people read
 * them: "Tuesday 3 March 2026, 6pm to 8pm". Browser-safe (Intl only), shared by the
 * organisers' pages and the public pages.
 */

const ZONE = 'Europe/London';

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

/** The London wall-clock reading of an instant, as numbers. */
function londonFields(at: number) {
	const parts: Record<string, number> = {};
	for (const p of wallClockParts.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
	return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** How far London is ahead of UTC at an instant, in ms (0 in winter, one hour in summer). */
function londonOffset(at: number): number {
	const f = londonFields(at);
	const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
	return asUtc - Math.floor(at / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
	const match = DATE.exec(value);
	if (!match) return false;
	const [y, mo, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

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
	const offsets = [...new Set([londonOffset(wall - 864e5), londonOffset(wall + 864e5), londonOffset(wall)])].sort((a, b) => b - a);
	for (const offset of offsets) {
		const candidate = wall - offset;
		if (londonOffset(candidate) === offset) return new Date(candidate);
	}
	// In the skipped hour no offset reads right: the clock jumped, so use the offset before it.
	return new Date(wall - Math.min(...offsets));
}

/** An instant as a London wall-clock day and time, for a form's date and time fields. */
export function instantToLondon(at: Date): { date: string; time: string } {
	const f = londonFields(at.getTime());
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return { date: `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`, time: `${pad(f.hour)}:${pad(f.minute)}` };
}

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);

// Formatters are made once per language: each new Intl.DateTimeFormat costs time and native
// memory V8 does not see, and a page of meetings formats dozens of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'day' | 'clock', locale: string): Intl.DateTimeFormat {
	const key = `${kind}:${locale}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(
			intlLocale(locale),
			kind === 'day'
				? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE }
				: { hour: 'numeric', minute: '2-digit', timeZone: ZONE }
		);
		formatters.set(key, format);
	}
	return format;
}

/** The day of an instant in England, with its weekday: "Tuesday 3 March 2026". */
export function formatMeetingDay(at: Date, locale: string): string {
	const format = formatter('day', locale);
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
	const { hour, minute } = londonFields(at.getTime());
	if (minute === 0 && hour === 12) return 'midday';
	if (minute === 0 && hour === 0) return 'midnight';
	const twelve = hour % 12 === 0 ? 12 : hour % 12;
	const period = hour < 12 ? 'am' : 'pm';
	return minute === 0 ? `${twelve}${period}` : `${twelve}:${String(minute).padStart(2, '0')}${period}`;
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
