/**
 * What both results pages start from: the survey (after checking the person may read its
 * results), its questions, the "about you" questions offered as filters, and the filter the
 * query string asks for.
 */
import { db } from '$lib/server/db/app';
import * as surveys from '$lib/server/surveys';
import { idParam, orError } from '$lib/server/http';
import type { Actor } from '$lib/server/permissions';
import { isChoiceKind } from '$lib/features/surveys/model';
import { parseResultsQuery, type FilterQuestion } from '$lib/features/surveys/results/filter';

export function resultsContext(actor: Actor, surveyIdParam: string, params: URLSearchParams) {
	const surveyId = idParam(surveyIdParam);
	const { survey, questions, responses } = orError(() => surveys.resultsView(db(), actor, surveyId));
	const filterQuestions: FilterQuestion[] = questions
		.filter((q) => q.aboutYou !== null && isChoiceKind(q.kind))
		.map((q) => ({ id: q.id, text: q.text, options: q.options.map((o) => ({ id: o.id, label: o.label })) }));
	return { survey, questions, responses, filterQuestions, query: parseResultsQuery(params, filterQuestions) };
}
