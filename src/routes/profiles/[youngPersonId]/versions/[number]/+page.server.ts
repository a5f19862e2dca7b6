import { db } from '$lib/server/db/app';
import { idParam } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const id = idParam(params.youngPersonId);
	const number = idParam(params.number);
	const version = forPage(locals.user, url, () => profiles.version(db(), locals.user, id, number));
	// The current version's number, to say whether this one is older.
	const current = forPage(locals.user, url, () => profiles.view(db(), locals.user, id));
	return { id, version, current: current.version, isOwn: current.isOwn };
};
