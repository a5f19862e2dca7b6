import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { BOARD_SOURCES, BOARD_STATUSES, FEEDBACK_STATUSES, FEEDBACK_WHO, LOCAL_OFFER_ASPECTS, RESPONDERS } from '../../features/board/model';
import { user } from '../accounts/schema';
import { service } from '../services/schema';
import { survey } from '../surveys/schema';
import { boolean, id, reference, timestamp } from '../db/columns';

/**
 * A "you said" item on the board. Calendar days (heardOn, dueOn, firstAnsweredOn) are ISO
 * dates "YYYY-MM-DD": they are days in England, not instants.
 */
export const boardItem = sqliteTable(
	'board_item',
	{
		id: id(),
		youSaid: text('you_said').notNull(),
		easyRead: text('easy_read'),
		/** A symbol id from $lib/symbols/catalogue, shown beside the easy-read words. */
		easyReadSymbol: text('easy_read_symbol'),
		voices: integer('voices').notNull().default(1),
		source: text('source', { enum: BOARD_SOURCES }).notNull(),
		/** Where exactly it came from, in words ("Spring 2026 short breaks survey"). */
		sourceDetail: text('source_detail').notNull().default(''),
		/** The survey it was heard in, when it came from one: a survey's receipt on /follow lists the items raised from it. */
		surveyId: reference('survey_id', () => survey.id, 'set null'),
		status: text('status', { enum: BOARD_STATUSES }).notNull().default('heard'),
		heardOn: text('heard_on').notNull(),
		/** heardOn plus the area's "we reply within N weeks" when the item was made. */
		dueOn: text('due_on').notNull(),
		/** The day of the first "we did": answered on time means firstAnsweredOn <= dueOn. */
		firstAnsweredOn: text('first_answered_on'),
		/** null: not about the Local Offer; otherwise which aspect of it (the yearly Local Offer report). */
		localOffer: text('local_offer', { enum: LOCAL_OFFER_ASPECTS }),
		publishedAt: timestamp('published_at'),
		createdAt: timestamp('created_at').notNull(),
		/** Newest change anyone can see: the board lists by this. */
		lastActivityAt: timestamp('last_activity_at').notNull()
	},
	(t) => [
		// serves the public board: published items, newest activity first
		index('board_item_published_activity_idx').on(t.publishedAt, t.lastActivityAt),
		// serves the overdue list: unanswered items by due date
		index('board_item_due_idx').on(t.firstAnsweredOn, t.dueOn),
		// serves a survey receipt's "raised from it"
		index('board_item_survey_idx').on(t.surveyId),
		// serves the yearly Local Offer report: items about it, by the day they were heard
		index('board_item_local_offer_idx').on(t.localOffer, t.heardOn)
	]
);

/** Which services an item is about. */
export const boardItemService = sqliteTable(
	'board_item_service',
	{
		itemId: reference('item_id', () => boardItem.id, 'cascade').notNull(),
		serviceId: reference('service_id', () => service.id, 'restrict').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.itemId, t.serviceId] }),
		// serves the board's service and sector filters
		index('board_item_service_service_idx').on(t.serviceId)
	]
);

/** Topic tags ("communication", "waiting times"), lower case. */
export const boardItemTopic = sqliteTable(
	'board_item_topic',
	{
		itemId: reference('item_id', () => boardItem.id, 'cascade').notNull(),
		topic: text('topic').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.itemId, t.topic] }),
		// serves the topic filter
		index('board_item_topic_topic_idx').on(t.topic)
	]
);

/** A dated "we did": what was done, by whom, and the status it moved the item to. */
export const boardResponse = sqliteTable(
	'board_response',
	{
		id: id(),
		itemId: reference('item_id', () => boardItem.id, 'cascade').notNull(),
		text: text('text').notNull(),
		responder: text('responder', { enum: RESPONDERS }).notNull(),
		/** The service that answered, when the responder is a service. */
		serviceId: reference('service_id', () => service.id, 'set null'),
		authorId: reference('author_id', () => user.id, 'set null'),
		statusBefore: text('status_before', { enum: BOARD_STATUSES }).notNull(),
		statusAfter: text('status_after', { enum: BOARD_STATUSES }).notNull(),
		/** Why it is not possible: required when statusAfter is not_possible. */
		reason: text('reason'),
		createdAt: timestamp('created_at').notNull()
	},
	// serves an item's history
	(t) => [index('board_response_item_idx').on(t.itemId, t.createdAt)]
);

/**
 * Feedback anyone sent through the plain form. Never public by itself. To keep senders
 * private it holds no account, no address and only the day it came in.
 */
export const feedback = sqliteTable(
	'feedback',
	{
		id: id(),
		/** What the sender is given to follow it on /follow ("FB-7K2Q-9MXD"): random, never the id, so no one counts feedback or guesses another's. */
		reference: text('reference').notNull().unique(),
		whatHappened: text('what_happened').notNull(),
		/** null: "not sure" which service. */
		serviceId: reference('service_id', () => service.id, 'set null'),
		contactName: text('contact_name'),
		contactEmail: text('contact_email'),
		contactPhone: text('contact_phone'),
		consentToContact: boolean('consent_to_contact').notNull().default(false),
		aboutWho: text('about_who', { enum: FEEDBACK_WHO }),
		/** null: not about the Local Offer (or not said); otherwise which aspect: the sender's answer or a moderator's. */
		localOffer: text('local_offer', { enum: LOCAL_OFFER_ASPECTS }),
		receivedOn: text('received_on').notNull(),
		status: text('status', { enum: FEEDBACK_STATUSES }).notNull().default('new'),
		/** The board item it became or was merged into. */
		boardItemId: reference('board_item_id', () => boardItem.id, 'set null'),
		closedReason: text('closed_reason')
	},
	(t) => [
		// serves the moderation queue: by status, oldest first
		index('feedback_status_idx').on(t.status, t.id),
		// serves the yearly Local Offer report's counts: feedback about it, by the day it came in
		index('feedback_local_offer_idx').on(t.localOffer, t.receivedOn)
	]
);

/** A reply an organiser sent to someone who left contact details and consent. */
export const feedbackReply = sqliteTable(
	'feedback_reply',
	{
		id: id(),
		feedbackId: reference('feedback_id', () => feedback.id, 'cascade').notNull(),
		text: text('text').notNull(),
		authorId: reference('author_id', () => user.id, 'set null'),
		emailed: boolean('emailed').notNull().default(false),
		createdAt: timestamp('created_at').notNull()
	},
	// serves a feedback's replies
	(t) => [index('feedback_reply_feedback_idx').on(t.feedbackId)]
);

/**
 * Feedback sent per address per hour, for the rate limit. The key is a SHA-256 of the
 * address and the hour, so it cannot be tied back to a feedback row or an address.
 */
export const feedbackRate = sqliteTable('feedback_rate', {
	key: text('key').primaryKey(),
	count: integer('count').notNull(),
	hourStart: timestamp('hour_start').notNull()
});

export type BoardItem = typeof boardItem.$inferSelect;
export type BoardResponse = typeof boardResponse.$inferSelect;
export type Feedback = typeof feedback.$inferSelect;
