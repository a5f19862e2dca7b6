import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as reports from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The board's reports, drafts and published, for those who read them (board members, leads, organisers). */
export const load: PageServerLoad = ({ locals, url }) => {
	const all = orError(() => reports.forStaff(db(), locals.user));
	return {
		drafts: all.filter((r) => r.status === 'draft'),
		published: all.filter((r) => r.status === 'published'),
		mayManage: can(locals.user, 'reports.manage'),
		done: url.searchParams.get('done')
	};
};
