import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { getLocale } from '$lib/paraglide/runtime';
import { aboutFrom, accountJoinSchema, emailJoinSchema } from '$lib/features/forum/schemas';
import { db } from '$lib/server/db/app';
import * as forum from '$lib/server/forum';
import { can } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/**
 * Joining the forum: signed in, with the account (one form); otherwise with an email address,
 * confirmed by a link. A member already is sent to their membership.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (user && forum.myMembership(db(), { actor: user })) redirect(303, '/forum/membership');
	return {
		// a young person's own account: the page says where young people are heard instead
		mayJoin: can(user, 'forum.join'),
		name: user?.name ?? null,
		form: user ? await superValidate(zod4(accountJoinSchema)) : await superValidate(zod4(emailJoinSchema))
	};
};

export const actions: Actions = {
	join: async (event) => {
		const user = event.locals.user;
		if (user) {
			const form = await superValidate(event.request, zod4(accountJoinSchema));
			if (!form.valid) return fail(400, { form });
			forum.joinWithAccount(db(), user, { news: form.data.news, counted: form.data.counted, about: aboutFrom(form.data), otherLanguage: form.data.other_language, locale: getLocale() });
			redirect(303, '/forum/membership?joined=1');
		}
		const form = await superValidate(event.request, zod4(emailJoinSchema));
		if (!form.valid) return fail(400, { form });
		// the honeypot: robots fill in what people cannot see; say the same, send nothing
		if (form.data.website) redirect(303, '/forum/join/sent');
		const result = forum.joinByEmail(
			db(),
			null,
			{ email: form.data.email, news: form.data.news, counted: form.data.counted, about: aboutFrom(form.data), otherLanguage: form.data.other_language, locale: getLocale() },
			event.getClientAddress()
		);
		if (result === 'too_many') return fail(429, { form, tooMany: true });
		redirect(303, '/forum/join/sent');
	}
};
