import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import type { PageServerLoad } from './$types';

/**
 * Follow up feedback by its reference: a plain GET form, so it works without JavaScript and the
 * address can be bookmarked. Each look-up counts against the visitor's address (board/follow.ts).
 */
export const load: PageServerLoad = (event) => {
	const typed = (event.url.searchParams.get('ref') ?? '').slice(0, 100);
	if (!typed.trim()) return { typed, asked: event.url.searchParams.has('ref'), result: null };
	const result = board.follow(db(), typed, event.getClientAddress());
	if (result.state === 'too_many_tries') event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
	return { typed, asked: true, result };
};

// nothing to enhance: a GET form and its answer (decision 0032)
export const csr = false;
