/**
 * What "you said, we did" gives the yearly Local Offer report: the items and feedback marked as
 * about the Local Offer, heard or received in a period. Only published items come with their
 * words (the "you said" an organiser wrote, and each "we did"): they are public already. Feedback
 * is never public: it comes as counts only, and its sender's words never leave this file.
 */
import { and, asc, between, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { BoardStatus, FeedbackStatus, LocalOfferAspect } from '$lib/features/board/model';
import { londonDate, type Period } from '$lib/time';
import type { Db } from '../db';
import { boardItem, boardResponse, feedback, service } from '../db/schema';

export type LocalOfferItem = {
	id: number;
	aspect: LocalOfferAspect;
	youSaid: string;
	easyRead: string | null;
	easyReadSymbol: string | null;
	voices: number;
	status: BoardStatus;
	heardOn: string;
	dueOn: string;
	firstAnsweredOn: string | null;
	/** Each "we did", oldest first: its words, its day, who answered (a service's name, or null for the forum) and the status it set. */
	weDid: { text: string; on: string; by: string | null; status: BoardStatus }[];
};

/** The published board items about the Local Offer heard in the period, by the day heard. */
export function localOfferItems(db: Db, period: Period): LocalOfferItem[] {
	const rows = db
		.select()
		.from(boardItem)
		.where(and(isNotNull(boardItem.localOffer), isNotNull(boardItem.publishedAt), between(boardItem.heardOn, period.start, period.end)))
		.orderBy(asc(boardItem.heardOn), asc(boardItem.id))
		.all();
	if (!rows.length) return [];
	const responses = db
		.select({ itemId: boardResponse.itemId, text: boardResponse.text, createdAt: boardResponse.createdAt, serviceName: service.name, status: boardResponse.statusAfter })
		.from(boardResponse)
		.leftJoin(service, eq(service.id, boardResponse.serviceId))
		.where(inArray(boardResponse.itemId, rows.map((r) => r.id)))
		.orderBy(asc(boardResponse.createdAt), asc(boardResponse.id))
		.all();
	return rows.map((r) => ({
		id: r.id,
		aspect: r.localOffer!,
		youSaid: r.youSaid,
		easyRead: r.easyRead,
		easyReadSymbol: r.easyReadSymbol,
		voices: r.voices,
		status: r.status,
		heardOn: r.heardOn,
		dueOn: r.dueOn,
		firstAnsweredOn: r.firstAnsweredOn,
		weDid: responses
			.filter((x) => x.itemId === r.id)
			.map((x) => ({ text: x.text, on: londonDate(x.createdAt), by: x.serviceName, status: x.status }))
	}));
}

/** How many items about the Local Offer heard in the period are not on the public board (yet), by aspect. */
export function localOfferUnpublished(db: Db, period: Period): { aspect: LocalOfferAspect; n: number }[] {
	return db
		.select({ aspect: boardItem.localOffer, n: count() })
		.from(boardItem)
		.where(and(isNotNull(boardItem.localOffer), isNull(boardItem.publishedAt), between(boardItem.heardOn, period.start, period.end)))
		.groupBy(boardItem.localOffer)
		.all()
		.map((r) => ({ aspect: r.aspect!, n: r.n }));
}

/** Feedback about the Local Offer received in the period: counts by aspect and by what became of it. Counts only. */
export function localOfferFeedbackCounts(db: Db, period: Period): { aspect: LocalOfferAspect; status: FeedbackStatus; n: number }[] {
	return db
		.select({ aspect: feedback.localOffer, status: feedback.status, n: count() })
		.from(feedback)
		.where(and(isNotNull(feedback.localOffer), between(feedback.receivedOn, period.start, period.end)))
		.groupBy(feedback.localOffer, feedback.status)
		.all()
		.map((r) => ({ aspect: r.aspect!, status: r.status, n: r.n }));
}
