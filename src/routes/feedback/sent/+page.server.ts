import { isReference } from '$lib/server/board';
import type { PageServerLoad } from './$types';

/** The reference the feedback was given, from the address it was sent to (anything else is not shown). */
export const load: PageServerLoad = ({ url }) => {
	const ref = url.searchParams.get('ref') ?? '';
	return { reference: isReference(ref) ? ref : null };
};
