import { error, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

/**
 * "My profile" in the menu: a young person's own profile. A visitor here is most likely a young
 * person, who signs in with their card (that page links to the email sign-in for everyone else).
 */
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/young-people/sign-in');
	if (!can(locals.user, 'profiles.own')) {
		error(403, { message: 'Only young people have a profile of their own here.', code: 'forbidden' });
	}
	redirect(303, `/profiles/${locals.user.id}`);
};
