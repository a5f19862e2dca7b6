import { db } from '$lib/server/db/app';
import { getLocale } from '$lib/paraglide/runtime';
import * as board from '$lib/server/board';
import * as reports from '$lib/server/reports';
import * as surveys from '$lib/server/surveys';
import type { PageServerLoad } from './$types';

/**
 * Follow up feedback by its reference, or answers to a survey by their receipt code: a plain GET
 * form, so it works without JavaScript and the address can be bookmarked. Each look-up counts
 * against the visitor's address (board/follow.ts, surveys/follow.ts). A receipt shows its survey's
 * state, the items on the board raised from it and the published reports that used it.
 */
export const load: PageServerLoad = (event) => {
	const typed = (event.url.searchParams.get('ref') ?? '').slice(0, 100);
	if (!typed.trim()) return { typed, asked: event.url.searchParams.has('ref'), receiptAsked: false, result: null, receipt: null };
	if (board.isReference(board.normaliseReference(typed))) {
		const result = board.follow(db(), typed, event.getClientAddress());
		if (result.state === 'too_many_tries') event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
		return { typed, asked: true, receiptAsked: false, result, receipt: null };
	}
	const found = surveys.followReceipt(db(), typed, event.getClientAddress(), getLocale());
	if (found.state === 'too_many_tries') event.setHeaders({ 'retry-after': String(found.retryAfterSeconds) });
	const receipt =
		found.state === 'found'
			? { ...found.progress, items: board.raisedFromSurvey(db(), found.progress.survey.id), reports: reports.publishedUsingSurvey(db(), found.progress.survey.id) }
			: null;
	return { typed, asked: true, receiptAsked: true, result: found.state === 'found' ? null : found, receipt };
};
