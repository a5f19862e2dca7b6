import { db } from '$lib/server/db/app';
import { getLocale } from '$lib/paraglide/runtime';
import * as subscriptions from '$lib/server/subscriptions';
import type { Actions, PageServerLoad } from './$types';

/**
 * The confirmation link's page. Opening it changes nothing (mail scanners open links); the
 * button confirms.
 */
export const load: PageServerLoad = ({ url }) => {
	const subs = subscriptions.read(db(), subscriptions.linkKeyFrom(url.searchParams));
	if (!subs) return { state: 'bad_link' as const, waiting: [], manage: null };
	const waiting = subs.following.filter((f) => !f.confirmed);
	return {
		state: waiting.length ? ('waiting' as const) : ('nothing_to_confirm' as const),
		waiting: subscriptions.topicNames(db(), waiting, getLocale()),
		manage: `/subscriptions?${subs.query}`
	};
};

export const actions: Actions = {
	default: ({ url }) => ({ result: subscriptions.confirm(db(), subscriptions.linkKeyFrom(url.searchParams)) })
};
