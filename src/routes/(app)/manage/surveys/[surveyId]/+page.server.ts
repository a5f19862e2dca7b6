import { error, fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { ABOUT_YOU, answerPath, type QuestionKind } from '$lib/features/surveys/model';
import { errorMessage } from '$lib/features/surveys/labels';
import { aboutYouSchema, addQuestionSchema, surveySchema } from '$lib/features/surveys/schemas';
import { surveyFormValues, surveyInputFrom } from '$lib/features/surveys/survey-form';
import { db } from '$lib/server/db/app';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import { siteOrigin } from '$lib/server/origin';
import * as services from '$lib/server/services';
import * as surveys from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

/** The question posted by a small per-question form, which must be one of this survey's (the service refuses anyone who does not build surveys). */
async function postedQuestion(request: Request, actor: App.Locals['user'], surveyId: number) {
	const questions = orError(() => surveys.questionsOf(db(), actor, surveyId));
	const data = await request.formData();
	const questionId = Number(data.get('question'));
	if (!questions.some((q) => q.id === questionId)) error(404, { message: 'Not found', code: 'question_not_found' });
	return { questionId, data };
}

/** Why publishing refused: the survey's first problem (the page lists them all). */
const PUBLISH_PROBLEMS = ['no_questions', 'too_few_options', 'closes_in_past'] as const;

/** Publishes the survey, the first time or again after closing it, and says which on the page. */
function publish(actor: App.Locals['user'], id: number, done: 'published' | 'reopened') {
	try {
		surveys.publish(db(), actor, id);
	} catch (e) {
		return refusal(e, forCodes(PUBLISH_PROBLEMS, () => fail(400, { publish: { failed: true } })));
	}
	redirect(303, `/manage/surveys/${id}?done=${done}`);
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idParam(params.surveyId);
	const { survey, questions, responses, anonymityFixed, problems } = orError(() => surveys.builderView(db(), locals.user, id));
	const taken = new Set(questions.map((q) => q.aboutYou).filter(Boolean));
	const aboutYouLeft = ABOUT_YOU.filter((a) => !taken.has(a));
	const allServices = services.list(db()).map((s) => ({ id: s.id, name: s.name }));
	return {
		survey,
		responses,
		anonymityFixed,
		link: `${siteOrigin(url)}/surveys/${id}`,
		problems,
		questions: questions.map((q) => ({
			id: q.id,
			kind: q.kind,
			text: q.text,
			required: q.required,
			symbolId: q.symbolId,
			aboutYou: q.aboutYou,
			options: q.options.length
		})),
		aboutYouLeft,
		services: allServices,
		done: url.searchParams.get('done'),
		moved: Number(url.searchParams.get('question')) || null,
		detailsForm: await superValidate(surveyFormValues(survey), zod4(surveySchema), { errors: false, id: 'details' }),
		addForm: await superValidate(zod4(addQuestionSchema), { id: 'add' }),
		aboutYouForm: await superValidate({ which: aboutYouLeft[0] ?? 'who' }, zod4(aboutYouSchema), { errors: false, id: 'aboutYou' })
	};
};

export const actions: Actions = {
	details: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(surveySchema), { id: 'details' });
		if (!form.valid) return fail(400, { detailsForm: form });
		try {
			surveys.update(db(), locals.user, idParam(params.surveyId), surveyInputFrom(form.data));
		} catch (e) {
			return refusal(e, {
				anonymity_fixed: (e) => setError(form, 'anonymity', errorMessage(e.code), { status: 409 }),
				closes_before_opens: (e) => setError(form, 'closesOn', errorMessage(e.code)),
				service_not_found: (e) => setError(form, 'serviceIds._errors', errorMessage(e.code))
			});
		}
		return message(form, m.surveys_build_details_saved());
	},
	publish: ({ locals, params }) => publish(locals.user, idParam(params.surveyId), 'published'),
	reopen: ({ locals, params }) => publish(locals.user, idParam(params.surveyId), 'reopened'),
	close: async ({ locals, params }) => {
		const id = idParam(params.surveyId);
		orError(() => surveys.close(db(), locals.user, id));
		redirect(303, `/manage/surveys/${id}?done=closed`);
	},
	duplicate: async ({ locals, params }) => {
		const copy = orError(() => surveys.duplicate(db(), locals.user, idParam(params.surveyId)));
		redirect(303, `/manage/surveys/${copy}?done=duplicated`);
	},
	preview: async ({ locals, params }) => {
		const id = idParam(params.surveyId);
		const { token } = orError(() => surveys.start(db(), locals.user, id, 'en', 'preview'));
		redirect(303, answerPath(id, token));
	},
	paper: async ({ locals, params }) => {
		const id = idParam(params.surveyId);
		const { token } = orError(() => surveys.start(db(), locals.user, id, 'en', 'paper'));
		redirect(303, answerPath(id, token));
	},
	move: async ({ request, locals, params }) => {
		const id = idParam(params.surveyId);
		const { questionId, data } = await postedQuestion(request, locals.user, id);
		const direction = data.get('direction') === 'up' ? 'up' : 'down';
		orError(() => surveys.moveQuestion(db(), locals.user, questionId, direction));
		redirect(303, `/manage/surveys/${id}?done=moved&question=${questionId}#question-${questionId}`);
	},
	remove: async ({ request, locals, params }) => {
		const id = idParam(params.surveyId);
		const { questionId } = await postedQuestion(request, locals.user, id);
		try {
			surveys.removeQuestion(db(), locals.user, questionId);
		} catch (e) {
			return refusal(e, { question_answered: (e) => fail(409, { remove: { questionId, message: errorMessage(e.code) } }) });
		}
		redirect(303, `/manage/surveys/${id}?done=removed#questions`);
	},
	add: async ({ request, locals, params }) => {
		const id = idParam(params.surveyId);
		const form = await superValidate(request, zod4(addQuestionSchema), { id: 'add' });
		if (!form.valid) return fail(400, { addForm: form });
		const questionId = orError(() => surveys.addQuestion(db(), locals.user, id, form.data.kind as QuestionKind, form.data.text));
		redirect(303, `/manage/surveys/${id}/questions/${questionId}?done=added`);
	},
	aboutYou: async ({ request, locals, params }) => {
		const id = idParam(params.surveyId);
		const form = await superValidate(request, zod4(aboutYouSchema), { id: 'aboutYou' });
		if (!form.valid) return fail(400, { aboutYouForm: form });
		try {
			surveys.addAboutYou(db(), locals.user, id, form.data.which);
		} catch (e) {
			return refusal(e, { about_you_exists: (e) => setError(form, 'which', errorMessage(e.code), { status: 409 }) });
		}
		redirect(303, `/manage/surveys/${id}?done=about_you#questions`);
	}
};
