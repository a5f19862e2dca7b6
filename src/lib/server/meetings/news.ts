/**
 * What meetings tell their subscribers (issue 16, point 2): a forum meeting's agenda published,
 * and its minutes published.
 */
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { formatMeetingDay } from '$lib/time';
import type { EmailContent, EventKind } from '../contributions';
import type { Db } from '../db';
import { meeting } from '../db/schema';
import * as subscriptions from '../subscriptions';

export const AGENDA_PUBLISHED = 'meetings.agenda_published';
export const MINUTES_PUBLISHED = 'meetings.minutes_published';

const subscribers = subscriptions.recipientsOf(() => [{ topic: 'meetings', ref: '' }]);

function papersEmail(db: Db, id: string | null, locale: Locale, minutes: boolean): EmailContent | null {
	const row = db.select().from(meeting).where(eq(meeting.id, Number(id))).get();
	// back to a draft before the email went: nothing public to read
	if (!row || row.state === 'draft' || (minutes && row.state !== 'minutes_published')) return null;
	const o = { locale };
	const when = formatMeetingDay(row.startsAt, locale);
	return {
		subject: minutes ? m.meetings_email_minutes_subject({ title: row.title }, o) : m.meetings_email_agenda_subject({ title: row.title }, o),
		paragraphs: [
			minutes ? m.meetings_email_minutes_body({ title: row.title, when }, o) : m.meetings_email_agenda_body({ title: row.title, when }, o),
			...(row.cancelledAt ? [m.meetings_email_cancelled({}, o)] : [])
		],
		action: { label: minutes ? m.meetings_email_minutes_action({}, o) : m.meetings_email_agenda_action({}, o), path: `/meetings/${row.id}` },
		because: ''
	};
}

export const MEETING_EVENTS: Record<string, EventKind> = {
	[AGENDA_PUBLISHED]: { name: m.meetings_event_agenda_published, recipients: subscribers, message: (db, id, locale) => papersEmail(db, id, locale, false) },
	[MINUTES_PUBLISHED]: { name: m.meetings_event_minutes_published, recipients: subscribers, message: (db, id, locale) => papersEmail(db, id, locale, true) }
};
