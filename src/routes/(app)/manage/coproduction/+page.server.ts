import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as coproduction from '$lib/server/coproduction';
import type { PageServerLoad } from './$types';

/** Every entry, newest first, each with a link to change it for those who may. */
export const load: PageServerLoad = ({ locals, url }) => {
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	return {
		list: orError(() => coproduction.listForStaff(db(), locals.user, page)),
		ladder: coproduction.ladder(db()),
		mayEditLadder: can(locals.user, 'coproduction.ladder'),
		done: url.searchParams.get('done')
	};
};
