import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { representativeSchema } from '$lib/features/forum/schemas';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as forum from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const r = orError(() => forum.getRepresentative(db(), locals.user, idParam(params.representativeId)));
	return {
		name: r.name,
		members: forum.linkableMembers(db(), locals.user),
		form: await superValidate(forum.representativeFormFrom(r), zod4(representativeSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: ({ request, locals, params }) => forum.saveRepresentativeForm(db(), request, locals.user, idParam(params.representativeId))
};
