import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { can } from '$lib/server/permissions';
import * as reports from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The board's reports, drafts and published, for those who read them (board members, leads, organisers). */
export const load: PageServerLoad = ({ locals, url }) => {
	if (!can(locals.user, 'reports.read')) error(403, { message: 'Forbidden', code: 'forbidden' });
	const all = reports.list(db(), locals.user);
	return {
		drafts: all.filter((r) => r.status === 'draft'),
		published: all.filter((r) => r.status === 'published'),
		mayManage: can(locals.user, 'reports.manage'),
		done: url.searchParams.get('done')
	};
};
