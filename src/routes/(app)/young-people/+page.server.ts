import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as profiles from '$lib/server/profiles';
import type { PageServerLoad } from './$types';

/** The young people the signed-in supporter supports (anyone else is refused by the service). */
export const load: PageServerLoad = ({ locals }) => ({
	youngPeople: orError(() => profiles.supportedYoungPeople(db(), locals.user))
});
