import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as settings from '$lib/server/settings';
import { CONTENT_LANGUAGE_CHOICES } from '$lib/features/content/model';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	chosen: orError(() => settings.forEditing(db(), locals.user)).contentLanguages,
	choices: CONTENT_LANGUAGE_CHOICES
});

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const form = await request.formData();
		// Only languages on the list, in the list's order; anything else sent is ignored.
		const chosen = CONTENT_LANGUAGE_CHOICES.filter((l) => form.getAll('language').includes(l));
		orError(() => settings.update(db(), locals.user, { contentLanguages: chosen }));
		return { saved: true };
	}
};
