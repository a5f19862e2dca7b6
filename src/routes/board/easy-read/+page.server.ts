import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { filtersFrom } from '$lib/server/board';
import { contentLocale } from '$lib/server/language';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, cookies }) => {
	const result = board.listPublic(db(), filtersFrom(url.searchParams));
	return { result: { ...result, items: board.inLanguage(db(), result.items, contentLocale({ cookies })) } };
};
