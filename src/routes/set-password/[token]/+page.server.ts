import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { zod4 } from 'sveltekit-superforms/adapters';
import { setPasswordSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { refusal } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const target = accounts.checkPasswordToken(db(), params.token);
	return {
		person: target ? { name: target.name, email: target.email } : null,
		form: await superValidate(zod4(setPasswordSchema))
	};
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const form = await superValidate(request, zod4(setPasswordSchema));
		const password = form.data.password;
		form.data.password = '';
		form.data.confirm = '';
		if (!form.valid) return fail(400, { form });
		try {
			await accounts.setPasswordWithToken(db(), params.token, password);
		} catch (e) {
			return refusal(e, {
				// The link was used up or expired while the form was open: the page says so.
				link_invalid: () => fail(410, { form, linkInvalid: true }),
				common_password: () => setError(form, 'password', m.accounts_common_password())
			});
		}
		redirect(303, '/login?done=password-set');
	}
};
