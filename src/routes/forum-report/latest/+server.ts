import { error, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { yearsOf } from '$lib/server/yearly';
import type { RequestHandler } from './$types';

/** The newest published year's report: an address that stays the same from year to year. */
export const GET: RequestHandler = ({ locals }) => {
	const latest = yearsOf(db(), locals.user, 'forum')[0];
	if (!latest) error(404, { message: 'Not found', code: 'report_not_found' });
	redirect(302, `/forum-report/${latest.year}`);
};
