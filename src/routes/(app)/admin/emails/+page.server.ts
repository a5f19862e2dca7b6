import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import { smtpOptions } from '$lib/server/mail';
import * as outbox from '$lib/server/outbox';
import { EVENT_KINDS } from '$lib/server/registry';
import type { Actions, PageServerLoad } from './$types';

/** What Chorus has emailed, the emails it gave up on, and "try again" (admins only, checked in the service). */
export const load: PageServerLoad = ({ locals, url }) => {
	const { counts, dead } = orError(() => ({ counts: outbox.overview(db(), locals.user), dead: outbox.deadLetters(db(), locals.user) }));
	return {
		counts,
		dead: dead.map((d) => ({ ...d, about: EVENT_KINDS[d.kind]?.name() ?? d.kind })),
		emailSetUp: smtpOptions() !== null,
		triedAgain: Number(url.searchParams.get('tried')) || null,
		gone: url.searchParams.has('gone')
	};
};

export const actions: Actions = {
	retry: async ({ request, locals }) => {
		const form = await request.formData();
		const which = form.get('id') === 'all' ? 'all' : Number(form.get('id'));
		let n = 0;
		try {
			n = outbox.tryAgain(db(), locals.user, which);
		} catch (e) {
			// tried again already (by another admin, or twice): the page says so and shows the list as it is
			refusal(e, { email: () => redirect(303, '/admin/emails?gone#dead-heading') });
		}
		redirect(303, `/admin/emails?tried=${n}#dead-heading`);
	}
};
