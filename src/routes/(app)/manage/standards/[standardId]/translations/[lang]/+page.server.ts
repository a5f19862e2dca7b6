import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import { standardTexts } from '../texts.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const { standard, texts } = standardTexts(locals.user, params.standardId);
	return { standard, locale: params.lang, texts: content.languagePage(db(), locals.user, texts, params.lang) };
};

export const actions: Actions = {
	default: ({ locals, params, request }) => content.saveLanguagePage(db(), locals.user, standardTexts(locals.user, params.standardId).texts, params.lang, request)
};
