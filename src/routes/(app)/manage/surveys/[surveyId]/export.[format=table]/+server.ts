import { redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/time';
import { db } from '$lib/server/db/app';
import { tableDownload } from '$lib/server/downloads';
import { idParam, loginRedirect, refusal } from '$lib/server/http';
import { exportRows } from '$lib/server/surveys';
import type { RequestHandler } from './$types';

/**
 * Every response of a survey as a CSV file or a spreadsheet file, one row per response, safe to
 * open in a spreadsheet (the CSV neutralises formulas; the spreadsheet's text cells are never one). For those who may read the survey's results; a
 * service lead's file protects small groups, and a survey with too few responses has none
 * (back to the results page, which says so).
 */
export const GET: RequestHandler = ({ locals, params, url }) => {
	// The (app) layout's sign-in guard does not run for endpoints.
	if (!locals.user) loginRedirect(url);
	const surveyId = idParam(params.surveyId);
	const results = new URL(`/manage/surveys/${surveyId}/results`, url);
	let rows: string[][];
	try {
		rows = exportRows(db(), locals.user, surveyId);
	} catch (e) {
		// back to the results page after "Confirm it is you", where the download link is
		return refusal(e, { too_few_to_show: () => redirect(303, `${results.pathname}?download=too-few`) }, { confirm: results });
	}
	return tableDownload(rows, params.format, { name: `survey-${surveyId}-responses-${londonDate()}`, sheet: `Survey ${surveyId}`, cacheControl: 'no-store' });
};
