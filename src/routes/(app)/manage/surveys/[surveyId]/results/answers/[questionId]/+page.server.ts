import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import { idParam, orError, refusal } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import { disclosureRules, groupMinimum, tagAnswer, textAnswers, themes } from '$lib/server/surveys';
import { TEXT_KINDS } from '$lib/features/surveys/model';
import { isFiltering, queryString, serviceFilter } from '$lib/features/surveys/results/filter';
import { tagSchema } from '$lib/features/surveys/results/schemas';
import { resultsContext } from '../../context.server';
import type { Actions, PageServerLoad } from './$types';

/** The page number asked for (1 when missing or not a whole number). */
function pageNumber(params: URLSearchParams): number {
	const n = Number(params.get('page') ?? '1');
	return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/** The survey, the written-answer question the route names (404 for any other) and the filter. */
function context(actor: App.Locals['user'], params: { surveyId: string; questionId: string }, url: URL) {
	const ctx = resultsContext(actor, params.surveyId, url.searchParams);
	const questionId = idParam(params.questionId);
	const index = ctx.questions.findIndex((q) => q.id === questionId);
	if (index < 0 || !TEXT_KINDS.includes(ctx.questions[index].kind)) error(404, { message: 'Not found', code: 'not_found' });
	return { ...ctx, question: ctx.questions[index], number: index + 1 };
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { survey, question, number, filterQuestions, query } = context(locals.user, params, url);
	const page = pageNumber(url.searchParams);
	const found = orError(() => textAnswers(db(), locals.user, survey.id, question.id, page, serviceFilter(query)));
	if (found.shown && page > found.pages) redirect(303, `${url.pathname}${queryString(query, [['page', String(found.pages)]])}`);
	const saved = Number(url.searchParams.get('saved'));
	return {
		survey: { id: survey.id, title: survey.title },
		question: { id: question.id, number, text: question.text },
		filterQuestions,
		query,
		filtering: isFiltering(query),
		page,
		// Not listed: for a filter (whole survey only), or for a lead below the group minimum.
		refused: found.shown ? null : found.reason,
		minimum: groupMinimum(disclosureRules(db())),
		answers: found.shown ? found.answers : [],
		total: found.shown ? found.total : 0,
		pages: found.shown ? found.pages : 1,
		months: found.shown ? found.months : false,
		themes: orError(() => themes(db(), locals.user, survey.id)),
		mayTag: can(locals.user, 'surveys.manage'),
		saved: Number.isSafeInteger(saved) ? saved : null
	};
};

export const actions: Actions = {
	tag: async ({ locals, params, request, url }) => {
		const { query } = context(locals.user, params, url);
		const data = await request.formData();
		const raw = {
			answerId: data.get('answerId'),
			themeIds: data.getAll('themeIds'),
			newThemes: String(data.get('newThemes') ?? ''),
			quoted: data.get('quoted')
		};
		const answerId = Number(raw.answerId);
		if (!Number.isSafeInteger(answerId) || answerId <= 0) error(400, { message: 'Bad request', code: 'bad_request' });
		// What was sent comes back with a failure, so the answer's form shows it as it was.
		const failed = (message: string) =>
			fail(400, {
				answerId,
				error: message,
				newThemes: raw.newThemes,
				themeIds: raw.themeIds.map(Number).filter(Number.isSafeInteger),
				quoted: raw.quoted !== null
			});
		const parsed = tagSchema.safeParse(raw);
		if (!parsed.success) return failed(parsed.error.issues[0]?.message ?? m.surveys_results_answer_theme_too_long());
		try {
			tagAnswer(db(), locals.user, answerId, parsed.data);
		} catch (e) {
			return refusal(e, {
				theme_too_long: () => failed(m.surveys_results_answer_theme_too_long()),
				theme_not_found: () => failed(m.surveys_results_answer_theme_gone())
			});
		}
		// Back to the same page of answers, at the answer just saved.
		redirect(303, `${url.pathname}${queryString(query, [['page', String(pageNumber(url.searchParams))], ['saved', String(answerId)]])}#answer-${answerId}`);
	}
};
