import { db } from '$lib/server/db/app';
import * as forum from '$lib/server/forum';
import * as subscriptions from '$lib/server/subscriptions';
import type { Actions, PageServerLoad } from './$types';

/** The confirmation link's page. Opening it changes nothing (mail scanners open links); the button confirms. */
export const load: PageServerLoad = ({ url }) => ({ state: forum.joinWaiting(db(), subscriptions.linkKeyFrom(url.searchParams)) });

export const actions: Actions = {
	default: ({ url }) => ({ result: forum.confirmJoin(db(), subscriptions.linkKeyFrom(url.searchParams)) })
};
