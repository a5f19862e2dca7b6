import { londonDate } from '$lib/time';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { filtersFrom } from '$lib/server/board';
import * as services from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const filters = filtersFrom(url.searchParams);
	const year = Number(londonDate().slice(0, 4));
	return {
		filters,
		year,
		figures: board.figures(db(), year),
		topics: board.topics(db()),
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
		result: board.listPublic(db(), filters)
	};
};
