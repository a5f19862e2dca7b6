import { db } from '$lib/server/db/app';
import * as settings from '$lib/server/settings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	/** How soon a lead reads it: the area's review time, in working days. */
	workingDays: settings.get(db()).safeguardingReviewWorkingDays,
	isYoungPerson: locals.user?.roles.includes('young_person') ?? false
});
