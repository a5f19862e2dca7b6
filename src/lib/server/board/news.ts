/**
 * What the board tells people who follow it (issue 16, points 1 to 3): an item put on the public
 * board, an item answered ("we did", with its new status), and feedback received (its reference,
 * to the sender who left an address and consent). Who is told: the subscribers of the whole
 * board, of one of the item's services or of one of its topic tags, and the senders of the
 * feedback it became or joined.
 */
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { TopicRef } from '$lib/features/subscriptions/model';
import { statusName } from '$lib/labels';
import type { EmailContent, EventKind } from '../contributions';
import type { Db } from '../db';
import { boardItem, boardItemService, boardItemTopic, boardResponse, feedback } from '../db/schema';
import * as subscriptions from '../subscriptions';

export const ITEM_PUBLISHED = 'board.item_published';
export const ITEM_ANSWERED = 'board.item_answered';
export const FEEDBACK_RECEIVED = 'board.feedback_received';

/** The item, only while it is on the public board (an item taken off tells nobody). */
function publicItem(db: Db, id: number) {
	return db.select().from(boardItem).where(and(eq(boardItem.id, id), isNotNull(boardItem.publishedAt))).get() ?? null;
}

/** Everything that follows an item: the board, its services, its topics, its feedback's senders. */
function followersOfItem(db: Db, itemId: number): TopicRef[] {
	if (!publicItem(db, itemId)) return [];
	const services = db.select({ id: boardItemService.serviceId }).from(boardItemService).where(eq(boardItemService.itemId, itemId)).all();
	const topics = db.select({ topic: boardItemTopic.topic }).from(boardItemTopic).where(eq(boardItemTopic.itemId, itemId)).all();
	const sent = db.select({ id: feedback.id }).from(feedback).where(eq(feedback.boardItemId, itemId)).all();
	return [
		{ topic: 'board', ref: '' },
		...services.map((s) => ({ topic: 'board_service' as const, ref: String(s.id) })),
		...topics.map((t) => ({ topic: 'board_topic' as const, ref: t.topic })),
		...sent.map((f) => ({ topic: 'feedback' as const, ref: String(f.id) }))
	];
}

function answerOf(db: Db, responseId: number) {
	return db.select().from(boardResponse).where(eq(boardResponse.id, responseId)).get() ?? null;
}

const readIt = (id: number, locale: Locale) => ({ label: m.board_email_read_item({}, { locale }), path: `/board/${id}` });

function publishedEmail(db: Db, id: string | null, locale: Locale): EmailContent | null {
	const item = publicItem(db, Number(id));
	if (!item) return null;
	return {
		subject: m.board_email_published_subject({}, { locale }),
		paragraphs: [m.board_email_you_said({ text: item.youSaid }, { locale }), m.board_email_status({ status: statusName(item.status, locale) }, { locale })],
		action: readIt(item.id, locale),
		because: ''
	};
}

function answeredEmail(db: Db, id: string | null, locale: Locale): EmailContent | null {
	const answer = answerOf(db, Number(id));
	const item = answer && publicItem(db, answer.itemId);
	if (!answer || !item) return null;
	return {
		subject: m.board_email_answered_subject({ status: statusName(answer.statusAfter, locale) }, { locale }),
		paragraphs: [
			m.board_email_you_said({ text: item.youSaid }, { locale }),
			m.board_email_we_did({ text: answer.text }, { locale }),
			m.board_email_status({ status: statusName(answer.statusAfter, locale) }, { locale }),
			...(answer.reason ? [m.board_email_reason({ reason: answer.reason }, { locale })] : [])
		],
		action: readIt(item.id, locale),
		because: ''
	};
}

function receivedEmail(db: Db, id: string | null, locale: Locale): EmailContent | null {
	const row = db.select({ reference: feedback.reference }).from(feedback).where(eq(feedback.id, Number(id))).get();
	if (!row) return null;
	return {
		subject: m.board_email_received_subject({ reference: row.reference }, { locale }),
		paragraphs: [m.board_email_received_body({ reference: row.reference }, { locale }), m.board_email_received_next({}, { locale })],
		action: { label: m.board_email_received_action({}, { locale }), path: `/follow?ref=${row.reference}` },
		because: ''
	};
}

/** The latest answer's id of an item (for tests and the seed: which answer an email is about). */
export function latestAnswerId(db: Db, itemId: number): number | null {
	return db.select({ id: boardResponse.id }).from(boardResponse).where(eq(boardResponse.itemId, itemId)).orderBy(desc(boardResponse.id)).get()?.id ?? null;
}

export const NEWS_EVENTS: Record<string, EventKind> = {
	[ITEM_PUBLISHED]: { name: m.board_event_item_published, recipients: subscriptions.recipientsOf((db, id) => followersOfItem(db, Number(id))), message: publishedEmail },
	[ITEM_ANSWERED]: {
		name: m.board_event_item_answered,
		recipients: subscriptions.recipientsOf((db, id) => {
			const answer = answerOf(db, Number(id));
			return answer ? followersOfItem(db, answer.itemId) : [];
		}),
		message: answeredEmail
	},
	[FEEDBACK_RECEIVED]: {
		name: m.board_event_feedback_received,
		recipients: subscriptions.recipientsOf((_db, id) => [{ topic: 'feedback', ref: String(id) }]),
		message: receivedEmail
	}
};
