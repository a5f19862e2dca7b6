import { navigationFor } from '$lib/server/navigation';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { name: locals.user.name, roles: locals.user.roles } : null,
	nav: navigationFor(locals.user),
	display: locals.display
});
