import { db } from '$lib/server/db/app';
import { publishedFromParam } from '$lib/server/yearly';
import type { ForumData } from '$lib/features/yearly/model';
import type { PageServerLoad } from './$types';

/** A year's forum report, frozen as it was published. Not published: 404. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { year, data, publishedAt } = publishedFromParam(db(), locals.user, 'forum', params.year);
	return { year, data: data as ForumData, publishedAt };
};
