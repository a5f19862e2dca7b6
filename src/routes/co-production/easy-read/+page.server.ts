import { db } from '$lib/server/db/app';
import * as coproduction from '$lib/server/coproduction';
import type { PageServerLoad } from './$types';

/** The easy-read view of "How we worked together": the same entries and filters, in short sentences with symbols. */
export const load: PageServerLoad = ({ url }) => {
	const filters = coproduction.filtersFrom(url.searchParams);
	return { query: url.search, result: coproduction.listPublic(db(), filters) };
};
