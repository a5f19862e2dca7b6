import { db } from '$lib/server/db/app';
import { tableDownload } from '$lib/server/downloads';
import { idParam, orError } from '$lib/server/http';
import { csvDownload } from '$lib/server/reports';
import type { RequestHandler } from './$types';

/**
 * Every figure of a report as a CSV file or a spreadsheet file (each standard's value and trend,
 * and its breakdowns).
 * The same rule as the report's page: a published report for anyone, a draft for staff only
 * (to a visitor a draft does not exist). A draft's download is in the audit log.
 */
export const GET: RequestHandler = ({ locals, params }) => {
	const id = idParam(params.reportId);
	const { status, rows } = orError(() => csvDownload(db(), locals.user, id));
	// A draft changes with the data and is not public: never keep a copy.
	return tableDownload(rows, params.format, { name: `report-${id}`, sheet: `Report ${id}`, cacheControl: status === 'draft' ? 'no-store' : 'no-cache' });
};
