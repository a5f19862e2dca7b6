import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { zod4 } from 'sveltekit-superforms/adapters';
import { setPasswordSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { NotFoundError, ValidationError } from '$lib/server/errors';
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
			// The link was used up or expired while the form was open: the page says so.
			if (e instanceof NotFoundError) return fail(410, { form, linkInvalid: true });
			if (e instanceof ValidationError && e.code === 'common_password') return setError(form, 'password', m.accounts_common_password());
			throw e;
		}
		redirect(303, '/login?done=password-set');
	}
};
