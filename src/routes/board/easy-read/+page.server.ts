import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { filtersFrom } from '$lib/server/board';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	result: board.listPublic(db(), filtersFrom(url.searchParams))
});
