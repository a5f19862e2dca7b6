import { db } from '$lib/server/db/app';
import * as accounts from '$lib/server/accounts/service';
import { orError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	people: orError(() => accounts.listPeople(db(), locals.user))
});
