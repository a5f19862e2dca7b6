import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { db } from '$lib/server/db/app';
import { anyOf, orError, refusal } from '$lib/server/http';
import * as standards from '$lib/server/standards';
import { standardInputFrom, standardSchema } from '../form';
import { problemText } from '../problems';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return {
		...orError(() => standards.newStandardChoices(db(), locals.user)),
		form: await superValidate(zod4(standardSchema))
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(standardSchema));
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = standards.create(db(), locals.user, standardInputFrom(form.data));
		} catch (e) {
			return refusal(e, {}, { kinds: [anyOf(standards.StandardProblem, (e) => setError(form, e.field, problemText(e.message)))] });
		}
		redirect(303, `/manage/standards/${id}?done=created`);
	}
};
