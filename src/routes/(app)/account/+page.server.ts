import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts/service';
import { setSessionCookie } from '$lib/server/auth/session';
import { ValidationError } from '$lib/server/errors';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	me: { name: locals.user!.name, email: locals.user!.email, roles: locals.user!.roles },
	form: await superValidate(zod4(changePasswordSchema))
});

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await superValidate(request, zod4(changePasswordSchema));
		const { currentPassword, password } = form.data;
		form.data = { currentPassword: '', password: '', confirm: '' };
		if (!form.valid) return fail(400, { form });
		try {
			const { token, session } = await accounts.changePassword(db(), locals.user, {
				currentPassword,
				newPassword: password
			});
			setSessionCookie(cookies, token, session, servedOverHttps(url));
		} catch (e) {
			if (e instanceof ValidationError) return setError(form, 'currentPassword', m.account_error_wrong_password());
			throw e;
		}
		return message(form, m.account_password_changed());
	}
};
