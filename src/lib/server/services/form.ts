import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { serviceSchema } from '$lib/features/services/schemas';
import type { Sector } from '$lib/sectors';
import { db } from '../db/app';
import * as accounts from '../accounts';
import { ConflictError, ValidationError } from '../errors';
import { rethrowAsHttp } from '../http';
import { can, type Actor } from '../permissions';
import * as services from './service';

/** What the add and change pages both need: the people who can be chosen as leads. */
export function leadChoices(actor: Actor) {
	if (!can(actor, 'services.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
	return accounts.listPeopleWithRole(db(), actor, 'service_lead');
}

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
		if (e instanceof ConflictError) return setError(form, 'name', m.services_name_taken());
		if (e instanceof ValidationError) return setError(form, 'leadIds._errors', m.services_lead_invalid());
		rethrowAsHttp(e);
	}
	redirect(303, `/admin/services/${savedId}?done=saved`);
}
