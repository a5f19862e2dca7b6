import { redirect } from '@sveltejs/kit';
import { answerPath } from '$lib/features/surveys/model';
import { idParam } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import { openDraftOrRedirect, PRIVATE_HEADERS } from '$lib/server/surveys';
import { findSurvey } from '$lib/server/surveys';
import { db } from '$lib/server/db/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, url, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const surveyId = idParam(params.surveyId);
	const opened = openDraftOrRedirect(locals.user, surveyId, params.token, url, true);
	// Not sent yet: the person belongs on "check your answers".
	if (opened.state === 'draft') redirect(303, answerPath(surveyId, params.token, 'check'));
	return {
		survey: { id: surveyId, title: findSurvey(db(), surveyId).title },
		receipt: opened.receipt,
		submittedOn: opened.submittedOn,
		mayManage: can(locals.user, 'surveys.manage')
	};
};
