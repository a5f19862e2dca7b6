import { db } from '$lib/server/db/app';
import * as coproduction from '$lib/server/coproduction';
import * as services from '$lib/server/services';
import type { PageServerLoad } from './$types';

/** "How we worked together": the figures of the chosen year, the ladder, and the entries, filtered by a plain GET form. */
export const load: PageServerLoad = ({ url }) => {
	const filters = coproduction.filtersFrom(url.searchParams);
	const all = services.list(db(), { includeArchived: true });
	return {
		filters,
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
		serviceName: filters.serviceId === null ? null : (all.find((s) => s.id === filters.serviceId)?.name ?? null),
		ladder: coproduction.ladder(db()),
		result: coproduction.listPublic(db(), filters)
	};
};
