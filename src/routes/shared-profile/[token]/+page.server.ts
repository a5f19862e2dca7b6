import { printDensity } from '$lib/features/profiles/print';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as profiles from '$lib/server/profiles';
import type { PageServerLoad } from './$types';

/**
 * Set before the link is checked, so the "does not work any more" page carries them too: the
 * page is never cached, and the secret link is not passed on in a Referer header.
 */
const SHARED_HEADERS = {
	'cache-control': 'private, no-store',
	'referrer-policy': 'no-referrer',
	'x-robots-tag': 'noindex'
};

export const load: PageServerLoad = ({ params, setHeaders }) => {
	setHeaders(SHARED_HEADERS);
	// Records the opening (the time only, never who); throws NotFoundError for an unknown,
	// expired or revoked link, which +error.svelte shows as "this link does not work any more".
	const shared = orError(() => profiles.openSharedProfile(db(), params.token));
	return {
		token: params.token,
		name: shared.youngPerson.name,
		sections: shared.sections.map(({ section, items }) => ({
			section,
			items: items.map(({ id, symbolId, words, writtenBy }) => ({ id, symbolId, words, writtenBy }))
		})),
		photoDescription: shared.hasPhoto ? shared.photoDescription : null,
		reviewedAt: shared.reviewedAt,
		expiresAt: shared.expiresAt,
		// Smaller type and pictures in print the fuller the profile is, so it fits on one A4 page.
		density: printDensity(shared.sections)
	};
};
