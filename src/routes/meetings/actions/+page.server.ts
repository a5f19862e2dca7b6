import { londonDate } from '$lib/time';
import { db } from '$lib/server/db/app';
import * as meetings from '$lib/server/meetings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
	const today = londonDate();
	const all = meetings.openActions(db(), today);
	const owners = [...new Set(all.map((a) => a.ownerLabel))].sort((a, b) => a.localeCompare(b, 'en-GB'));
	// Only an owner that is on the list narrows it; anything else shows every action.
	const asked = url.searchParams.get('owner') ?? '';
	const owner = owners.includes(asked) ? asked : '';
	const actions = owner ? all.filter((a) => a.ownerLabel === owner) : all;
	return { today, owners, owner, actions, overdue: actions.filter((a) => a.overdue).length };
};
