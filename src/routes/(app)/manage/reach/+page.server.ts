import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as reach from '$lib/server/reach';
import type { PageServerLoad } from './$types';

/** The local baseline as it stands, for staff who read reports; admins also get the import link. */
export const load: PageServerLoad = ({ locals }) => {
	const baseline = orError(() => reach.currentBaseline(db(), locals.user));
	return { baseline, mayImport: reach.mayImportBaseline(locals.user) };
};
