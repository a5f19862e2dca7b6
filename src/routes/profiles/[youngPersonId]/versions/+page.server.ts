import { db } from '$lib/server/db/app';
import { idParam } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const id = idParam(params.youngPersonId);
	const view = forPage(locals.user, url, () => profiles.view(db(), locals.user, id));
	return {
		id,
		name: view.youngPerson.name,
		isOwn: view.isOwn,
		versions: forPage(locals.user, url, () => profiles.versions(db(), locals.user, id))
	};
};
