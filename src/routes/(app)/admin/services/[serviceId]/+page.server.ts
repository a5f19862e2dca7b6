import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { serviceSchema } from '$lib/features/services/schemas';
import { db } from '$lib/server/db/app';
import * as services from '$lib/server/services';
import { leadChoices, saveServiceForm } from '$lib/server/services';
import { idParam, orError } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const leads = orError(() => leadChoices(db(), locals.user));
	const service = orError(() => services.get(db(), idParam(params.serviceId)));
	const values = {
		name: service.name,
		sector: service.sector,
		description: service.description,
		leadIds: service.leads.map((l) => l.id)
	};
	return {
		service,
		leads,
		done: url.searchParams.get('done'),
		form: await superValidate(values, zod4(serviceSchema), { errors: false })
	};
};

export const actions: Actions = {
	save: ({ request, locals, params }) => saveServiceForm(request, locals.user, idParam(params.serviceId)),
	archive: async ({ request, locals, params }) => {
		const archived = (await request.formData()).get('archived') === '1';
		orError(() => services.setArchived(db(), locals.user, idParam(params.serviceId), archived));
		return { archived };
	}
};
