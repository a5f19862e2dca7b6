import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as surveys from '$lib/server/surveys';
import * as content from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	const survey = orError(() => surveys.get(db(), locals.user, idParam(params.surveyId)));
	const keys = surveys.translatableTexts(db(), locals.user, survey.id).map((t) => t.key);
	return {
		survey: { id: survey.id, title: survey.title },
		total: keys.length,
		// The languages the area offers for content (an admin's choice), which may go beyond Chorus's own.
		languages: content
			.offeredLanguages(db())
			.map((locale) => {
				const have = surveys.translationsOf(db(), locals.user, survey.id, locale);
				return { locale, done: keys.filter((k) => have.has(k)).length };
			})
	};
};
