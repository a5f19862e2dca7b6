import { fail } from '@sveltejs/kit';
import { londonDate } from '$lib/time';
import { isPublicState } from '$lib/features/meetings/model';
import { db } from '$lib/server/db/app';
import * as meetings from '$lib/server/meetings';
import { renderMarkdown } from '$lib/server/meetings';
import { idParam, loginRedirect, orError } from '$lib/server/http';
import { contentLocale } from '$lib/server/language';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, cookies }) => {
	const id = idParam(params.meetingId);
	// Drafts are "not found" for the public (the service throws NotFoundError).
	const meeting = orError(() => meetings.get(db(), locals.user, id));
	const now = new Date();
	// Only an upcoming meeting the public can see takes replies (an organiser may be looking at a draft).
	const upcoming = isPublicState(meeting.state) && !meeting.cancelledAt && meeting.endsAt.getTime() > now.getTime();
	const { easyRead: _easyRead, access: _access, ...rest } = meeting;
	// the easy-read summary in the reader's language, sentence by sentence where translated
	const summary = meetings.easyReadIn(db(), id, meeting.easyReadSentences, contentLocale({ cookies }));
	return {
		meeting: {
			...rest,
			easyReadSentences: summary.sentences,
			easyReadNotTranslated: summary.notTranslated,
			// Notes become sanitised HTML here, on the server; the page shows them with {@html}.
			items: meeting.items.map(({ notes, ...item }) => ({ ...item, notesHtml: meeting.showMinutes && notes ? renderMarkdown(notes) : '' }))
		},
		upcoming,
		today: londonDate(now),
		signedIn: Boolean(locals.user),
		myReply: upcoming ? meetings.myReply(db(), locals.user, id) : null
	};
};

export const actions: Actions = {
	/** "I will come" or "I cannot come": a plain POST with one of two buttons. */
	reply: async ({ request, locals, params, url }) => {
		// Signed out since the page was shown: sign in, then come back here.
		if (!locals.user) loginRedirect(url);
		const kind = (await request.formData()).get('kind');
		if (kind !== 'attending' && kind !== 'apologies') return fail(400, { replied: null });
		const replied: 'attending' | 'apologies' = kind;
		orError(() => meetings.reply(db(), locals.user, idParam(params.meetingId), replied));
		return { replied };
	}
};
