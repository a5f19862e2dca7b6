import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { zod4 } from 'sveltekit-superforms/adapters';
import { londonDate } from '$lib/time';
import { itemSchema } from '$lib/features/board/schemas';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { itemInputFrom } from '$lib/server/board';
import { orError, refusal } from '$lib/server/http';
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
		let id: number;
		try {
			id = board.createItem(db(), locals.user, itemInputFrom(form.data));
		} catch (e) {
			// a survey removed since the form was opened: said beside its field, the rest kept
			return refusal(e, { survey_not_found: () => setError(form, 'surveyId', m.board_problem_survey_not_found()) });
		}
		redirect(303, `/manage/board/${id}?done=saved`);
	}
};
