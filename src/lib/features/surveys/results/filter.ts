/**
 * The results filter as it travels in a plain GET query string (it works without JavaScript):
 * `o` once per "about you" answer chosen, `language` (the language people answered in) and
 * `group` (who answered). Anything that does not fit this survey is ignored, never an error.
 */
import { RESPONDENT_GROUPS, type RespondentGroup } from '$lib/features/surveys/model';

/** An "about you" question offered as a filter, with its answers. */
export type FilterQuestion = { id: number; text: string; options: { id: number; label: string }[] };

export type ResultsQuery = {
	/** Chosen answer per question id (one at most per question). */
	chosen: Record<number, number>;
	locale?: string;
	group?: RespondentGroup;
};

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const isGroup = (v: string): v is RespondentGroup => (RESPONDENT_GROUPS as readonly string[]).includes(v);

/** Reads the filter from the query string, keeping only answers of this survey's "about you" questions. */
export function parseResultsQuery(params: URLSearchParams, questions: readonly FilterQuestion[]): ResultsQuery {
	const wanted = new Set(params.getAll('o').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0));
	const chosen: Record<number, number> = {};
	for (const q of questions) {
		const option = q.options.find((o) => wanted.has(o.id));
		if (option) chosen[q.id] = option.id;
	}
	const language = params.get('language') ?? '';
	const group = params.get('group') ?? '';
	return {
		chosen,
		locale: LOCALE.test(language) ? language : undefined,
		group: isGroup(group) ? group : undefined
	};
}

/** Whether anything is filtered. */
export const isFiltering = (q: ResultsQuery) => Object.keys(q.chosen).length > 0 || !!q.locale || !!q.group;

/** The filter for the results service. */
export function serviceFilter(q: ResultsQuery) {
	return { optionIds: Object.values(q.chosen), locale: q.locale, group: q.group };
}

/** The filter as query-string pairs, to carry it from one page to another. */
export function queryPairs(q: ResultsQuery): [string, string][] {
	const pairs: [string, string][] = Object.values(q.chosen).map((id) => ['o', String(id)]);
	if (q.locale) pairs.push(['language', q.locale]);
	if (q.group) pairs.push(['group', q.group]);
	return pairs;
}

/** "?o=3&language=tr" (or "" when nothing is filtered), with `extra` pairs after the filter. */
export function queryString(q: ResultsQuery, extra: [string, string][] = []): string {
	const pairs = [...queryPairs(q), ...extra];
	return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}
