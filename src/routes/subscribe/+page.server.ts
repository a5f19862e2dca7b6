import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms/server';
import { m } from '$lib/paraglide/messages';
import { zod4 } from 'sveltekit-superforms/adapters';
import { getLocale } from '$lib/paraglide/runtime';
import { parseTopicValue, topicValue } from '$lib/features/subscriptions/model';
import { manageLinkSchema, subscribeSchema } from '$lib/features/subscriptions/schemas';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import * as subscriptions from '$lib/server/subscriptions';
import type { Actions, PageServerLoad } from './$types';

const choices = () => subscriptions.topicChoices(db(), board.topics(db()), getLocale());

/** "Get emails about this" links arrive with what to tick: `?topic=board_service:3`. */
export const load: PageServerLoad = async ({ url }) => {
	const asked = url.searchParams.getAll('topic').filter((v) => parseTopicValue(v) !== null);
	const form = await superValidate({ topics: asked.length ? asked : [topicValue({ topic: 'board', ref: '' })], language: getLocale() }, zod4(subscribeSchema), { errors: false });
	return { choices: choices(), form, linkForm: await superValidate(zod4(manageLinkSchema)) };
};

export const actions: Actions = {
	subscribe: async (event) => {
		const form = await superValidate(event.request, zod4(subscribeSchema));
		if (!form.valid) return fail(400, { form });
		// the honeypot: robots fill in what people cannot see; say the same, send nothing
		if (form.data.website) redirect(303, '/subscribe/sent');
		const topics = subscriptions.chosenTopics(form.data.topics, choices());
		if (topics.length === 0) return setError(form, 'topics._errors', m.subscriptions_topics_invalid());
		const result = subscriptions.subscribe(db(), { ...form.data, topics }, event.getClientAddress());
		if (result === 'too_many') return fail(429, { form, tooMany: true });
		redirect(303, '/subscribe/sent');
	},
	link: async (event) => {
		const linkForm = await superValidate(event.request, zod4(manageLinkSchema));
		if (!linkForm.valid) return fail(400, { linkForm });
		if (!linkForm.data.website && subscriptions.sendManageLink(db(), linkForm.data.email, event.getClientAddress()) === 'too_many') {
			return fail(429, { linkForm, tooMany: true });
		}
		redirect(303, '/subscribe/sent?link=1');
	}
};
