import { db } from '$lib/server/db/app';
import { meetingsCalendar } from '$lib/server/meetings';
import * as meetings from '$lib/server/meetings';
import { siteOrigin } from '$lib/server/origin';
import type { RequestHandler } from './$types';

/** The calendar feed of every meeting whose agenda is out (cancelled ones marked), for phones to subscribe to. */
export const GET: RequestHandler = ({ url }) =>
	new Response(meetingsCalendar(meetings.forCalendar(db()), { origin: siteOrigin(url), calendarName: 'Forum meetings' }), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="forum-meetings.ics"'
		}
	});
