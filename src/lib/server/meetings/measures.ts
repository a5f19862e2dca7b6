/**
 * What meetings give the yearly forum report: the meetings held in a period and who came, as the
 * minutes record it (`meeting_attendance`: "attended" and "guest" names, "apologies"). A meeting
 * counts as held when the public could see it (agenda out or later), it was not cancelled, and it
 * has ended. Only counts and the meetings' public titles: never a name.
 */
import { and, count, inArray, isNull, ne } from 'drizzle-orm';
import type { AttendanceKind } from '$lib/features/meetings/model';
import { londonDate, type Period } from '$lib/time';
import type { Db } from '../db';
import { attendance, meeting } from '../db/schema';

export type MeetingHeld = {
	id: number;
	title: string;
	/** The London day it was held. */
	day: string;
	/** People the minutes say came (with an account or not), and guests. */
	attended: number;
	guests: number;
	apologies: number;
	minutesPublished: boolean;
};

/** The meetings held in a period, oldest first, with their attendance counts. */
export function meetingsHeld(db: Db, period: Period, now = new Date()): MeetingHeld[] {
	const held = db
		.select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, state: meeting.state })
		.from(meeting)
		.where(and(ne(meeting.state, 'draft'), isNull(meeting.cancelledAt)))
		.orderBy(meeting.startsAt)
		.all()
		.map((r) => ({ ...r, day: londonDate(r.startsAt) }))
		.filter((r) => r.endsAt <= now && r.day >= period.start && r.day <= period.end);
	if (!held.length) return [];
	const counts = db
		.select({ meetingId: attendance.meetingId, kind: attendance.kind, n: count() })
		.from(attendance)
		.where(inArray(attendance.meetingId, held.map((r) => r.id)))
		.groupBy(attendance.meetingId, attendance.kind)
		.all();
	const n = (id: number, kind: AttendanceKind) => counts.find((c) => c.meetingId === id && c.kind === kind)?.n ?? 0;
	return held.map((r) => ({
		id: r.id,
		title: r.title,
		day: r.day,
		attended: n(r.id, 'attended'),
		guests: n(r.id, 'guest'),
		apologies: n(r.id, 'apologies'),
		minutesPublished: r.state === 'minutes_published'
	}));
}
