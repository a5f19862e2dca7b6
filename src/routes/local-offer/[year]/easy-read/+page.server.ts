import { db } from '$lib/server/db/app';
import { publishedFromParam } from '$lib/server/yearly';
import type { LocalOfferData } from '$lib/features/yearly/model';
import type { PageServerLoad } from './$types';

/** The easy read version of a year's published Local Offer report. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { year, data } = publishedFromParam(db(), locals.user, 'local_offer', params.year);
	return { year, data: data as LocalOfferData };
};
