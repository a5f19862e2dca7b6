import { db } from '$lib/server/db/app';
import { publishedFromParam } from '$lib/server/yearly';
import type { LocalOfferData } from '$lib/features/yearly/model';
import type { PageServerLoad } from './$types';

/** A year's Local Offer report, frozen as it was published. Not published: 404. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { year, data, publishedAt } = publishedFromParam(db(), locals.user, 'local_offer', params.year);
	return { year, data: data as LocalOfferData, publishedAt };
};
