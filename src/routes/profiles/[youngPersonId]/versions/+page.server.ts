import { db } from '$lib/server/db/app';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import { profileOf } from '../profile.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { locals, url } = event;
	const { id, name, isOwn } = profileOf(event);
	return {
		id,
		name,
		isOwn,
		versions: forPage(locals.user, url, () => profiles.versions(db(), locals.user, id))
	};
};
