import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import { itemTexts } from '../texts.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const { item, texts } = itemTexts(locals.user, params.itemId);
	return { item, locale: params.lang, texts: content.languagePage(db(), locals.user, texts, params.lang) };
};

export const actions: Actions = {
	default: ({ locals, params, request }) => content.saveLanguagePage(db(), locals.user, itemTexts(locals.user, params.itemId).texts, params.lang, request)
};
