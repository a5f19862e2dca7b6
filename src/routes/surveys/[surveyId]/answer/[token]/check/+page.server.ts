import { fail, redirect } from '@sveltejs/kit';
import { answerPath } from '$lib/features/surveys/model';
import { db } from '$lib/server/db/app';
import { idParam, loginRedirect, refusal } from '$lib/server/http';
import * as surveys from '$lib/server/surveys';
import { openDraftOrRedirect, PRIVATE_HEADERS } from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

/** A chosen answer in words, with the language typed beside "another language" ("Another language: Tigrinya"). */
const chosen = (option: { label: string; asksWhich: boolean } | undefined, text: string) =>
	option ? (option.asksWhich && text ? `${option.label}: ${text}` : option.label) : '';

export const load: PageServerLoad = ({ params, locals, url, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const surveyId = idParam(params.surveyId);
	const { survey: s, draft } = openDraftOrRedirect(locals.user, surveyId, params.token, url);
	return {
		survey: { id: s.id, title: s.title, locale: s.locale, anonymous: s.anonymous },
		token: params.token,
		mode: draft.preview ? ('preview' as const) : draft.onBehalf ? ('paper' as const) : ('answer' as const),
		answers: s.questions.map((q, i) => {
			const a = draft.parsed[q.id];
			return {
				step: i + 1,
				text: q.text,
				answer: a ? (a.options.length ? a.options.map((id) => chosen(q.options.find((o) => o.id === id), a.text)) : [a.text]) : []
			};
		})
	};
};

export const actions: Actions = {
	/**
	 * Sends the answers. Sending twice (a double click, a refresh that resends, a slow network
	 * retrying) stores one response and shows the same confirmation.
	 */
	default: async ({ params, locals, url }) => {
		const surveyId = idParam(params.surveyId);
		try {
			await surveys.submitSoon(db(), locals.user, surveyId, params.token);
		} catch (e) {
			const toStart = () => redirect(303, `/surveys/${surveyId}`);
			return refusal(e, {
				sign_in_needed: () => loginRedirect(url),
				survey_closed: toStart,
				not_open_yet: toStart,
				answers_missing: () => {
					const opened = openDraftOrRedirect(locals.user, surveyId, params.token, url);
					const missing = surveys.firstMissing(opened.survey, opened.draft.parsed) ?? 0;
					redirect(303, `${answerPath(surveyId, params.token, missing + 1)}?change&missing`);
				},
				preview_not_sent: () => fail(400, { preview: true })
			});
		}
		redirect(303, answerPath(surveyId, params.token, 'sent'));
	}
};
