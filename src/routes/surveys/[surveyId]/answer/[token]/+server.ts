import { redirect } from '@sveltejs/kit';
import { answerPath } from '$lib/features/surveys/model';
import { idParam } from '$lib/server/http';
import { firstMissing } from '$lib/server/surveys';
import { openDraftOrRedirect } from '$lib/server/surveys';
import type { RequestHandler } from './$types';

/** The resume link: back to the first question still to answer, or to "check your answers". */
export const GET: RequestHandler = ({ params, locals, url }) => {
	const surveyId = idParam(params.surveyId);
	const opened = openDraftOrRedirect(locals.user, surveyId, params.token, url);
	const missing = firstMissing(opened.survey, opened.draft.parsed);
	const answeredAny = Object.keys(opened.draft.parsed).length > 0;
	// Keeps `?resumed` (from the receipt code form), so the page can say the link and code are new.
	redirect(303, answerPath(surveyId, params.token, missing === null ? 'check' : answeredAny ? missing + 1 : 1) + url.search);
};
