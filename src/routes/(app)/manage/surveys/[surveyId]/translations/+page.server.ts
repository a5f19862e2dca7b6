import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as surveys from '$lib/server/surveys';
import { locales } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const survey = orError(() => surveys.get(db(), locals.user, idParam(params.surveyId)));
	const keys = surveys.translatableTexts(db(), locals.user, survey.id).map((t) => t.key);
	return {
		survey: { id: survey.id, title: survey.title },
		total: keys.length,
		languages: locales
			.filter((l) => l !== 'en')
			.map((locale) => {
				const have = surveys.translationsOf(db(), locals.user, survey.id, locale);
				return { locale, done: keys.filter((k) => have.has(k)).length };
			})
	};
};
