import { error } from '@sveltejs/kit';
import { can } from '$lib/server/permissions';
import type { LayoutServerLoad } from './$types';

/** Only organisers plan meetings. Every action is checked again by the meeting service. */
export const load: LayoutServerLoad = ({ locals }) => {
	if (!can(locals.user, 'meetings.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
	return {};
};
