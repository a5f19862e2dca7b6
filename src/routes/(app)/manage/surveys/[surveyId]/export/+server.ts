import { redirect } from '@sveltejs/kit';
import { londonDate } from '$lib/time';
import { toCsv } from '$lib/server/csv';
import { db } from '$lib/server/db/app';
import { idParam, orConfirm, orError } from '$lib/server/http';
import { exportRows, TooFewToShowError } from '$lib/server/surveys';
import type { RequestHandler } from './$types';

/**
 * Every response of a survey as a CSV file, one row per response, safe to open in a
 * spreadsheet (toCsv neutralises formulas). For those who may read the survey's results; a
 * service lead's file protects small groups, and a survey with too few responses has none
 * (back to the results page, which says so).
 */
export const GET: RequestHandler = ({ locals, params, url }) => {
	// The (app) layout's sign-in guard does not run for endpoints.
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	const surveyId = idParam(params.surveyId);
	const csv = toCsv(
		orError(() => {
			try {
				// back to the results page after "Confirm it is you", where the download link is
				return orConfirm(new URL(`/manage/surveys/${surveyId}/results`, url), () => exportRows(db(), locals.user, surveyId));
			} catch (e) {
				if (e instanceof TooFewToShowError) redirect(303, `/manage/surveys/${surveyId}/results?download=too-few`);
				throw e;
			}
		})
	);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="survey-${surveyId}-responses-${londonDate()}.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};
