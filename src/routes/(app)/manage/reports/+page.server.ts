import { db } from '$lib/server/db/app';
import { guard } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as reports from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The board's reports, drafts and published, for those who read them (board members, leads, organisers). */
export const load: PageServerLoad = ({ locals, url }) => {
	guard(locals.user, 'reports.read');
	const all = reports.list(db(), locals.user);
	return {
		drafts: all.filter((r) => r.status === 'draft'),
		published: all.filter((r) => r.status === 'published'),
		mayManage: can(locals.user, 'reports.manage'),
		done: url.searchParams.get('done')
	};
};
