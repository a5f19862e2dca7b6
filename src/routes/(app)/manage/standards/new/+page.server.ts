import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { db } from '$lib/server/db/app';
import { rethrowAsHttp } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as standards from '$lib/server/standards';
import * as services from '$lib/server/services';
import { standardInputFrom, standardSchema } from '../form';
import { problemText } from '../problems';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!can(locals.user, 'standards.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
	return {
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
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
			if (e instanceof standards.StandardProblem) return setError(form, e.field, problemText(e.message));
			rethrowAsHttp(e);
		}
		redirect(303, `/manage/standards/${id}?done=created`);
	}
};
