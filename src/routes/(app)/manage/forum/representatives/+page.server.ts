import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { representativeSchema } from '$lib/features/forum/schemas';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as forum from '$lib/server/forum';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	/** "added" or "removed": a confirmation above the list. */
	done: url.searchParams.get('done'),
	representatives: orError(() => forum.listRepresentatives(db(), locals.user)).map((r) => ({ ...r, createdAt: undefined })),
	members: forum.linkableMembers(db(), locals.user),
	form: await superValidate(zod4(representativeSchema))
});

export const actions: Actions = {
	add: ({ request, locals }) => forum.saveRepresentativeForm(db(), request, locals.user),
	remove: async ({ request, locals }) => {
		const id = Number((await request.formData()).get('id'));
		try {
			forum.removeRepresentative(db(), locals.user, id);
		} catch (e) {
			return refusal(e, { not_found: () => fail(404, { removed: false }) });
		}
		redirect(303, '/manage/forum/representatives?done=removed');
	}
};
