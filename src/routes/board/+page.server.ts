import { londonDate } from '$lib/time';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { filtersFrom } from '$lib/server/board';
import * as services from '$lib/server/services';
import { contentLocale } from '$lib/server/language';
import type { PageServerLoad } from './$types';

/** The page's items with their texts in the reader's language where translated. */
function inReadersLanguage(result: ReturnType<typeof board.listPublic>, locale: string) {
	return { ...result, items: board.inLanguage(db(), result.items, locale) };
}

export const load: PageServerLoad = ({ url, cookies }) => {
	const filters = filtersFrom(url.searchParams);
	const year = Number(londonDate().slice(0, 4));
	return {
		filters,
		year,
		figures: board.figures(db(), year),
		topics: board.topics(db()),
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
		result: inReadersLanguage(board.listPublic(db(), filters), contentLocale({ cookies }))
	};
};
