import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import * as services from '$lib/server/services';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!can(locals.user, 'services.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
	const all = services.list(db(), { includeArchived: true });
	return {
		active: all.filter((s) => !s.archivedAt),
		archived: all.filter((s) => s.archivedAt)
	};
};
