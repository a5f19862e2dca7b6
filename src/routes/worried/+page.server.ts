import { fail, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { refusal } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as safeguarding from '$lib/server/safeguarding';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	/** Signed in: the form to the safeguarding team. Signed out: how to sign in. */
	mayTell: can(locals.user, 'safeguarding.tell'),
	isYoungPerson: locals.user?.roles.includes('young_person') ?? false,
	max: safeguarding.MESSAGE_MAX
});

export const actions: Actions = {
	/** Sends the message straight to the safeguarding leads (a flag), then says what happens next. */
	default: async ({ locals, request }) => {
		const text = String((await request.formData()).get('message') ?? '');
		if (!locals.user) redirect(303, '/worried#tell-heading');
		try {
			safeguarding.tell(db(), locals.user, text);
		} catch (e) {
			// What was typed stays in the box.
			return refusal(e, {
				empty: () => fail(400, { problem: 'empty' as const, text }),
				too_long: () => fail(400, { problem: 'too_long' as const, text })
			});
		}
		redirect(303, '/worried/sent');
	}
};
