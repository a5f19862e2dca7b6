import { FEEDBACK_STATUSES, type FeedbackStatus } from '$lib/features/board/model';
import { db } from '$lib/server/db/app';
import * as feedback from '$lib/server/board';
import { orError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const asked = url.searchParams.get('status') ?? 'new';
	const status: FeedbackStatus = (FEEDBACK_STATUSES as readonly string[]).includes(asked) ? (asked as FeedbackStatus) : 'new';
	return { status, items: orError(() => feedback.listQueue(db(), locals.user, status)) };
};
