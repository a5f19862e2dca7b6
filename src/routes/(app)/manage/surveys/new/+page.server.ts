import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { londonDate } from '$lib/time';
import { errorMessage } from '$lib/features/surveys/labels';
import { surveySchema } from '$lib/features/surveys/schemas';
import { surveyInputFrom } from '$lib/features/surveys/survey-form';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as surveys from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return {
		...orError(() => surveys.newSurveyChoices(db(), locals.user)),
		form: await superValidate({ opensOn: londonDate(), anonymity: 'anonymous' as const }, zod4(surveySchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(surveySchema));
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = surveys.create(db(), locals.user, surveyInputFrom(form.data));
		} catch (e) {
			return refusal(e, {
				service_not_found: (e) => setError(form, 'serviceIds._errors', errorMessage(e.code)),
				closes_before_opens: (e) => setError(form, 'closesOn', errorMessage(e.code))
			});
		}
		redirect(303, `/manage/surveys/${id}?done=created`);
	}
};
