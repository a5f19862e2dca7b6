import { error, redirect } from '@sveltejs/kit';
import { can } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

/** "My profile" in the menu: a young person's own profile; a visitor signs in first. */
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent('/my-profile')}`);
	if (!can(locals.user, 'profiles.own')) {
		error(403, { message: 'Only young people have a profile of their own here.', code: 'forbidden' });
	}
	redirect(303, `/profiles/${locals.user.id}`);
};
