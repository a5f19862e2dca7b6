import { db } from '$lib/server/db/app';
import { tableDownload } from '$lib/server/downloads';
import { publishedFromParam, yearlyRows } from '$lib/server/yearly';
import type { RequestHandler } from './$types';

/** The published report as a table (CSV or .xlsx): what its page shows, frozen. */
export const GET: RequestHandler = ({ locals, params }) => {
	const { year, data } = publishedFromParam(db(), locals.user, 'local_offer', params.year);
	return tableDownload(yearlyRows(data), params.format, { name: `local-offer-${year}`, sheet: `local-offer ${year}`, cacheControl: 'no-cache' });
};
