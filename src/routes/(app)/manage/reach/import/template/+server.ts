import { CATEGORIES, CHARACTERISTICS } from '$lib/features/reach/model';
import { toCsv } from '$lib/server/csv';
import { guard, loginRedirect } from '$lib/server/http';
import * as reach from '$lib/server/reach';
import type { RequestHandler } from './$types';

/** A CSV file to fill in: the column names, then one line for every group with its number blank. */
export const GET: RequestHandler = ({ locals, url }) => {
	// The (app) layout's sign-in guard does not run for endpoints.
	if (!locals.user) loginRedirect(url);
	guard(locals.user, 'reach.baseline.import');
	const rows = CHARACTERISTICS.flatMap((c) => (CATEGORIES[c] as readonly string[]).map((k) => [c, k, '']));
	return new Response(toCsv([[...reach.BASELINE_COLUMNS], ...rows]), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="local-baseline.csv"',
			'Cache-Control': 'no-store'
		}
	});
};
