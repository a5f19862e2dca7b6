import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const overdueOnly = url.searchParams.get('show') === 'overdue';
	return {
		overdueOnly,
		mayManage: can(locals.user, 'board.manage'),
		items: orError(() => board.listTracked(db(), locals.user, { overdueOnly }))
	};
};
