import { describe, expect, it } from 'vitest';
import type { Meeting } from '../db/schema';
import { escapeText, foldLine, londonWallTime, meetingsCalendar } from './ical';

const ORIGIN = 'https://forum.example.org';
const NOW = new Date('2026-06-01T12:00:00Z');

let nextId = 1;
function meeting(overrides: Partial<Meeting> = {}): Meeting {
	return {
		id: nextId++,
		title: 'Forum meeting',
		startsAt: new Date('2026-07-01T17:00:00Z'),
		endsAt: new Date('2026-07-01T19:00:00Z'),
		place: 'Town Hall, Room 2',
		onlineLink: '',
		access: '["step_free","bsl"]',
		accessNotes: '',
		audience: 'open_to_all',
		state: 'agenda_published',
		cancelledAt: null,
		cancelReason: '',
		movedFrom: null,
		easyRead: '[]',
		minutesPublishedAt: null,
		minutesUpdatedAt: null,
		createdAt: new Date('2026-05-01T09:00:00Z'),
		updatedAt: new Date('2026-05-02T09:30:00Z'),
		sequence: 3_440_010,
		...overrides
	};
}

const feed = (meetings: Meeting[], now = NOW) => meetingsCalendar(meetings, { origin: ORIGIN, calendarName: 'Forum meetings', now });

/* A tiny RFC 5545 reader, strict enough to catch what calendar programs choke on. */

type Property = { name: string; params: Record<string, string>; value: string };
type Component = { name: string; properties: Property[]; components: Component[] };

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

function parseLine(line: string): Property {
	const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
	if (!match) throw new Error(`not a content line: ${JSON.stringify(line)}`);
	const params = Object.fromEntries([...match[2].matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^;]*)/g)].map(([, k, v]) => [k.toUpperCase(), v]));
	return { name: match[1].toUpperCase(), params, value: match[3] };
}

/** Parses a whole feed; throws on bare LF, unbalanced BEGIN/END or a malformed line. */
function parse(text: string): Component {
	if (!text.endsWith('\r\n')) throw new Error('does not end with CRLF');
	if (/[^\r]\n|\r[^\n]/.test(text)) throw new Error('a line break that is not CRLF');
	const lines = unfold(text).slice(0, -2).split('\r\n');
	const stack: Component[] = [];
	let root: Component | null = null;
	for (const line of lines) {
		const p = parseLine(line);
		if (p.name === 'BEGIN') {
			const c: Component = { name: p.value, properties: [], components: [] };
			if (stack.length) stack.at(-1)!.components.push(c);
			else if (root) throw new Error('content after the calendar');
			else root = c;
			stack.push(c);
		} else if (p.name === 'END') {
			const c = stack.pop();
			if (!c || c.name !== p.value) throw new Error(`END:${p.value} does not close ${c?.name}`);
		} else {
			if (!stack.length) throw new Error(`property outside a component: ${line}`);
			stack.at(-1)!.properties.push(p);
		}
	}
	if (stack.length || !root) throw new Error('unbalanced BEGIN/END');
	return root;
}

const unescapeText = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
const prop = (c: Component, name: string) => c.properties.find((p) => p.name === name);
const value = (c: Component, name: string) => prop(c, name)?.value;
const events = (cal: Component) => cal.components.filter((c) => c.name === 'VEVENT');

