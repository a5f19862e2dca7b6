import type { PageServerLoad } from './$types';
import { itemTexts } from './texts.server';

export const load: PageServerLoad = ({ locals, params }) => {
	const { item, texts, languages, translated } = itemTexts(locals.user, params.itemId);
	return {
		item,
		languages: languages.map((locale) => ({ locale, done: texts.filter((t) => translated(locale, t) !== '').length, total: texts.length }))
	};
};
