import { loginRedirect } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) needs a signed-in person; what each may do is checked by the services. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) loginRedirect(url);
	return {};
};
