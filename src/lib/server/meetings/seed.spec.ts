import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { isSymbolId } from '$lib/symbols/catalogue';
import { agendaItem, attendance, meeting, meetingAction, paper, user } from '../db/schema';
import { seedDemo } from '../seed';
import { testDb } from '../testing';
import type { Db } from '../db';
import * as meetings from './service';
import { paperType } from './service';
import { seedMeetingsDemo } from './seed';

const TODAY = new Date('2026-11-22T10:00:00Z');
const TODAY_LONDON = '2026-11-22';

let db: Db;
const rows = (table: typeof meeting | typeof agendaItem | typeof meetingAction | typeof paper | typeof attendance) =>
	db.select({ n: count() }).from(table).get()!.n;

beforeAll(async () => {
	db = testDb();
	await seedDemo(db, TODAY);
}, 60_000);

describe('demo meetings', () => {
	it('adds a year of meetings: published minutes, one cancelled, one moved, one upcoming and one draft', () => {
		const all = db.select().from(meeting).all();
		expect(all).toHaveLength(13);
		const past = meetings.listPublic(db, { when: 'past' }, TODAY);
		const upcoming = meetings.listPublic(db, { when: 'upcoming' }, TODAY);
		expect(past.total).toBe(11);
		expect(upcoming.total).toBe(1);
		expect(past.meetings.filter((m) => m.cancelledAt)).toHaveLength(1);
		expect(past.meetings.filter((m) => m.movedFrom)).toHaveLength(1);
		expect(past.meetings.filter((m) => m.state === 'minutes_published')).toHaveLength(10);
		expect(past.years).toEqual([2026, 2025]);
		expect(all.filter((m) => m.state === 'draft').map((m) => m.title)).toEqual(['Steering group meeting, January 2027']);

		const next = upcoming.meetings[0];
		expect(next.title).toBe('Parent carer forum meeting, December 2026');
		expect(next.state).toBe('agenda_published');
		// The second Tuesday, 10am in England (GMT in December).
		expect(next.startsAt.toISOString()).toBe('2026-12-08T10:00:00.000Z');
	});

	it('gives past meetings minutes with decisions, actions in every status, attendance and an easy-read summary', () => {
		const statuses = db.select({ status: meetingAction.status }).from(meetingAction).all().map((a) => a.status);
		expect(statuses.filter((s) => s === 'done').length).toBeGreaterThanOrEqual(5);
		expect(statuses.filter((s) => s === 'dropped')).toHaveLength(1);
		const open = meetings.openActions(db, TODAY_LONDON);
		expect(open.length).toBeGreaterThanOrEqual(4);
		expect(open.filter((a) => a.overdue).length).toBeGreaterThanOrEqual(2);
		expect(open.some((a) => !a.overdue)).toBe(true);
		// Owners of every kind: a service, a person with an account, a name in words.
		expect(open.map((a) => a.ownerLabel)).toEqual(expect.arrayContaining(['SEND assessment and EHC plans team', 'Olu Organiser', 'Forum steering group']));

		const withSummary = db.select().from(meeting).all().filter((m) => m.easyRead !== '[]');
		expect(withSummary).toHaveLength(1);
		const sentences = JSON.parse(withSummary[0].easyRead) as { text: string; symbolId: string }[];
		expect(sentences.length).toBeGreaterThanOrEqual(4);
		for (const s of sentences) expect(isSymbolId(s.symbolId), s.symbolId).toBe(true);

		const detail = meetings.get(db, null, withSummary[0].id);
		expect(detail.showMinutes).toBe(true);
		expect(detail.items.some((i) => i.decisions.length > 0)).toBe(true);
		expect(detail.attendance.map((a) => a.kind)).toEqual(expect.arrayContaining(['attended', 'apologies']));
		// Actions closed after publishing: the minutes say they were updated.
		expect(db.select().from(meeting).all().filter((m) => m.minutesUpdatedAt).length).toBeGreaterThan(0);
	});

	it('attaches a real PDF and a real ODT to the upcoming agenda', () => {
		const files = db.select().from(paper).all();
		expect(files.map((f) => f.fileName).sort()).toEqual(['draft-survey-questions.odt', 'waiting-times-report.pdf']);
		for (const f of files) {
			expect(paperType(f.bytes)).toBe(f.fileName.endsWith('.pdf') ? 'pdf' : 'odt');
			expect(f.size).toBe(f.bytes.length);
			expect(f.size).toBeLessThan(5_000);
		}
		const pdf = files.find((f) => f.fileName.endsWith('.pdf'))!.bytes.toString('latin1');
		// The cross-reference table points at each object.
		const xref = Number(pdf.match(/startxref\n(\d+)\n%%EOF/)![1]);
		expect(pdf.slice(xref, xref + 4)).toBe('xref');
		for (const [n, offset] of [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m, i) => [i + 1, Number(m[1])] as const)) {
			expect(pdf.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
		}
	});

	it('shows the open actions from earlier meetings as matters arising on the upcoming meeting', () => {
		const next = meetings.listPublic(db, { when: 'upcoming' }, TODAY).meetings[0];
		const arising = meetings.mattersArising(db, next.id);
		const open = meetings.openActions(db, TODAY_LONDON);
		expect(arising.map((a) => a.id).sort()).toEqual(open.map((a) => a.id).sort());
		expect(arising.map((a) => a.what)).toContain('Invite the adult social care team to a forum meeting');
		expect(arising.every((a) => a.status === 'open' && a.meetingStartsAt < next.startsAt)).toBe(true);
		// Seen by the public on the meeting's page too.
		expect(meetings.get(db, null, next.id).mattersArising).toHaveLength(arising.length);
	});

	it('adds nothing the second time', () => {
		const before = [meeting, agendaItem, meetingAction, paper, attendance].map(rows);
		expect(seedMeetingsDemo(db, TODAY)).toEqual({ meetings: 0 });
		expect(seedMeetingsDemo(db, new Date('2027-03-01T10:00:00Z'))).toEqual({ meetings: 0 });
		expect([meeting, agendaItem, meetingAction, paper, attendance].map(rows)).toEqual(before);
	});

	it('adds nothing without the demo organiser', () => {
		const empty = testDb();
		expect(seedMeetingsDemo(empty, TODAY)).toEqual({ meetings: 0 });
		expect(empty.select({ n: count() }).from(meeting).get()!.n).toBe(0);
		expect(empty.select().from(user).where(eq(user.email, 'organiser@example.org')).all()).toHaveLength(0);
	});
});
