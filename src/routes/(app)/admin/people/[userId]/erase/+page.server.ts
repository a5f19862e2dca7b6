import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import { confirmPath, idParam, orConfirm, orError, refusal } from '$lib/server/http';
import { signedInRecently } from '$lib/server/permissions';
import * as privacy from '$lib/server/privacy';
import type { Actions, PageServerLoad } from './$types';

/** The admin types the person's name (or email) to confirm: checked against the person in the action. */
const confirmSchema = z.object({ confirm: z.string().max(300, { error: () => m.privacy_data_erase_confirm_wrong() }) });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const person = orError(() => privacy.whoToErase(db(), locals.user, idParam(params.userId)));
	// erasing asks for the password (and code) again: before typing the name, not after
	if (!signedInRecently(locals.user)) redirect(303, confirmPath(url));
	return { person, form: await superValidate(zod4(confirmSchema)) };
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const userId = idParam(params.userId);
		const form = await superValidate(request, zod4(confirmSchema));
		if (!form.valid) return fail(400, { form });
		const person = orError(() => privacy.whoToErase(db(), locals.user, userId));
		if (!form.data.confirm.trim()) return setError(form, 'confirm', m.privacy_data_erase_confirm_missing());
		if (!privacy.confirmationMatches(person, form.data.confirm)) return setError(form, 'confirm', m.privacy_data_erase_confirm_wrong());
		let reference: string;
		try {
			reference = orConfirm(url, () => privacy.erase(db(), locals.user, userId)).reference;
		} catch (e) {
			return refusal(e, { last_admin: () => setError(form, 'confirm', m.privacy_data_erase_last_admin(), { status: 409 }) });
		}
		redirect(303, `/admin/people?erased=${reference}`);
	}
};
