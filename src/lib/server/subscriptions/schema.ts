import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { FREQUENCIES, SUBSCRIPTION_TOPICS } from '../../features/subscriptions/model';
import { boolean, id, reference, timestamp } from '../db/columns';

/**
 * An email address that follows something, with no account (issue 16, point 2). One row per
 * address. Its links (confirm, manage, unsubscribe) carry an HMAC of its id and `link_nonce` made
 * with the server's secret key (links.ts): nothing in the database alone opens them.
 */
export const subscriber = sqliteTable('subscriber', {
	id: id(),
	/** In lower case; unique. */
	email: text('email').notNull().unique(),
	/** The language its emails are written in (an interface language). */
	locale: text('locale').notNull(),
	frequency: text('frequency', { enum: FREQUENCIES }).notNull().default('immediately'),
	/** Random; part of what its links are made from. */
	linkNonce: text('link_nonce').notNull(),
	createdAt: timestamp('created_at').notNull()
});

/**
 * One thing a subscriber follows. Unconfirmed until the address's owner follows the link in the
 * confirmation email (double opt-in); unconfirmed ones are deleted after CONFIRM_WITHIN_DAYS.
 */
export const subscription = sqliteTable(
	'subscription',
	{
		id: id(),
		subscriberId: reference('subscriber_id', () => subscriber.id, 'cascade').notNull(),
		topic: text('topic', { enum: SUBSCRIPTION_TOPICS }).notNull(),
		/** Which service, topic tag or feedback; '' for topics that have one. */
		ref: text('ref').notNull().default(''),
		confirmed: boolean('confirmed').notNull().default(false),
		/** When it was asked for: a confirmation link works for CONFIRM_WITHIN_DAYS after. */
		createdAt: timestamp('created_at').notNull()
	},
	(t) => [
		uniqueIndex('subscription_once').on(t.subscriberId, t.topic, t.ref),
		// serves the fan-out: the confirmed subscribers of a topic, a page at a time in id order
		index('subscription_topic').on(t.topic, t.ref, t.confirmed, t.subscriberId)
	]
);