describe('meetingsCalendar: the shape of the feed', () => {
	it('is a VCALENDAR with the required properties, a London VTIMEZONE and one VEVENT per meeting', () => {
		const text = feed([meeting(), meeting({ title: 'Second' })]);
		expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		const cal = parse(text);
		expect(cal.name).toBe('VCALENDAR');
		expect(value(cal, 'VERSION')).toBe('2.0');
		expect(value(cal, 'PRODID')).toMatch(/^-\/\/Chorus\/\//);
		expect(value(cal, 'CALSCALE')).toBe('GREGORIAN');
		expect(value(cal, 'METHOD')).toBe('PUBLISH');
		expect(value(cal, 'X-WR-CALNAME')).toBe('Forum meetings');
		expect(value(cal, 'X-WR-TIMEZONE')).toBe('Europe/London');
		const zone = cal.components.find((c) => c.name === 'VTIMEZONE')!;
		expect(value(zone, 'TZID')).toBe('Europe/London');
		const daylight = zone.components.find((c) => c.name === 'DAYLIGHT')!;
		const standard = zone.components.find((c) => c.name === 'STANDARD')!;
		expect([value(daylight, 'TZNAME'), value(daylight, 'TZOFFSETFROM'), value(daylight, 'TZOFFSETTO'), value(daylight, 'RRULE')]).toEqual([
			'BST',
			'+0000',
			'+0100',
			'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU'
		]);
		expect([value(standard, 'TZNAME'), value(standard, 'TZOFFSETFROM'), value(standard, 'TZOFFSETTO'), value(standard, 'RRULE')]).toEqual([
			'GMT',
			'+0100',
			'+0000',
			'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU'
		]);
		expect(value(standard, 'DTSTART')).toMatch(/T020000$/);
		expect(value(daylight, 'DTSTART')).toMatch(/T010000$/);
		expect(events(cal).map((e) => unescapeText(value(e, 'SUMMARY')!))).toEqual(['Forum meeting', 'Second']);
		for (const e of events(cal)) {
			for (const name of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'LOCATION', 'DESCRIPTION', 'URL', 'STATUS', 'SEQUENCE', 'LAST-MODIFIED']) {
				expect(e.properties.filter((p) => p.name === name), name).toHaveLength(1);
			}
		}
	});

	it('uses CRLF everywhere and balances every BEGIN with its END, even with no meetings', () => {
		for (const text of [feed([]), feed([meeting({ title: 'Line one\nline two\r\nline three\rfour' })])]) {
			expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
			const begins = text.match(/^BEGIN:(\w+)\r$/gm)?.map((l) => l.slice(6, -1)) ?? [];
			const ends = text.match(/^END:(\w+)\r$/gm)?.map((l) => l.slice(4, -1)) ?? [];
			expect(begins.sort()).toEqual(ends.sort());
			expect(() => parse(text)).not.toThrow();
		}
		expect(events(parse(feed([])))).toEqual([]);
	});

	it('cannot be broken by a title, place or notes that try to start their own lines', () => {
		const text = feed([
			meeting({
				title: 'Hi\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:fake',
				place: 'Hall\nLOCATION:elsewhere',
				accessNotes: 'Lift\u0000 at the back\u001b'
			})
		]);
		const cal = parse(text);
		expect(events(cal)).toHaveLength(1);
		expect(unescapeText(value(events(cal)[0], 'SUMMARY')!)).toBe('Hi\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:fake');
		expect(unescapeText(value(events(cal)[0], 'LOCATION')!)).toBe('Hall\nLOCATION:elsewhere');
		// no control characters other than the CRLF line ends
		expect([...text.replace(/\r\n/g, '')].filter((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toEqual([]);
		expect(unescapeText(value(events(cal)[0], 'DESCRIPTION')!)).toContain('Lift at the back');
	});
});

describe('meetingsCalendar: escaping and folding', () => {
	it('escapes backslash, semicolon, comma and line breaks in TEXT values', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
		const title = 'Budget; cuts, and C:\\Reports\\2026\nSecond line';
		const text = feed([meeting({ title })]);
		expect(unfold(text)).toContain('SUMMARY:Budget\\; cuts\\, and C:\\\\Reports\\\\2026\\nSecond line\r\n');
		const e = events(parse(text))[0];
		expect(unescapeText(value(e, 'SUMMARY')!)).toBe(title);
		expect(unescapeText(value(e, 'LOCATION')!)).toBe('Town Hall, Room 2');
		expect(value(e, 'LOCATION')).toBe('Town Hall\\, Room 2');
		const named = meetingsCalendar([], { origin: ORIGIN, calendarName: 'Meetings, talks; more', now: NOW });
		expect(named).toContain('X-WR-CALNAME:Meetings\\, talks\\; more\r\n');
	});

	it('cannot be broken by text saved before the boundary rule: Word line breaks, Unicode line separators, bidirectional overrides', () => {
		expect(escapeText('Agenda\u000bitem\u2028two\u0085three')).toBe('Agenda\\nitem\\ntwo\\nthree');
		expect(escapeText('\u202eCancelled\u202c \u2066x\u2069 \ufeffhall\u2060 \ud800')).toBe('Cancelled x hall ');
		const title = 'Forum\u0000 meeting\u000bSecond line \u202e';
		const e = events(parse(feed([meeting({ title })])))[0];
		expect(unescapeText(value(e, 'SUMMARY')!)).toBe('Forum meeting\nSecond line ');
	});

	it('folds long lines at 75 octets without splitting a UTF-8 character, and unfolding gives the text back', () => {
		const title =
			'Şehir meclisi toplantısı — İlçe okulları ve özel eğitim 👨‍👩‍👧‍👦🎉 ' +
			'اجلاس: خصوصی تعلیمی ضروریات اور معذوری کے بارے میں والدین کی رائے ' +
			'🧑🏽‍🦽 Short breaks, SALT; CAMHS '.repeat(3);
		const text = feed([meeting({ title, accessNotes: 'Ğ'.repeat(200) })]);
		// Work on the bytes a client receives: each physical line must decode on its own.
		const bytes = Buffer.from(text, 'utf8');
		const physical: Buffer[] = [];
		let from = 0;
		for (let i = 0; i < bytes.length - 1; i++) {
			if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
				physical.push(bytes.subarray(from, i));
				from = i + 2;
			}
		}
		expect(from).toBe(bytes.length);
		const decoder = new TextDecoder('utf-8', { fatal: true });
		for (const line of physical) {
			expect(line.length).toBeLessThanOrEqual(75);
			expect(() => decoder.decode(line)).not.toThrow();
		}
		const continuations = physical.filter((l) => l[0] === 0x20);
		expect(continuations.length).toBeGreaterThan(5);
		const e = events(parse(text))[0];
		expect(unescapeText(value(e, 'SUMMARY')!)).toBe(title);
		expect(unescapeText(value(e, 'DESCRIPTION')!)).toContain('Ğ'.repeat(200));
	});

	it('folds exactly at the limit: 75 octets stay on one line, 76 do not', () => {
		expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
		expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
		// a 4-octet emoji that would cross the limit moves whole to the next line
		expect(foldLine(`${'X'.repeat(73)}😀Y`)).toBe(`${'X'.repeat(73)}\r\n 😀Y`);
		// continuation lines hold 74 octets after their space
		const folded = foldLine('é'.repeat(100)).split('\r\n');
		expect(folded.map((l) => Buffer.byteLength(l))).toEqual([74, 75, 53]);
		expect(folded.slice(1).every((l) => l.startsWith(' ') && !l.startsWith('  '))).toBe(true);
	});
});

describe('meetingsCalendar: London times', () => {
	const event = (m: Meeting) => unfold(feed([m])).split('BEGIN:VEVENT')[1];
	const dtstart = (m: Meeting) => event(m).match(/^DTSTART[;:].*$/m)![0].trim();
	const dtend = (m: Meeting) => event(m).match(/^DTEND[;:].*$/m)![0].trim();

	it('writes summer meetings in BST: 17:00Z is 18:00 in London', () => {
		const m = meeting({ startsAt: new Date('2026-07-01T17:00:00Z'), endsAt: new Date('2026-07-01T19:30:00Z') });
		expect(dtstart(m)).toBe('DTSTART;TZID=Europe/London:20260701T180000');
		expect(dtend(m)).toBe('DTEND;TZID=Europe/London:20260701T203000');
	});

	it('writes winter meetings in GMT: 18:00Z is 18:00 in London', () => {
		const m = meeting({ startsAt: new Date('2026-01-15T18:00:00Z'), endsAt: new Date('2026-01-15T20:00:00Z') });
		expect(dtstart(m)).toBe('DTSTART;TZID=Europe/London:20260115T180000');
		expect(dtend(m)).toBe('DTEND;TZID=Europe/London:20260115T200000');
	});

	it('gets the days the clocks change right', () => {
		// 29 March 2026: clocks go forward at 01:00 GMT
		expect(londonWallTime(new Date('2026-03-29T00:59:00Z'))).toBe('20260329T005900');
		expect(londonWallTime(new Date('2026-03-29T01:00:00Z'))).toBe('20260329T020000');
		// a meeting's start, end and DTSTART line
		const starts = [
			['2026-03-29T09:00:00Z', '2026-03-29T11:00:00Z', 'DTSTART;TZID=Europe/London:20260329T100000'],
			['2026-03-28T18:00:00Z', '2026-03-28T20:00:00Z', 'DTSTART;TZID=Europe/London:20260328T180000'],
			// 25 October 2026: clocks go back at 02:00 BST
			['2026-10-24T17:00:00Z', '2026-10-24T19:00:00Z', 'DTSTART;TZID=Europe/London:20261024T180000'],
			['2026-10-25T10:00:00Z', '2026-10-25T12:00:00Z', 'DTSTART;TZID=Europe/London:20261025T100000'],
			// 01:30 happens twice that night: the first (BST) as local time, the second (GMT) in UTC
			['2026-10-25T00:30:00Z', '2026-10-25T03:00:00Z', 'DTSTART;TZID=Europe/London:20261025T013000'],
			['2026-10-25T01:30:00Z', '2026-10-25T03:00:00Z', 'DTSTART:20261025T013000Z']
		];
		for (const [startsAt, endsAt, line] of starts) {
			expect(dtstart(meeting({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) })), startsAt).toBe(line);
		}
	});

	it('has a VTIMEZONE that, read as a calendar program reads it, gives back every instant', () => {
		const cal = parse(feed([]));
		const zone = cal.components.find((c) => c.name === 'VTIMEZONE')!;
		const rule = (c: Component) => {
			const r = Object.fromEntries(value(c, 'RRULE')!.split(';').map((kv) => kv.split('=')));
			const start = /T(\d\d)(\d\d)(\d\d)$/.exec(value(c, 'DTSTART')!)!;
			const offset = (v: string) => (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(3, 5)));
			expect(r.BYDAY).toBe('-1SU');
			return { month: Number(r.BYMONTH), hour: Number(start[1]), from: offset(value(c, 'TZOFFSETFROM')!), to: offset(value(c, 'TZOFFSETTO')!) };
		};
		const daylight = rule(zone.components.find((c) => c.name === 'DAYLIGHT')!);
		const standard = rule(zone.components.find((c) => c.name === 'STANDARD')!);
		/** The UTC instant of a change: the last Sunday of the month at the local hour, in the offset before it. */
		const change = (year: number, r: typeof daylight) => {
			const last = new Date(Date.UTC(year, r.month, 0));
			const sunday = last.getUTCDate() - last.getUTCDay();
			return Date.UTC(year, r.month - 1, sunday, r.hour) - r.from * 60_000;
		};
		/** What the feed's VTIMEZONE says the offset is at an instant (minutes). */
		const offsetAt = (t: number) => {
			const year = new Date(t).getUTCFullYear();
			return t >= change(year, daylight) && t < change(year, standard) ? daylight.to : standard.to;
		};
		let checked = 0;
		for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 37 * 60_000) {
			const wall = londonWallTime(new Date(t));
			const asUtc = Date.UTC(+wall.slice(0, 4), +wall.slice(4, 6) - 1, +wall.slice(6, 8), +wall.slice(9, 11), +wall.slice(11, 13), +wall.slice(13, 15));
			expect(asUtc - offsetAt(t) * 60_000, new Date(t).toISOString()).toBe(t);
			checked++;
		}
		expect(checked).toBeGreaterThan(40_000);
	});
});

