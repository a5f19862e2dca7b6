import { londonDate, quarterFrom } from '$lib/time';
import { toCsv } from '$lib/server/csv';
import { db } from '$lib/server/db/app';
import { loginRedirect, orError } from '$lib/server/http';
import * as standards from '$lib/server/standards';
import type { RequestHandler } from './$types';

/**
 * A CSV file to fill in: the column names, then one line for each standard this person enters
 * figures for, set to the last whole quarter with the figure and note left blank to fill in.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	// The (app) layout's sign-in guard does not run for endpoints.
	if (!locals.user) loginRedirect(url);
	const list = orError(() => standards.forImport(db(), locals.user));
	const quarter = quarterFrom(londonDate(), -1);
	const csv = toCsv([[...standards.IMPORT_COLUMNS], ...list.map((s) => [s.id, quarter.start, quarter.end, '', ''])]);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="figures-${quarter.start}.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
