import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as services from '$lib/server/services';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	return orError(() => services.forManaging(db(), locals.user));
};
