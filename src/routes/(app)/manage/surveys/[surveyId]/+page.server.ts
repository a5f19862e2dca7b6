import { error, fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { ABOUT_YOU, answerPath, type QuestionKind } from '$lib/features/surveys/model';
import { errorMessage } from '$lib/features/surveys/labels';
import { aboutYouSchema, addQuestionSchema, surveySchema } from '$lib/features/surveys/schemas';
import { surveyFormValues, surveyInputFrom } from '$lib/features/surveys/survey-form';
import { db } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { idParam, orError, rethrowAsHttp } from '$lib/server/http';
import { siteOrigin } from '$lib/server/origin';
import { can, type Actor } from '$lib/server/permissions';
import * as services from '$lib/server/services';
import * as surveys from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

function mustManage(actor: Actor) {
	if (!can(actor, 'surveys.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
}

/** The question posted by a small per-question form, which must be one of this survey's. */
async function postedQuestion(request: Request, surveyId: number) {
	const data = await request.formData();
	const questionId = Number(data.get('question'));
	if (!surveys.questionsOf(db(), surveyId).some((q) => q.id === questionId)) error(404, { message: 'Not found', code: 'question_not_found' });
	return { questionId, data };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	mustManage(locals.user);
	const id = idParam(params.surveyId);
	const survey = orError(() => surveys.get(db(), id));
	const questions = surveys.questionsOf(db(), id);
	const taken = new Set(questions.map((q) => q.aboutYou).filter(Boolean));
	const aboutYouLeft = ABOUT_YOU.filter((a) => !taken.has(a));
	const allServices = services.list(db()).map((s) => ({ id: s.id, name: s.name }));
	return {
		survey,
		responses: surveys.withCounts(db(), [survey])[0].responses,
		anonymityFixed: surveys.answeringStarted(db(), id),
		link: `${siteOrigin(url)}/surveys/${id}`,
		problems: survey.state === 'published' ? [] : surveys.publishProblems(db(), id),
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
			if (e instanceof DomainError && e.code === 'anonymity_fixed') return setError(form, 'anonymity', errorMessage(e.code), { status: 409 });
			if (e instanceof DomainError && e.code === 'closes_before_opens') return setError(form, 'closesOn', errorMessage(e.code));
			if (e instanceof DomainError && e.code === 'service_not_found') return setError(form, 'serviceIds._errors', errorMessage(e.code));
			rethrowAsHttp(e);
		}
		return message(form, m.surveys_build_details_saved());
	},
	publish: async ({ locals, params }) => {
		const id = idParam(params.surveyId);
		try {
			surveys.publish(db(), locals.user, id);
		} catch (e) {
			if (e instanceof DomainError && e.status === 400) return fail(400, { publish: { failed: true } });
			rethrowAsHttp(e);
		}
		redirect(303, `/manage/surveys/${id}?done=published`);
	},
	reopen: async ({ locals, params }) => {
		const id = idParam(params.surveyId);
		try {
			surveys.publish(db(), locals.user, id);
		} catch (e) {
			if (e instanceof DomainError && e.status === 400) return fail(400, { publish: { failed: true } });
			rethrowAsHttp(e);
		}
		redirect(303, `/manage/surveys/${id}?done=reopened`);
	},
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
		mustManage(locals.user);
		const id = idParam(params.surveyId);
		const { questionId, data } = await postedQuestion(request, id);
		const direction = data.get('direction') === 'up' ? 'up' : 'down';
		orError(() => surveys.moveQuestion(db(), locals.user, questionId, direction));
		redirect(303, `/manage/surveys/${id}?done=moved&question=${questionId}#question-${questionId}`);
	},
	remove: async ({ request, locals, params }) => {
		mustManage(locals.user);
		const id = idParam(params.surveyId);
		const { questionId } = await postedQuestion(request, id);
		try {
			surveys.removeQuestion(db(), locals.user, questionId);
		} catch (e) {
			if (e instanceof DomainError && e.code === 'question_answered') return fail(409, { remove: { questionId, message: errorMessage(e.code) } });
			rethrowAsHttp(e);
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
			if (e instanceof DomainError && e.code === 'about_you_exists') return setError(form, 'which', errorMessage(e.code), { status: 409 });
			rethrowAsHttp(e);
		}
		redirect(303, `/manage/surveys/${id}?done=about_you#questions`);
	}
};
