import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as safeguarding from '$lib/server/safeguarding';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const tab = url.searchParams.get('tab') === 'reviewed' ? ('reviewed' as const) : ('waiting' as const);
	return orError(() => ({
		tab,
		flags: safeguarding.queue(db(), locals.user, tab),
		counts: safeguarding.waiting(db(), locals.user)
	}));
};
