import { error, fail, redirect } from '@sveltejs/kit';
import { errorMessage } from '$lib/features/surveys/labels';
import { QUESTION_PROBLEMS, storedQuestionInput } from '$lib/features/surveys/question-form';
import { db } from '$lib/server/db/app';
import { forCodes, idParam, orError, refusal } from '$lib/server/http';
import type { Actor } from '$lib/server/permissions';
import * as surveys from '$lib/server/surveys';
import { searchIn } from '$lib/symbols/names';
import { getLocale } from '$lib/paraglide/runtime';
import { PICKABLE_TOPICS, isSymbolId, searchSymbols, type PickableTopic } from '$lib/symbols/catalogue';
import type { Actions, PageServerLoad } from './$types';

const isPickable = (topic: string): topic is PickableTopic => (PICKABLE_TOPICS as readonly string[]).includes(topic);

/** The question of the address and what the symbol is for: the question itself or one of its answers. */
function target(actor: Actor, params: { surveyId: string; questionId: string }, forValue: string | null) {
	// the service refuses anyone who does not build surveys
	const surveyId = idParam(params.surveyId);
	const question = orError(() => surveys.getQuestion(db(), actor, idParam(params.questionId)));
	if (question.surveyId !== surveyId) error(404, { message: 'Not found', code: 'question_not_found' });
	const optionId = /^option-(\d+)$/.exec(forValue ?? '')?.[1];
	const option = optionId ? question.options.find((o) => o.id === Number(optionId)) : undefined;
	if (forValue !== 'question' && !option) error(404, { message: 'Not found', code: 'option_not_found' });
	return { surveyId, question, option, forValue: forValue as string };
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { surveyId, question, option, forValue } = target(locals.user, params, url.searchParams.get('for'));
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	const topicParam = url.searchParams.get('topic') ?? '';
	const topic = isPickable(topicParam) ? topicParam : null;
	const found = searchSymbols(query, topic ?? undefined, await searchIn(getLocale())).filter((s) => isPickable(s.topic));
	const questions = orError(() => surveys.questionsOf(db(), locals.user, surveyId));
	return {
		surveyId,
		question: { id: question.id, text: question.text, number: questions.findIndex((q) => q.id === question.id) + 1 },
		option: option ? { id: option.id, label: option.label, number: question.options.indexOf(option) + 1 } : null,
		for: forValue,
		current: (option ? option.symbolId : question.symbolId) ?? '',
		query,
		topic,
		symbols: found.map((s) => ({ id: s.id, label: s.label }))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const data = await request.formData();
		const { surveyId, question, option, forValue } = target(locals.user, params, String(data.get('for') ?? ''));
		const chosen = data.get('symbolId');
		if (typeof chosen !== 'string' || (chosen !== '' && !isSymbolId(chosen))) return fail(400, { pick: { message: errorMessage('choose_symbol') } });
		const input = storedQuestionInput(question);
		if (option) input.options = input.options.map((o) => (o.id === option.id ? { ...o, symbolId: chosen || null } : o));
		else input.symbolId = chosen || null;
		try {
			surveys.updateQuestion(db(), locals.user, question.id, input);
		} catch (e) {
			return refusal(e, forCodes(QUESTION_PROBLEMS, (code, e) => fail(e.status, { pick: { message: errorMessage(code) } })));
		}
		redirect(303, `/manage/surveys/${surveyId}/questions/${question.id}?done=symbol#${forValue === 'question' ? 'pick-question' : `pick-${forValue}`}`);
	}
};
