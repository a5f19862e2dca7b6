import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board/service';
import { filtersFrom } from '$lib/server/board/filters';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({
	result: board.listPublic(db(), filtersFrom(url.searchParams))
});
