/**
 * What meetings give the yearly forum report: the meetings held in a period and who came, as the
 * minutes record it (`meeting_attendance`: "attended" and "guest" names, "apologies"). A meeting
 * counts as held when the public could see it (agenda out or later), it was not cancelled, and it
 * has ended. Only counts and the meetings' public titles: never a name.
 */
import { and, isNull, ne, sql } from 'drizzle-orm';
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
	const rows = db
		.select({
			id: meeting.id,
			title: meeting.title,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			state: meeting.state,
			attended: sql<number>`(select count(*) from ${attendance} where ${attendance.meetingId} = ${meeting.id} and ${attendance.kind} = 'attended')`,
			guests: sql<number>`(select count(*) from ${attendance} where ${attendance.meetingId} = ${meeting.id} and ${attendance.kind} = 'guest')`,
			apologies: sql<number>`(select count(*) from ${attendance} where ${attendance.meetingId} = ${meeting.id} and ${attendance.kind} = 'apologies')`
		})
		.from(meeting)
		.where(and(ne(meeting.state, 'draft'), isNull(meeting.cancelledAt)))
		.orderBy(meeting.startsAt)
		.all();
	return rows
		.filter((r) => r.endsAt <= now)
		.map((r) => ({ ...r, day: londonDate(r.startsAt) }))
		.filter((r) => r.day >= period.start && r.day <= period.end)
		.map((r) => ({ id: r.id, title: r.title, day: r.day, attended: r.attended, guests: r.guests, apologies: r.apologies, minutesPublished: r.state === 'minutes_published' }));
}
