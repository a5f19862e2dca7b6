import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import * as twoStep from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/session';
import { refusal } from '$lib/server/http';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	me: { name: locals.user!.name, email: locals.user!.email, roles: locals.user!.roles },
	twoStep: locals.user!.email === null ? null : twoStep.status(db(), locals.user),
	form: await superValidate(zod4(changePasswordSchema))
});

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await superValidate(request, zod4(changePasswordSchema));
		const { currentPassword, password } = form.data;
		form.data = { currentPassword: '', password: '', confirm: '' };
		if (!form.valid) return fail(400, { form });
		try {
			const result = await accounts.changePassword(db(), locals.user, {
				currentPassword,
				newPassword: password,
				address: getClientAddress()
			});
			if (!result.ok) {
				return setError(form, 'currentPassword', m.accounts_login_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }), { status: 429 });
			}
			setSessionCookie(cookies, result.token, result.session, servedOverHttps(url));
		} catch (e) {
			return refusal(e, {
				common_password: () => setError(form, 'password', m.accounts_common_password()),
				wrong_password: () => setError(form, 'currentPassword', m.accounts_error_wrong_password())
			});
		}
		return message(form, m.accounts_password_changed());
	}
};
