import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import type { PageServerLoad } from './$types';
import { standardTexts } from './texts.server';

export const load: PageServerLoad = ({ locals, params }) => {
	const { standard, texts } = standardTexts(locals.user, params.standardId);
	return { standard, languages: content.languagesPage(db(), locals.user, texts) };
};
