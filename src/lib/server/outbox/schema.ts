import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { OUTBOX_STATUSES } from '../../features/outbox/model';
import { user } from '../accounts/schema';
import { boolean, id, reference, timestamp } from '../db/columns';
import { subscriber } from '../subscriptions/schema';

/**
 * Something happened that people are told about by email (a flag raised, an item's status
 * changed...): written once, inside the transaction of the change, by `emit` (decision 0048).
 * It holds the event's kind and the id of what it is about, never words or addresses, and no exact
 * time: an event about an anonymous answer must not give that answer a time (only the day).
 */
export const outboxEvent = sqliteTable(
	'outbox_event',
	{
		id: id(),
		/** 'feature.what_happened', a key of some feature's `events` contribution. */
		kind: text('kind').notNull(),
		/** What it is about (a flag, an item...), as text; null when the message needs nothing more. */
		subjectId: text('subject_id'),
		/** London date the event happened: for the admins' list and for retention. */
		happenedOn: text('happened_on').notNull(),
		/**
		 * For reminders found by a daily look (an answer due in 7 days, a flag overdue): what makes
		 * this one the same as an earlier one ("overdue:12:week-2"), so looking again emits nothing.
		 */
		onceKey: text('once_key').unique(),
		/**
		 * How far the worker has got in writing the deliveries: the index of the recipient list
		 * and the last recipient id written. Each batch moves it in the transaction that writes it.
		 */
		expandList: integer('expand_list').notNull().default(0),
		expandAfter: integer('expand_after').notNull().default(0),
		/** Set in the transaction that writes the last batch of deliveries. */
		expanded: integer('expanded', { mode: 'boolean' }).notNull().default(false)
	},
	// serves the worker: the events still to expand, oldest first
	(t) => [index('outbox_event_expanded').on(t.expanded, t.id)]
);

/**
 * One email to one recipient about one event: a person with an account (`user_id`) or a subscriber
 * without one (`subscriber_id`), never both. The unique keys are what make a delivery exactly one
 * per (event, recipient): writing the same batch twice after a crash adds nothing.
 *
 * The address is looked up when the email is sent, never stored here: erasing the person or
 * removing the subscriber removes their deliveries (the keys cascade) and nothing waiting is sent.
 */
export const outboxDelivery = sqliteTable(
	'outbox_delivery',
	{
		id: id(),
		eventId: reference('event_id', () => outboxEvent.id, 'cascade').notNull(),
		userId: reference('user_id', () => user.id, 'cascade'),
		subscriberId: reference('subscriber_id', () => subscriber.id, 'cascade'),
		/**
		 * For a subscriber who asked for one email a week: held until the weekly digest is due, then
		 * sent in one email with the subscriber's other held deliveries.
		 */
		digest: boolean('digest').notNull().default(false),
		status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('waiting'),
		/** Sends tried so far (failed ones; a sent delivery counts its last one too). */
		attempts: integer('attempts').notNull().default(0),
		/** When it may be tried (again): 0 = at once. Cleared to 0 once sent or dead, so no exact send time is kept. */
		nextTryAt: timestamp('next_try_at').notNull(),
		/** A worker holds it until then while it sends: another run (after a crash, a restart) leaves it alone until the time has passed. */
		claimedUntil: timestamp('claimed_until'),
		/** London date it was sent or given up on. */
		doneOn: text('done_on'),
		/** Why the last try failed, as a short code (the SMTP reply code or the error's code): never the address or the words. */
		lastError: text('last_error')
	},
	(t) => [
		uniqueIndex('outbox_delivery_once').on(t.eventId, t.userId),
		uniqueIndex('outbox_delivery_once_subscriber').on(t.eventId, t.subscriberId),
		check('outbox_delivery_one_recipient', sql`(user_id is null) <> (subscriber_id is null)`),
		// serves the worker's claim: the waiting deliveries that are due
		index('outbox_delivery_due').on(t.status, t.nextTryAt),
		// serves erasure and "My data"
		index('outbox_delivery_user').on(t.userId),
		index('outbox_delivery_subscriber').on(t.subscriberId)
	]
);

/**
 * The emails a person turned off, by event kind (only kinds whose `choice` lets them: never a
 * safeguarding lead's). Read when an event is expanded: a person who turned its kind off gets no
 * delivery.
 */
export const outboxChoice = sqliteTable(
	'outbox_choice',
	{
		userId: reference('user_id', () => user.id, 'cascade').notNull(),
		kind: text('kind').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);
