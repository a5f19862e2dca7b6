import { loginRedirect } from '$lib/server/http';
import { signedInRecently } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

/**
 * "My data" is for anyone signed in, young people included (they have no /account page). A visitor
 * signs in first: the sign-in page also links to the card sign-in young people use.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) loginRedirect(url);
	return {
		youngPerson: locals.user.roles.includes('young_person'),
		/** Downloading asks who it is again after 15 minutes (young people sign in with their card again). */
		recent: signedInRecently(locals.user)
	};
};