describe('meetingsCalendar: events', () => {
	it('keeps each meeting\'s UID across generations and raises SEQUENCE when it changes', () => {
		const before = meeting({ id: 42 });
		const after = { ...before, title: 'Forum meeting (moved)', startsAt: new Date('2026-07-08T17:00:00Z'), endsAt: new Date('2026-07-08T19:00:00Z'), movedFrom: before.startsAt, updatedAt: new Date('2026-05-20T10:00:00Z'), sequence: before.sequence + 1 };
		const first = events(parse(feed([before, meeting({ id: 43 })], new Date('2026-05-03T00:00:00Z'))));
		const second = events(parse(feed([after, meeting({ id: 43 })], new Date('2026-05-21T00:00:00Z'))));
		expect(first.map((e) => value(e, 'UID'))).toEqual(['meeting-42@forum.example.org', 'meeting-43@forum.example.org']);
		expect(second.map((e) => value(e, 'UID'))).toEqual(first.map((e) => value(e, 'UID')));
		expect(Number(value(second[0], 'SEQUENCE'))).toBeGreaterThan(Number(value(first[0], 'SEQUENCE')));
		expect(value(second[1], 'SEQUENCE')).toBe(value(first[1], 'SEQUENCE'));
		expect(value(first[0], 'DTSTAMP')).toBe('20260503T000000Z');
		expect(value(second[0], 'LAST-MODIFIED')).toBe('20260520T100000Z');
		expect(unescapeText(value(second[0], 'DESCRIPTION')!)).toContain('It was going to be on Wednesday 1 July 2026, 18:00.');
		// the UID carries the port when there is one
		const local = meetingsCalendar([before], { origin: 'http://localhost:5173/', calendarName: 'x', now: NOW });
		expect(events(parse(local)).map((e) => [value(e, 'UID'), value(e, 'URL')])).toEqual([['meeting-42@localhost:5173', 'http://localhost:5173/meetings/42']]);
	});

	it('dates DTSTAMP from the meeting\'s last change when no time is given', () => {
		const text = meetingsCalendar([meeting({ updatedAt: new Date('2026-05-02T09:30:15.999Z') })], { origin: ORIGIN, calendarName: 'x' });
		const e = events(parse(text))[0];
		expect(value(e, 'DTSTAMP')).toBe('20260502T093015Z');
		expect(value(e, 'LAST-MODIFIED')).toBe('20260502T093015Z');
	});

	it('marks cancelled meetings CANCELLED, with the reason, and the rest CONFIRMED', () => {
		const cancelled = meeting({ cancelledAt: new Date('2026-06-01T08:00:00Z'), cancelReason: 'The hall is flooded' });
		const [a, b] = events(parse(feed([cancelled, meeting()])));
		expect(value(a, 'STATUS')).toBe('CANCELLED');
		expect(unescapeText(value(a, 'SUMMARY')!)).toBe('Cancelled: Forum meeting');
		expect(unescapeText(value(a, 'DESCRIPTION')!)).toContain('This meeting is cancelled: The hall is flooded');
		expect(value(b, 'STATUS')).toBe('CONFIRMED');
		expect(unescapeText(value(b, 'DESCRIPTION')!)).not.toContain('cancelled');
	});

	it('says where, who for, what access there is and links the meeting page', () => {
		const inPerson = meeting({ id: 7, audience: 'forum_members', access: '["bsl","quiet_room"]', accessNotes: 'Parking at the back.' });
		const online = meeting({ id: 8, place: '', onlineLink: 'https://meet.example.org/abc?x=1,2', audience: 'steering_group', access: '[]' });
		const [a, b] = events(parse(feed([inPerson, online])));
		expect(unescapeText(value(a, 'LOCATION')!)).toBe('Town Hall, Room 2');
		expect(value(a, 'URL')).toBe('https://forum.example.org/meetings/7');
		expect(unescapeText(value(a, 'DESCRIPTION')!)).toBe(
			'For forum members.\nAccess: British Sign Language (BSL) interpreter; A quiet room; Parking at the back.\nAgenda, papers and minutes: https://forum.example.org/meetings/7'
		);
		expect(unescapeText(value(b, 'LOCATION')!)).toBe('https://meet.example.org/abc?x=1,2');
		expect(value(b, 'URL')).toBe('https://forum.example.org/meetings/8');
		const words = unescapeText(value(b, 'DESCRIPTION')!);
		expect(words).toContain('For the steering group.');
		expect(words).toContain('Ask the forum if you need help to take part.');
		expect(words).toContain('Join online: https://meet.example.org/abc?x=1,2');
		expect(words).toContain('https://forum.example.org/meetings/8');
	});
});
