import { fail, redirect } from '@sveltejs/kit';
// the server entry: the package's main one also loads its Svelte debug component, which plain Node
// (tsx: npm run seed, retention) cannot load, and every script reaches this file through the registry
import { setError, superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { serviceSchema } from '$lib/features/services/schemas';
import type { Sector } from '$lib/sectors';
import { db } from '../db/app';
import { refusal } from '../http';
import type { Actor } from '../permissions';
import * as services from './service';

/** The add and change pages' action: validate, save, go to the service; or the form with its errors. */
export async function saveServiceForm(request: Request, actor: Actor, id?: number) {
	const form = await superValidate(request, zod4(serviceSchema));
	if (!form.valid) return fail(400, { form });
	const input = { ...form.data, sector: form.data.sector as Sector };
	let savedId = id;
	try {
		if (id === undefined) savedId = services.create(db(), actor, input);
		else services.update(db(), actor, id, input);
	} catch (e) {
		return refusal(e, {
			service_name_taken: () => setError(form, 'name', m.services_name_taken()),
			lead_not_service_lead: () => setError(form, 'leadIds._errors', m.services_lead_invalid())
		});
	}
	redirect(303, `/admin/services/${savedId}?done=saved`);
}
