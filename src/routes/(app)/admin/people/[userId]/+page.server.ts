import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { rolesSchema } from '$lib/features/accounts/schemas';
import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts/service';
import { deliverPasswordLink } from '$lib/server/accounts/links';
import { ConflictError } from '$lib/server/errors';
import { idParam, orError, rethrowAsHttp } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import { siteOrigin } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const person = orError(() => accounts.getPerson(db(), locals.user, idParam(params.userId)));
	return {
		person,
		canDisable: can(locals.user, 'people.disable', { userId: person.id }),
		form: await superValidate({ roles: person.roles }, zod4(rolesSchema), { errors: false })
	};
};

export const actions: Actions = {
	roles: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(rolesSchema));
		if (!form.valid) return fail(400, { form });
		try {
			accounts.changeRoles(db(), locals.user, idParam(params.userId), form.data.roles);
		} catch (e) {
			if (e instanceof ConflictError) return message(form, m.error_last_admin(), { status: 409 });
			rethrowAsHttp(e);
		}
		return message(form, m.person_roles_saved());
	},
	access: async ({ request, locals, params }) => {
		const disable = (await request.formData()).get('disable') === '1';
		try {
			accounts.setDisabled(db(), locals.user, idParam(params.userId), disable);
		} catch (e) {
			if (e instanceof ConflictError) return fail(409, { access: m.error_last_admin() });
			rethrowAsHttp(e);
		}
		return { access: disable ? m.person_disabled_done() : m.person_enabled_done() };
	},
	link: async ({ locals, params, url }) => {
		const userId = idParam(params.userId);
		const token = orError(() => accounts.issuePasswordLink(db(), locals.user, userId));
		const person = accounts.getPerson(db(), locals.user, userId);
		return { link: await deliverPasswordLink(siteOrigin(url), token, person, person.hasPassword ? 'reset' : 'invite') };
	}
};
