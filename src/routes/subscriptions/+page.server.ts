import { error, fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms/server';
import { zod4 } from 'sveltekit-superforms/adapters';
import { getLocale } from '$lib/paraglide/runtime';
import { topicValue } from '$lib/features/subscriptions/model';
import { manageSchema } from '$lib/features/subscriptions/schemas';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import * as subscriptions from '$lib/server/subscriptions';
import type { Actions, PageServerLoad } from './$types';

/**
 * An address's own page, opened by the link in every email it gets: what it follows (and
 * everything held about it), to change or stop. The link's key is the only way in.
 */
export const load: PageServerLoad = async ({ url }) => {
	const subs = subscriptions.read(db(), subscriptions.linkKeyFrom(url.searchParams));
	if (!subs) return { subs: null };
	const locale = getLocale();
	const form = await superValidate({ topics: subs.following.map(topicValue), language: subs.locale, frequency: subs.frequency }, zod4(manageSchema), { errors: false });
	// every name at once: the service names are read once, not once per subscription
	const names = subscriptions.topicNames(db(), subs.following, locale);
	const named = subs.following.map((f, i) => ({ ...f, name: names[i] }));
	return {
		subs: {
			email: subs.email,
			query: subs.query,
			held: named.map((f) => ({ name: f.name, confirmed: f.confirmed, since: f.since.toISOString().slice(0, 10) }))
		},
		// what can be followed, and the feedback this address follows (kept unless unticked)
		choices: subscriptions.topicChoices(db(), board.topics(db()), locale),
		feedback: named.filter((f) => f.topic === 'feedback').map((f) => ({ value: topicValue(f), label: f.name })),
		form
	};
};

export const actions: Actions = {
	save: async ({ request, url }) => {
		const form = await superValidate(request, zod4(manageSchema));
		if (!form.valid) return fail(400, { form });
		const key = subscriptions.linkKeyFrom(url.searchParams);
		const subs = subscriptions.read(db(), key);
		if (!subs) error(404, 'This link does not work.');
		const choices = subscriptions.topicChoices(db(), board.topics(db()), getLocale());
		// the feedback it already follows may stay; nothing else but what is offered
		const followed = new Set(subs.following.filter((f) => f.topic === 'feedback').map(topicValue));
		const topics = [
			...subscriptions.chosenTopics(form.data.topics, choices),
			...form.data.topics.filter((v) => followed.has(v)).map((v) => ({ topic: 'feedback' as const, ref: v.split(':')[1] }))
		];
		subscriptions.update(db(), key, { ...form.data, topics });
		return { form, saved: true };
	}
};

