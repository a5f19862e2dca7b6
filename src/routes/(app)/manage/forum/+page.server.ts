import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as forum from '$lib/server/forum';
import type { PageServerLoad } from './$types';

/** Membership counts over time and the consenting members' counts by characteristic (organisers). */
export const load: PageServerLoad = ({ locals }) =>
	orError(() => ({ months: forum.membershipOverTime(db(), locals.user), reach: forum.reachTables(db(), locals.user) }));
