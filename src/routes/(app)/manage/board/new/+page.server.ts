import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { londonDate } from '$lib/time';
import { itemSchema } from '$lib/features/board/schemas';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { itemInputFrom } from '$lib/server/board';
import { orError } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return {
		...orError(() => board.newItemChoices(db(), locals.user)),
		form: await superValidate({ heardOn: londonDate(), voices: 1 }, zod4(itemSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(itemSchema));
		if (!form.valid) return fail(400, { form });
		const id = orError(() => board.createItem(db(), locals.user, itemInputFrom(form.data)));
		redirect(303, `/manage/board/${id}?done=saved`);
	}
};
