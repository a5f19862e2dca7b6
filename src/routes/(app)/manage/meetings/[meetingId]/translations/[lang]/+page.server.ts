import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import { summaryTexts } from '../texts.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const { meeting, texts } = summaryTexts(locals.user, params.meetingId);
	return { meeting, locale: params.lang, texts: content.languagePage(db(), locals.user, texts, params.lang) };
};

export const actions: Actions = {
	default: ({ locals, params, request }) => content.saveLanguagePage(db(), locals.user, summaryTexts(locals.user, params.meetingId).texts, params.lang, request)
};
