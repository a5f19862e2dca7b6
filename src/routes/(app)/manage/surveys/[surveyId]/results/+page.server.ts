import { db } from '$lib/server/db/app';
import * as builder from '$lib/server/surveys/builder';
import { results } from '$lib/server/surveys/results';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import { isSymbolId } from '$lib/symbols/catalogue';
import { isFiltering, serviceFilter } from '$lib/features/surveys/results/filter';
import { resultsContext } from './context.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { survey, filterQuestions, query } = resultsContext(locals.user, params.surveyId, url.searchParams);
	const found = orError(() => results(db(), locals.user, survey.id, serviceFilter(query)));
	const filtering = isFiltering(query);
	return {
		survey: { id: survey.id, title: survey.title, state: survey.state },
		responses: found.responses,
		/** Every response, whatever the filter (to say "12 of 340"). */
		total: filtering ? builder.withCounts(db(), [survey])[0].responses : found.responses,
		locales: found.locales,
		filterQuestions,
		query,
		filtering,
		mayManage: can(locals.user, 'surveys.manage'),
		questions: found.questions.map((r, i) => ({
			id: r.question.id,
			number: i + 1,
			text: r.question.text,
			kind: r.question.kind,
			version: r.question.version,
			aboutYou: r.question.aboutYou !== null,
			answered: r.answered,
			positivePercent: r.positivePercent,
			options: r.options.map((o) => ({ ...o, symbolId: o.symbolId && isSymbolId(o.symbolId) ? o.symbolId : null }))
		}))
	};
};
