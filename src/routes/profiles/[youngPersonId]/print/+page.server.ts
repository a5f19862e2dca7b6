import { printDensity } from '$lib/features/profiles/print';
import { db } from '$lib/server/db/app';
import { idParam } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const id = idParam(params.youngPersonId);
	const view = forPage(locals.user, url, () => profiles.view(db(), locals.user, id));
	return {
		id,
		name: view.youngPerson.name,
		isOwn: view.isOwn,
		sections: view.sections.map(({ section, items }) => ({
			section,
			items: items.map(({ id, symbolId, words, writtenBy }) => ({ id, symbolId, words, writtenBy }))
		})),
		reviewedAt: view.reviewedAt,
		reviewedBy: view.reviewedBy,
		version: view.version,
		hasPhoto: view.hasPhoto,
		photoDescription: view.photoDescription,
		// Smaller type and pictures the fuller the profile is, so it always fits on one A4 page.
		density: printDensity(view.sections)
	};
};
