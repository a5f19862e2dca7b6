import { error, fail, redirect } from '@sveltejs/kit';
import { errorMessage } from '$lib/features/surveys/labels';
import { m } from '$lib/paraglide/messages';
import {
	checkQuestionForm,
	moveRow,
	QUESTION_PROBLEMS,
	questionFormValues,
	questionInputFrom,
	readQuestionForm,
	type Problem,
	type QuestionFormValues
} from '$lib/features/surveys/question-form';
import { db } from '$lib/server/db/app';
import { ValidationError } from '$lib/server/errors';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import type { Actor } from '$lib/server/permissions';
import * as services from '$lib/server/services';
import * as standards from '$lib/server/standards';
import * as surveys from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

/** The question of the address, which must belong to the survey of the address (the service refuses anyone who does not build surveys). */
function questionOf(actor: Actor, params: { surveyId: string; questionId: string }) {
	const surveyId = idParam(params.surveyId);
	const question = orError(() => surveys.getQuestion(db(), actor, idParam(params.questionId)));
	if (question.surveyId !== surveyId) error(404, { message: 'Not found', code: 'question_not_found' });
	return { surveyId, question };
}

/** Which field a service error is about, so the error summary can take the organiser there. */
function fieldFor(code: string, values: QuestionFormValues): string {
	const row = (test: (o: QuestionFormValues['options'][number]) => boolean) => values.options.findIndex(test);
	switch (code) {
		case 'question_text_required':
			return 'text';
		case 'image_not_found':
			return 'imageId';
		case 'service_not_found':
			return 'serviceId';
		case 'option_answered': {
			const i = row((o) => Boolean(o.id) && o.remove);
			return i >= 0 ? `option-${i}-remove` : 'option-0-label';
		}
		case 'option_label_required': {
			const i = row((o) => Boolean(o.id) && !o.remove && !o.label.trim());
			return `option-${Math.max(i, 0)}-label`;
		}
		case 'options_fixed':
		case 'option_not_found':
			return 'option-0-label';
		default:
			return 'text';
	}
}

/** Why a question could not be linked to a standard, in plain words. */
const LINK_PROBLEMS: Record<string, () => string> = {
	question_kind: m.standards_link_question_kind,
	no_positive: m.standards_link_no_positive,
	standard_kind: m.standards_link_standard_kind,
	standard_not_found: m.standards_link_standard_kind
};

/** The survey standards a question may measure (with its current one, even if since archived). */
function standardChoices(current: number | null) {
	const live = standards.list(db(), { kind: 'survey' });
	const choices = live.map((s) => ({ id: s.id, statement: s.statement, serviceName: s.serviceName, archived: false }));
	if (current !== null && !live.some((s) => s.id === current)) {
		const s = standards.get(db(), current);
		choices.push({ id: s.id, statement: s.statement, serviceName: null, archived: true });
	}
	return choices;
}

/** The small "which standard does this question measure" form (it posts `link_standard`). */
function linkStandard(actor: Actor, surveyId: number, questionId: number, data: FormData) {
	const posted = String(data.get('standardId') ?? '');
	const standardId = posted === '' ? null : Number(posted);
	try {
		if (standardId !== null && !Number.isSafeInteger(standardId)) throw new ValidationError('standard_kind');
		surveys.linkQuestionToStandard(db(), actor, questionId, standardId, (id) => standards.checkSurveyStandard(db(), id));
	} catch (e) {
		return refusal(e, forCodes(LINK_PROBLEMS, (text) => fail(400, { standardLink: { value: posted, message: text() } })));
	}
	redirect(303, `/manage/surveys/${surveyId}/questions/${questionId}?done=${standardId === null ? 'standard_unlinked' : 'standard_linked'}#standard`);
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { surveyId, question } = questionOf(locals.user, params);
	const { survey, questions, responses } = orError(() => surveys.builderView(db(), locals.user, surveyId));
	return {
		survey: { id: survey.id, title: survey.title },
		question: { id: question.id, kind: question.kind, aboutYou: question.aboutYou, number: questions.findIndex((q) => q.id === question.id) + 1 },
		values: questionFormValues(question),
		answered: responses > 0,
		versions: surveys.questionVersions(db(), locals.user, question.id),
		images: surveys.imagesOf(db(), locals.user, surveyId).map((i) => ({ id: i.id, alt: i.alt })),
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
		// only one-choice questions can measure a standard ("about you" ones describe people, not services)
		standard: {
			eligible: (surveys.STANDARD_KINDS as readonly string[]).includes(question.kind) && !question.aboutYou,
			current: question.standardId,
			choices: standardChoices(question.standardId)
		},
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { surveyId, question } = questionOf(locals.user, params);
		const data = await request.formData();
		// A page may have only one unnamed action; the standard's own small form says which it is.
		if (data.get('intent') === 'link_standard') return linkStandard(locals.user, surveyId, question.id, data);
		const move = data.get('move');
		const pick = data.get('pick');
		let values = readQuestionForm(data);
		if (typeof move === 'string') values = moveRow(values, move);
		const problems: Problem[] = checkQuestionForm(values);
		if (problems.length) return fail(400, { question: { values, problems } });
		try {
			surveys.updateQuestion(db(), locals.user, question.id, questionInputFrom(values));
		} catch (e) {
			return refusal(
				e,
				forCodes(QUESTION_PROBLEMS, (code, e) => fail(e.status, { question: { values, problems: [{ field: fieldFor(code, values), message: errorMessage(code) }] } }))
			);
		}
		const here = `/manage/surveys/${surveyId}/questions/${question.id}`;
		if (typeof pick === 'string' && /^(question|option-\d+)$/.test(pick)) redirect(303, `${here}/symbol?for=${pick}`);
		if (typeof move === 'string') redirect(303, `${here}?done=moved#answers`);
		redirect(303, `/manage/surveys/${surveyId}?done=question_saved#question-${question.id}`);
	}
};
