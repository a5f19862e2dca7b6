import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { loginSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { setChallengeCookie } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeRedirectTarget } from '$lib/server/http';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('next')));
	return {
		form: await superValidate(zod4(loginSchema)),
		/** "signed-out", "password-set" or "expired" (the code page waited too long): a note above the form. */
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(loginSchema));
		const password = form.data.password;
		// The email stays in the form after a failure; the password is never sent back.
		form.data.password = '';
		if (!form.valid) return fail(400, { form });

		const result = await accounts.signIn(db(), {
			email: form.data.email,
			password,
			address: event.getClientAddress()
		});
		const secure = servedOverHttps(event.url);
		const next = safeRedirectTarget(event.url.searchParams.get('next'));
		if (result.ok) {
			setSessionCookie(event.cookies, result.token, result.session, secure);
			redirect(303, next);
		}
		if (result.reason === 'second_step') {
			// the password was right: the code (or setting two-step sign-in up) comes next
			setChallengeCookie(event.cookies, result.challenge, secure);
			redirect(303, `/login/${result.setUp ? 'set-up' : 'code'}?next=${encodeURIComponent(next)}`);
		}
		const message =
			result.reason === 'throttled'
				? m.accounts_login_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) })
				: m.accounts_login_error_invalid();
		return setError(form, 'email', message);
	}
};
