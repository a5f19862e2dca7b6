import { toCsv } from '$lib/server/csv';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as reports from '$lib/server/reports/service';
import type { RequestHandler } from './$types';

/**
 * Every figure of a report as a CSV file (each standard's value and trend, and its breakdowns).
 * The same rule as the report's page: a published report for anyone, a draft for staff only
 * (to a visitor a draft does not exist).
 */
export const GET: RequestHandler = ({ locals, params }) => {
	const id = idParam(params.reportId);
	const view = orError(() => reports.get(db(), locals.user, id));
	return new Response(toCsv(reports.csvRows(view.data)), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="report-${id}.csv"`,
			// A draft changes with the data and is not public: never keep a copy.
			'Cache-Control': view.status === 'draft' ? 'no-store' : 'no-cache'
		}
	});
};
