import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { CONTENT_TEXT_MAX } from '$lib/features/content/model';
import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import { refusal } from '$lib/server/http';
import { itemTexts } from '../texts.server';
import type { Actions, PageServerLoad } from './$types';

/** Plain words for the content feature's refusals. */
const PROBLEMS: Record<string, () => string> = {
	language_not_offered: m.content_error_language_not_offered,
	too_long: () => m.content_error_too_long({ max: String(CONTENT_TEXT_MAX) })
};

function forLanguage(locals: App.Locals, params: { itemId: string; lang: string }) {
	const found = itemTexts(locals.user, params.itemId);
	if (!found.languages.includes(params.lang)) error(404, { message: 'Not found', code: 'language_not_offered' });
	return found;
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { item, texts, translated } = forLanguage(locals, params);
	return {
		item,
		locale: params.lang,
		saved: url.searchParams.has('saved'),
		texts: texts.map((t) => ({ name: t.name, field: t.field, english: t.english, date: t.date, text: translated(params.lang, t) }))
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const { texts } = forLanguage(locals, params);
		const form = await request.formData();
		const values = Object.fromEntries(texts.map((t) => [t.name, String(form.get(t.name) ?? '')]));
		try {
			content.saveTranslations(
				db(),
				locals.user,
				params.lang,
				texts.map((t) => ({ subject: t.subject, subjectId: t.subjectId, field: t.field, text: values[t.name] }))
			);
		} catch (e) {
			const refused = (code: string) => () => fail(400, { values, problem: PROBLEMS[code]() });
			return refusal(e, { language_not_offered: refused('language_not_offered'), too_long: refused('too_long') });
		}
		return { saved: true, values };
	}
};
