import { error, fail, redirect } from '@sveltejs/kit';
import { answerPath } from '$lib/features/surveys/model';
import { db } from '$lib/server/db/app';
import { idParam, rethrowAsHttp } from '$lib/server/http';
import { siteOrigin } from '$lib/server/origin';
import * as surveys from '$lib/server/surveys';
import { openDraftOrRedirect, PRIVATE_HEADERS } from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

function stepOf(value: string, total: number): number {
	const step = Number(value);
	if (!Number.isInteger(step) || step < 1 || step > total) error(404, { message: 'Not found', code: 'question_not_found' });
	return step;
}

export const load: PageServerLoad = ({ params, locals, url, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const surveyId = idParam(params.surveyId);
	const { survey: s, draft, receipt } = openDraftOrRedirect(locals.user, surveyId, params.token, url);
	const step = stepOf(params.step, s.questions.length);
	const question = s.questions[step - 1];
	const saved = draft.parsed[question.id];
	return {
		survey: { id: s.id, title: s.title, locale: s.locale, anonymous: s.anonymous },
		question,
		token: params.token,
		step,
		total: s.questions.length,
		saved: saved ?? { options: [], text: '' },
		// Came from "check your answers": go back there after this question.
		change: url.searchParams.has('change'),
		missing: url.searchParams.has('missing'),
		resumed: url.searchParams.has('resumed'),
		mode: draft.preview ? ('preview' as const) : draft.onBehalf ? ('paper' as const) : ('answer' as const),
		receipt,
		resumeLink: `${siteOrigin(url)}${answerPath(surveyId, params.token)}`
	};
};

export const actions: Actions = {
	/** Keeps this answer and goes on: to the next question, or back to "check your answers". */
	default: async ({ params, locals, request, url }) => {
		const surveyId = idParam(params.surveyId);
		const { survey: s } = openDraftOrRedirect(locals.user, surveyId, params.token, url);
		const step = stepOf(params.step, s.questions.length);
		const question = s.questions[step - 1];
		const data = await request.formData();
		const optionIds = data.getAll('answer').map(Number).filter(Number.isSafeInteger);
		const text = String(data.get('text') ?? '');
		const change = data.get('change') === '1';
		let problem;
		try {
			problem = surveys.saveAnswer(db(), locals.user, surveyId, params.token, question.id, optionIds, text);
		} catch (e) {
			rethrowAsHttp(e);
		}
		// Keep exactly what the person chose or typed, so nothing is lost on an error.
		if (problem) return fail(400, { problem, optionIds, text });
		const last = step === s.questions.length;
		redirect(303, answerPath(surveyId, params.token, change || last ? 'check' : step + 1));
	}
};
