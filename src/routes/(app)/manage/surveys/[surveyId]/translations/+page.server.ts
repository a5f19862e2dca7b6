import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as surveys from '$lib/server/surveys';
import { locales } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params }) => {
	if (!can(locals.user, 'surveys.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
	const survey = orError(() => surveys.get(db(), idParam(params.surveyId)));
	const keys = surveys.translatableTexts(db(), survey.id).map((t) => t.key);
	return {
		survey: { id: survey.id, title: survey.title },
		total: keys.length,
		languages: locales
			.filter((l) => l !== 'en')
			.map((locale) => {
				const have = surveys.translationsOf(db(), survey.id, locale);
				return { locale, done: keys.filter((k) => have.has(k)).length };
			})
	};
};
