import { db } from '$lib/server/db/app';
import * as subscriptions from '$lib/server/subscriptions';
import type { Actions, PageServerLoad } from './$types';

/**
 * Stop every email to an address. Opening the link changes nothing (mail scanners open links);
 * the button, or a mail program's one-click unsubscribe (RFC 8058: a POST of
 * "List-Unsubscribe=One-Click" to this address, let through the cross-site check by the hooks),
 * removes the address.
 */
export const load: PageServerLoad = ({ url }) => ({
	valid: subscriptions.read(db(), subscriptions.linkKeyFrom(url.searchParams)) !== null
});

export const actions: Actions = {
	default: ({ url }) => ({ stopped: subscriptions.unsubscribe(db(), subscriptions.linkKeyFrom(url.searchParams)) })
};
