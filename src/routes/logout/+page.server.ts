import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (the header's button), so a link or a prefetch can never sign anyone out.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies, url }) => {
		if (locals.session) accounts.signOut(db(), locals.session.id);
		deleteSessionCookie(cookies, servedOverHttps(url));
		redirect(303, '/login?done=signed-out');
	}
};
