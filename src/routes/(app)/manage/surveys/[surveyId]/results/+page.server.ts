import { db } from '$lib/server/db/app';
import { otherLanguagesNamed, reachCountsOf, results } from '$lib/server/surveys';
import * as reach from '$lib/server/reach';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import { showCount } from '$lib/server/disclosure';
import { isFiltering, serviceFilter } from '$lib/features/surveys/results/filter';
import { questionFigures } from '$lib/features/surveys/results/figures';
import { resultsContext } from './context.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { survey, responses: total, filterQuestions, query } = resultsContext(locals.user, params.surveyId, url.searchParams);
	const found = orError(() => results(db(), locals.user, survey.id, serviceFilter(query)));
	const filtering = isFiltering(query);
	const mayManage = can(locals.user, 'surveys.manage');
	const minimum = found.rules.groupMinimum;
	// Who we heard from, for the whole survey only (a filtered view is one group already).
	const heardFrom = filtering
		? []
		: orError(() => reachCountsOf(db(), locals.user, survey.id)).map((c) =>
				reach.comparison(db(), c.characteristic, c.counts, found.rules, { hidden: c.hidden, hideTotal: c.hideTotal })
			);
	// the languages typed under "another language", counted together, beside the language comparison
	const language = heardFrom.find((c) => c.characteristic === 'language');
	const named = language ? orError(() => otherLanguagesNamed(db(), locals.user, survey.id, language)) : null;
	return {
		survey: { id: survey.id, title: survey.title, state: survey.state },
		/** The view may be shown (false: "too few to show", and no figure at all). */
		shown: found.shown,
		responses: found.responses,
		/** Every response, whatever the filter (to say "12 of 340"), written as the rules allow. */
		total,
		totalShown: showCount(total, found.rules),
		/** The survey itself is a small group: no percentages, no filters. */
		small: total > 0 && total < minimum,
		rules: found.rules,
		locales: found.locales,
		filterQuestions,
		query,
		filtering,
		mayManage,
		/** Organisers read written answers of any survey; service leads from the group minimum. */
		mayReadTexts: mayManage || total >= minimum,
		/** Organisers download every response; a service lead a protected file, from the group minimum. */
		mayDownload: mayManage || total >= minimum,
		downloadRefused: url.searchParams.get('download') === 'too-few',
		questions: questionFigures(found.questions),
		heardFrom,
		named
	};
};
