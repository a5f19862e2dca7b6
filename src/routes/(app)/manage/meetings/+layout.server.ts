import { guard } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

/** Only organisers plan meetings. Every action is checked again by the meeting service. */
export const load: LayoutServerLoad = ({ locals }) => {
	guard(locals.user, 'meetings.manage');
	return {};
};
