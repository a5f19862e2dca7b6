/**
 * "Local Offer: what you told us and what we did" for one partnership year: the items about the
 * Local Offer on the public board, grouped by aspect, with every "we did"; counts by aspect and
 * status; and the feedback about it, counted (never its words: a sender's feedback is private).
 */
import { BOARD_STATUSES, FEEDBACK_STATUSES, LOCAL_OFFER_ASPECTS, type BoardStatus, type FeedbackStatus } from '$lib/features/board/model';
import type { LocalOfferData } from '$lib/features/yearly/model';
import { londonDate, partnershipYear } from '$lib/time';
import type { Db } from '../db';
import * as board from '../board';

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The Local Offer report for the year starting in April of `year`, as the data stands now. */
export function buildLocalOffer(db: Db, year: number, now = new Date()): LocalOfferData {
	const period = partnershipYear(year);
	const items = board.localOfferItems(db, period);
	const unpublished = board.localOfferUnpublished(db, period);
	const feedback = board.localOfferFeedbackCounts(db, period);
	return {
		kind: 'local_offer',
		year,
		period,
		madeOn: londonDate(now),
		aspects: LOCAL_OFFER_ASPECTS.map((aspect) => {
			const entries = items
				.filter((i) => i.aspect === aspect)
				.map(({ id, aspect: _aspect, ...i }) => ({ itemId: id, ...i, answeredOnTime: i.firstAnsweredOn !== null && i.firstAnsweredOn <= i.dueOn }));
			const byStatus = zeros<BoardStatus>(BOARD_STATUSES);
			for (const e of entries) byStatus[e.status] += 1;
			const fb = zeros<FeedbackStatus>(FEEDBACK_STATUSES);
			for (const f of feedback.filter((f) => f.aspect === aspect)) fb[f.status] += f.n;
			return { aspect, entries, byStatus, notPublic: unpublished.find((u) => u.aspect === aspect)?.n ?? 0, feedback: fb };
		})
	};
}
