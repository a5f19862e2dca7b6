import { db } from '$lib/server/db/app';
import { idParam } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import { profileOf } from '../../profile.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { locals, params, url } = event;
	const number = idParam(params.number);
	// The current version's number, to say whether this one is older.
	const { id, isOwn, view: current } = profileOf(event);
	const version = forPage(locals.user, url, () => profiles.version(db(), locals.user, id, number));
	return { id, version, current: current.version, isOwn };
};
