import { redirect } from '@sveltejs/kit';
import { guard } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/**
 * "My profile" in the menu: a young person's own profile. A visitor here is most likely a young
 * person, who signs in with their card (that page links to the email sign-in for everyone else).
 */
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/young-people/sign-in');
	guard(locals.user, 'profiles.own', { message: 'Only young people have a profile of their own here.' });
	redirect(303, `/profiles/${locals.user.id}`);
};
