import { db } from '$lib/server/db/app';
import * as reports from '$lib/server/reports';
import type { PageServerLoad } from './$types';

/** The partnership board's published reports, for everyone (no sign-in). */
export const load: PageServerLoad = ({ locals }) => ({
	reports: reports
		.list(db(), locals.user)
		.filter((r) => r.status === 'published')
		.map((r) => ({ id: r.id, title: r.title, period: r.period, scope: r.scope, publishedAt: r.publishedAt }))
});
