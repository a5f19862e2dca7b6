import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as outbox from '$lib/server/outbox';
import { EVENT_KINDS } from '$lib/server/registry';
import type { Actions, PageServerLoad } from './$types';

/** "Emails we send you": the kinds a person may turn off, by their roles (checked in the service). */
export const load: PageServerLoad = ({ locals, url }) => ({
	choices: orError(() => outbox.emailChoices(db(), locals.user, EVENT_KINDS)),
	safeguarding: locals.user?.roles.includes('safeguarding_lead') ?? false,
	saved: url.searchParams.has('saved')
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const on = (await request.formData()).getAll('on').map(String);
		try {
			outbox.setEmailChoices(db(), locals.user, EVENT_KINDS, on);
		} catch (e) {
			// a kind that is not theirs to choose (a forged form): the page as it was, with nothing changed
			refusal(e, { not_a_choice: () => redirect(303, '/account/emails') });
		}
		redirect(303, '/account/emails?saved#choices');
	}
};
