import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { serviceSchema } from '$lib/features/services/schemas';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import { leadChoices, saveServiceForm } from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	leads: orError(() => leadChoices(db(), locals.user)),
	form: await superValidate(zod4(serviceSchema))
});

export const actions: Actions = {
	default: ({ request, locals }) => saveServiceForm(request, locals.user)
};
