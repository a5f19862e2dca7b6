/**
 * The meetings calendar feed (iCalendar, RFC 5545) that phones and calendar programs subscribe
 * to. Times are written as London wall-clock times with a VTIMEZONE, so an event stays at 6pm
 * across the clock changes. Each meeting keeps one UID for life and a SEQUENCE that grows by one
 * with every change (the meeting's stored `sequence`), so a moved or cancelled meeting updates the copy in people's calendars.
 *
 * The feed is fetched without a language (calendar programs send no cookie): it is in English.
 */
import { normaliseText } from '$lib/text';
import { formatMeetingDay, londonWallClock } from '$lib/time';
import { ACCESS_FEATURES, type AccessFeature, type MeetingAudience } from '$lib/features/meetings/model';
import type { Meeting } from '../db/schema';

const ZONE = 'Europe/London';
const CRLF = '\r\n';

const AUDIENCE_WORDS: Record<MeetingAudience, string> = {
	open_to_all: 'Open to everyone',
	forum_members: 'For forum members',
	steering_group: 'For the steering group'
};

const ACCESS_WORDS: Record<AccessFeature, string> = {
	step_free: 'Step-free access',
	interpreters: 'Interpreters for other languages',
	bsl: 'British Sign Language (BSL) interpreter',
	quiet_room: 'A quiet room',
	hearing_loop: 'Hearing loop'
};

/**
 * Europe/London since 1996: BST (+0100) from 01:00 GMT on the last Sunday of March, GMT from
 * 02:00 BST on the last Sunday of October. DTSTART is the first such change in 1970, the usual
 * anchor calendar programs use.
 */
const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${ZONE}`,
	`X-LIC-LOCATION:${ZONE}`,
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0000',
	'TZOFFSETTO:+0100',
	'TZNAME:BST',
	'DTSTART:19700329T010000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0000',
	'TZNAME:GMT',
	'DTSTART:19701025T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The London wall-clock time of an instant, as iCalendar writes a local time: 20260701T180000. */
export function londonWallTime(at: Date): string {
	const f = londonWallClock(at);
	return `${pad(f.year, 4)}${pad(f.month)}${pad(f.day)}T${pad(f.hour)}${pad(f.minute)}${pad(f.second)}`;
}

/** An instant in UTC, as iCalendar writes it: 20260701T170000Z. */
export function utcTime(at: Date): string {
	return at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * DTSTART/DTEND: London wall time with its zone. In the hour the clocks go back each wall time
 * happens twice and a reader takes the first; an instant in the second one is written in UTC.
 */
function dateTimeProperty(name: 'DTSTART' | 'DTEND', at: Date): string {
	const wall = londonWallTime(at);
	const repeated = londonWallTime(new Date(at.getTime() - 60 * 60 * 1000)) === wall;
	return repeated ? `${name}:${utcTime(at)}` : `${name};TZID=${ZONE}:${wall}`;
}

/**
 * A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, line breaks; no control
 * characters. Normalised first (normaliseText), so text saved before the boundary rule cannot
 * bring a Word line break, a Unicode line separator or a bidirectional override into a calendar.
 */
export function escapeText(text: string): string {
	return (
		normaliseText(text)
			.replace(/\\/g, '\\\\')
			.replace(/;/g, '\\;')
			.replace(/,/g, '\\,')
			.replace(/\r\n|\r|\n/g, '\\n')
			// eslint-disable-next-line no-control-regex -- removing control characters is the point
			.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
	);
}

/** A URI value: no line breaks, spaces or control characters can get in. */
function uri(value: string): string {
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	return value.replace(/[\u0000-\u0020\u007f]/g, '');
}

const encoder = new TextEncoder();

/**
 * Folds a content line (RFC 5545 3.1): no physical line longer than 75 octets, continuation
 * lines start with one space, and a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
	const out: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		if (octets + size > 75) {
			out.push(current);
			current = ' ';
			octets = 1;
		}
		current += char;
		octets += size;
	}
	out.push(current);
	return out.join(CRLF);
}

function accessWords(m: Meeting): string[] {
	let stored: unknown;
	try {
		stored = JSON.parse(m.access);
	} catch {
		stored = [];
	}
	const features = ACCESS_FEATURES.filter((f) => Array.isArray(stored) && stored.includes(f));
	const words = features.map((f) => ACCESS_WORDS[f]);
	if (m.accessNotes.trim()) words.push(m.accessNotes.trim());
	return words;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

function description(m: Meeting, pageUrl: string): string {
	const lines: string[] = [];
	if (m.cancelledAt) lines.push(m.cancelReason ? sentence(`This meeting is cancelled: ${m.cancelReason}`) : 'This meeting is cancelled.');
	if (m.movedFrom) lines.push(`This meeting has moved. It was going to be on ${londonWords(m.movedFrom)}.`);
	lines.push(`${AUDIENCE_WORDS[m.audience]}.`);
	const access = accessWords(m);
	lines.push(access.length ? sentence(`Access: ${access.join('; ')}`) : 'Ask the forum if you need help to take part.');
	if (m.onlineLink && m.place) lines.push(`You can also join online: ${m.onlineLink}`);
	else if (m.onlineLink) lines.push(`Join online: ${m.onlineLink}`);
	lines.push(`Agenda, papers and minutes: ${pageUrl}`);
	return lines.join('\n');
}

/** "Tuesday 3 March 2026, 18:00" in London, for the moved-from line. */
function londonWords(at: Date): string {
	const { hour, minute } = londonWallClock(at);
	return `${formatMeetingDay(at, 'en')}, ${pad(hour)}:${pad(minute)}`;
}

/**
 * The calendar feed of `meetings`: one VEVENT each (cancelled ones with STATUS:CANCELLED), London
 * times with their VTIMEZONE, folded lines ending in CRLF. `origin` makes the page links and UIDs.
 */
export function meetingsCalendar(meetings: Meeting[], options: { origin: string; calendarName: string; now?: Date }): string {
	const origin = options.origin.replace(/\/+$/, '');
	const host = new URL(origin).host;
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Chorus//Forum meetings//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(options.calendarName)}`,
		`X-WR-TIMEZONE:${ZONE}`,
		'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
		'X-PUBLISHED-TTL:PT6H',
		...VTIMEZONE
	];
	for (const m of meetings) {
		const pageUrl = uri(`${origin}/meetings/${m.id}`);
		lines.push(
			'BEGIN:VEVENT',
			`UID:meeting-${m.id}@${host}`,
			`DTSTAMP:${utcTime(options.now ?? m.updatedAt)}`,
			dateTimeProperty('DTSTART', m.startsAt),
			dateTimeProperty('DTEND', m.endsAt),
			`SUMMARY:${escapeText(m.cancelledAt ? `Cancelled: ${m.title}` : m.title)}`,
			`LOCATION:${escapeText(m.place || m.onlineLink)}`,
			`DESCRIPTION:${escapeText(description(m, pageUrl))}`,
			`URL:${pageUrl}`,
			`STATUS:${m.cancelledAt ? 'CANCELLED' : 'CONFIRMED'}`,
			`SEQUENCE:${m.sequence}`,
			`CREATED:${utcTime(m.createdAt)}`,
			`LAST-MODIFIED:${utcTime(m.updatedAt)}`,
			'TRANSP:OPAQUE',
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join(CRLF) + CRLF;
}
