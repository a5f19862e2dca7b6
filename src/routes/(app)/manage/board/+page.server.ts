import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

/** `?show=overdue` or `?show=due-soon` narrows by due day; `&yours` to the items this person may answer (links from "What needs you"). */
export const load: PageServerLoad = ({ locals, url }) => {
	const show = url.searchParams.get('show');
	const filter: board.TrackedFilter = {
		when: show === 'overdue' ? 'overdue' : show === 'due-soon' ? 'due_soon' : undefined,
		yours: url.searchParams.has('yours')
	};
	return {
		when: filter.when ?? null,
		yours: filter.yours ?? false,
		dueSoonDays: board.DUE_SOON_DAYS,
		mayManage: can(locals.user, 'board.manage'),
		items: orError(() => board.listTracked(db(), locals.user, filter))
	};
};
