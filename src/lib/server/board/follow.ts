/**
 * Following feedback by its reference (/follow): what happened to it, with no personal data. The
 * sender's words, name and contact details are never shown: a reference read over someone's
 * shoulder tells only where the feedback got to.
 *
 * Lookups count against the address they come from (the throttle, keyed by an HMAC so the count
 * names no address): FOLLOW_TRIES_PER_ADDRESS_PER_DAY a day, a right one given back, then waits
 * up to 15 minutes. References have about 39 bits, so this is a second line against guessing.
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { BoardStatus } from '$lib/features/board/model';
import { writeTransaction, type Db } from '../db';
import { boardItem, boardResponse, feedback, feedbackReply } from '../db/schema';
import { addressKey, counterKey, takeTry, trySucceeded, type Limit } from '../auth/throttle';

/** Letters and digits nobody misreads (no I, L, O, U, 0 or 1), as receipt codes use. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export const FOLLOW_TRIES_PER_ADDRESS_PER_DAY = 30;

/** A new reference: "FB-" and two groups of four (30^8, about 6.6 × 10^11 of them). */
export function newReference(): string {
	const chars = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
	return `FB-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** A typed reference as it was given: capitals, the dashes where they go, "FB" optional. */
export function normaliseReference(typed: string): string {
	const plain = typed.normalize('NFKD').toUpperCase().replace(/[^0-9A-Z]/g, '');
	const chars = plain.startsWith('FB') && plain.length === 10 ? plain.slice(2) : plain;
	return chars.length === 8 ? `FB-${chars.slice(0, 4)}-${chars.slice(4)}` : chars;
}

/** Whether `text` is a reference as Chorus writes them. */
export function isReference(text: string): boolean {
	return /^FB-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(text);
}

const followLimit = (address: string, now: Date): Limit => ({
	key: counterKey(`follow:${addressKey(address)}:${now.toISOString().slice(0, 10)}`),
	freeFailures: FOLLOW_TRIES_PER_ADDRESS_PER_DAY,
	maxWaitMs: 15 * 60_000,
	clearOnSuccess: false
});

/** Where a piece of feedback got to, in what may be shown to anyone holding its reference. */
export type FeedbackProgress = {
	reference: string;
	receivedOn: string;
	state: 'received' | 'looked_at' | 'on_the_board' | 'being_prepared' | 'closed';
	/** The reason the organisers gave, for 'closed'. */
	closedReason: string | null;
	/** The published board item it became or joined, for 'on_the_board'. */
	item: { id: number; youSaid: string; status: BoardStatus; latestWeDid: string | null } | null;
};

export type Followed = { state: 'found'; progress: FeedbackProgress } | { state: 'not_found' } | { state: 'too_many_tries'; retryAfterSeconds: number };

/**
 * Finds feedback by its reference, typed by someone at `address`: its progress, 'not_found', or
 * 'too_many_tries' with how long to wait. Every try is counted before the look-up.
 */
export function follow(db: Db, typed: string, address: string, now = new Date()): Followed {
	const reference = normaliseReference(typed.slice(0, 100));
	return writeTransaction(db, (tx) => {
		const gate = takeTry(tx, [followLimit(address, now)], now);
		if (!gate.allowed) return { state: 'too_many_tries' as const, retryAfterSeconds: gate.retryAfterSeconds };
		const row = tx
			.select({ id: feedback.id, receivedOn: feedback.receivedOn, status: feedback.status, itemId: feedback.boardItemId, closedReason: feedback.closedReason })
			.from(feedback)
			.where(eq(feedback.reference, reference))
			.get();
		if (!row) return { state: 'not_found' as const };
		trySucceeded(tx, gate);
		return { state: 'found' as const, progress: progressOf(tx, reference, row) };
	});
}

function progressOf(
	db: Db,
	reference: string,
	row: { id: number; receivedOn: string; status: string; itemId: number | null; closedReason: string | null }
): FeedbackProgress {
	const base = { reference, receivedOn: row.receivedOn, closedReason: null, item: null };
	if (row.status === 'closed') return { ...base, state: 'closed', closedReason: row.closedReason };
	if (row.itemId !== null) {
		const item = db
			.select({ id: boardItem.id, youSaid: boardItem.youSaid, status: boardItem.status, publishedAt: boardItem.publishedAt })
			.from(boardItem)
			.where(eq(boardItem.id, row.itemId))
			.get();
		if (!item?.publishedAt) return { ...base, state: 'being_prepared' };
		return { ...base, state: 'on_the_board', item: { id: item.id, youSaid: item.youSaid, status: item.status, latestWeDid: latestWeDid(db, item.id) } };
	}
	const replied = db.select({ id: feedbackReply.id }).from(feedbackReply).where(eq(feedbackReply.feedbackId, row.id)).limit(1).get();
	return { ...base, state: replied ? 'looked_at' : 'received' };
}

/** An item's newest "we did", or null before the first. */
function latestWeDid(db: Db, itemId: number): string | null {
	return (
		db
			.select({ text: boardResponse.text })
			.from(boardResponse)
			.where(eq(boardResponse.itemId, itemId))
			.orderBy(desc(boardResponse.createdAt), desc(boardResponse.id))
			.limit(1)
			.get()?.text ?? null
	);
}

/** The items on the public board raised from a survey, for its receipt on /follow: newest first, with their status and latest "we did". */
export function raisedFromSurvey(db: Db, surveyId: number): NonNullable<FeedbackProgress['item']>[] {
	return db
		.select({ id: boardItem.id, youSaid: boardItem.youSaid, status: boardItem.status })
		.from(boardItem)
		.where(and(eq(boardItem.surveyId, surveyId), isNotNull(boardItem.publishedAt)))
		.orderBy(desc(boardItem.id))
		.all()
		.map((item) => ({ ...item, latestWeDid: latestWeDid(db, item.id) }));
}
