import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import type { PageServerLoad } from './$types';
import { itemTexts } from './texts.server';

export const load: PageServerLoad = ({ locals, params }) => {
	const { item, texts } = itemTexts(locals.user, params.itemId);
	return { item, languages: content.languagesPage(db(), locals.user, texts) };
};
