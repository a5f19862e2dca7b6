import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/features/surveys/labels';
import { db } from '$lib/server/db/app';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import type { Actor } from '$lib/server/permissions';
import * as surveys from '$lib/server/surveys';
import * as content from '$lib/server/content';
import type { Actions, PageServerLoad } from './$types';

const MAX_TEXT = 5000;

function page(actor: Actor, params: { surveyId: string; locale: string }) {
	const survey = orError(() => surveys.get(db(), actor, idParam(params.surveyId)));
	if (!content.offeredLanguages(db()).includes(params.locale)) error(404, { message: 'Not found', code: 'not_found' });
	return { survey, locale: params.locale };
}

/** A field id for a text's key ("question.12.text" -> "t-question-12-text"). */
const fieldId = (key: string) => `t-${key.replace(/\./g, '-')}`;

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { survey, locale } = page(locals.user, params);
	const texts = surveys.translatableTexts(db(), locals.user, survey.id);
	const have = surveys.translationsOf(db(), locals.user, survey.id, locale);
	// Number questions and their answers as the organiser sees them on the survey's page.
	const numbers = new Map<string, { question: number; option?: number }>();
	surveys.questionsOf(db(), locals.user, survey.id).forEach((q, i) => {
		numbers.set(`question.${q.id}`, { question: i + 1 });
		q.options.forEach((o, j) => numbers.set(`option.${o.id}`, { question: i + 1, option: j + 1 }));
	});
	return {
		survey: { id: survey.id, title: survey.title },
		locale,
		texts: texts.map((t) => {
			const [kind, id] = t.key.split('.');
			return { ...t, id: fieldId(t.key), where: numbers.get(`${kind}.${id}`) ?? null, translation: have.get(t.key) ?? '' };
		}),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { survey, locale } = page(locals.user, params);
		const data = await request.formData();
		const keys = surveys.translatableTexts(db(), locals.user, survey.id).map((t) => t.key);
		const values: Record<string, string> = {};
		for (const key of keys) {
			const v = data.get(key);
			values[key] = typeof v === 'string' ? v : '';
		}
		const problems = keys
			.filter((k) => values[k].trim().length > MAX_TEXT)
			.map((k) => ({ field: fieldId(k), message: m.site_form_too_long({ max: MAX_TEXT }) }));
		if (problems.length) return fail(400, { translation: { values, problems } });
		try {
			surveys.saveTranslation(db(), locals.user, survey.id, locale, values);
		} catch (e) {
			const problem = (e: { code: string }) => fail(400, { translation: { values, problems: [{ field: fieldId(keys[0]), message: errorMessage(e.code) }] } });
			return refusal(e, forCodes(['locale_invalid', 'translation_key_invalid'], (_code, e) => problem(e)));
		}
		redirect(303, `/manage/surveys/${survey.id}/translations/${locale}?done=saved`);
	}
};
