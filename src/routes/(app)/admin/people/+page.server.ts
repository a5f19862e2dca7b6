import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts';
import { orError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => ({
	people: orError(() => accounts.listPeople(db(), locals.user)),
	/** Powerful roles given lately: every admin sees every grant. */
	grants: orError(() => accounts.recentGrants(db(), locals.user)),
	/** After an erasure: its reference (only a well-formed one is shown). */
	erased: /^ER-[A-Z0-9]{8}$/.exec(url.searchParams.get('erased') ?? '')?.[0] ?? null
});
