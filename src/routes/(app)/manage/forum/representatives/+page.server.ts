import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { representativeSchema } from '$lib/features/forum/schemas';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as forum from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	representatives: orError(() => forum.listRepresentatives(db(), locals.user)).map((r) => ({ ...r, createdAt: undefined })),
	form: await superValidate(zod4(representativeSchema))
});

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(representativeSchema));
		if (!form.valid) return fail(400, { form });
		orError(() => forum.addRepresentative(db(), locals.user, { ...form.data, endsOn: form.data.endsOn || null, userId: null }));
		return message(form, m.forum_rep_added());
	},
	remove: async ({ request, locals }) => {
		const id = Number((await request.formData()).get('id'));
		try {
			forum.removeRepresentative(db(), locals.user, id);
		} catch (e) {
			return refusal(e, { not_found: () => fail(404, { removed: false }) });
		}
		return { removed: true };
	}
};
