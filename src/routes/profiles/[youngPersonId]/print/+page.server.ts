import { printDensity } from '$lib/features/profiles/print';
import { profileOf } from '../profile.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { view, ...heading } = profileOf(event);
	return {
		...heading,
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
