import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { inviteSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { deliverPasswordLink } from '$lib/server/accounts';
import { confirmPath, guard, orConfirm, refusal } from '$lib/server/http';
import { signedInRecently } from '$lib/server/permissions';
import { siteOrigin } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	guard(locals.user, 'people.invite');
	// inviting gives roles: confirm it is you before typing, not after
	if (!signedInRecently(locals.user)) redirect(303, confirmPath(url));
	return { form: await superValidate(zod4(inviteSchema)) };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const form = await superValidate(request, zod4(inviteSchema));
		if (!form.valid) return fail(400, { form });
		let result;
		try {
			result = orConfirm(url, () => accounts.invite(db(), locals.user, form.data));
		} catch (e) {
			return refusal(e, {
				// A young person's account is made by a supporter, with a sign-in card instead of an email.
				young_person_role: () => setError(form, 'roles._errors', m.profiles_card_admin_role_conflict()),
				email_taken: () => setError(form, 'email', m.accounts_people_email_taken())
			});
		}
		const shown = await deliverPasswordLink(siteOrigin(url), result.token, form.data, 'invite');
		// The form empties for the next invitation; the link is shown once, here. (Emptying the
		// validated form keeps it valid: a fresh, never-validated one would make this a 400.)
		form.data = { name: '', email: '', roles: [] };
		return message(form, { ...shown, userId: result.userId });
	}
};
