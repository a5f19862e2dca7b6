import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import { siteOrigin } from '$lib/server/origin';
import { qrSvg } from '$lib/server/qr';
import * as surveys from '$lib/server/surveys';
import type { PageServerLoad } from './$types';

/** The printable poster for a survey: for organisers (those who build surveys). */
export const load: PageServerLoad = ({ locals, params, url }) => {
	const surveyId = idParam(params.surveyId);
	const survey = orError(() => surveys.get(db(), locals.user, surveyId));
	const link = `${siteOrigin(url)}/surveys/${survey.id}`;
	return {
		survey: {
			id: survey.id,
			title: survey.title,
			intro: survey.intro,
			state: survey.state,
			closesOn: survey.closesOn,
			anonymous: survey.anonymous
		},
		link,
		qr: qrSvg(link, m.surveys_results_poster_qr_label({ title: survey.title }))
	};
};
