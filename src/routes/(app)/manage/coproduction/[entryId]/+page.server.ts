import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { entryFormValues, entryInputFrom, entrySchema, errorPath } from '$lib/features/coproduction/schemas';
import { problemText } from '$lib/features/coproduction/labels';
import { db } from '$lib/server/db/app';
import { anyOf, idParam, orError, refusal } from '$lib/server/http';
import * as coproduction from '$lib/server/coproduction';
import type { Actions, PageServerLoad } from './$types';

/** An entry: as it shows, the form to change it and the way to remove it (`?remove=1` asks first). */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idParam(params.entryId);
	const entry = orError(() => coproduction.getForEditing(db(), locals.user, id));
	const choices = orError(() => coproduction.newEntryChoices(db(), locals.user));
	return {
		entry: orError(() => coproduction.viewForStaff(db(), locals.user, id)),
		services: choices.services,
		links: choices.links,
		ladder: coproduction.ladder(db()),
		removing: url.searchParams.get('remove') === '1',
		done: url.searchParams.get('done'),
		form: await superValidate(entryFormValues(entry), zod4(entrySchema), { errors: false })
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const id = idParam(params.entryId);
		const form = await superValidate(request, zod4(entrySchema));
		if (!form.valid) return fail(400, { form });
		try {
			coproduction.update(db(), locals.user, id, entryInputFrom(form.data));
		} catch (e) {
			return refusal(e, {}, { kinds: [anyOf(coproduction.EntryProblem, (e) => setError(form, errorPath(e.field), problemText(e.code, e.message)))] });
		}
		redirect(303, `/manage/coproduction/${id}?done=saved`);
	},
	remove: ({ locals, params }) => {
		const id = idParam(params.entryId);
		orError(() => coproduction.remove(db(), locals.user, id));
		redirect(303, '/manage/coproduction?done=removed');
	}
};
