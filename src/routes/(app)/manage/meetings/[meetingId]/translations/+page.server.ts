import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import type { PageServerLoad } from './$types';
import { summaryTexts } from './texts.server';

export const load: PageServerLoad = ({ locals, params }) => {
	const { meeting, texts } = summaryTexts(locals.user, params.meetingId);
	return { meeting, languages: content.languagesPage(db(), locals.user, texts) };
};
