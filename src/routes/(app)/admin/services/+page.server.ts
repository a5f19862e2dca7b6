import { db } from '$lib/server/db/app';
import { guard } from '$lib/server/http';
import * as services from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	guard(locals.user, 'services.manage');
	const all = services.list(db(), { includeArchived: true });
	return {
		active: all.filter((s) => !s.archivedAt),
		archived: all.filter((s) => s.archivedAt)
	};
};
