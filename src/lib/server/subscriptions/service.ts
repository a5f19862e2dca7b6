/**
 * Email subscriptions anyone can take out, without an account (issue 16, point 2): follow the whole
 * board, one service's or one topic's items, new surveys for parent carers or young people, or
 * forum meetings; immediately or in one email a week; in their language.
 *
 * - **Double opt-in.** Subscribing writes unconfirmed subscriptions and emails a confirmation link
 *   (`subscriptions.confirm`). Nothing else is sent until the address's owner follows it, within
 *   CONFIRM_WITHIN_DAYS; retention deletes what was never confirmed.
 * - **Nothing given away.** The page says "check your email" whether the address was new, already
 *   subscribed or over its limit, so nobody learns who follows what.
 * - **The links are the key.** Confirm, manage and unsubscribe links carry an HMAC (links.ts);
 *   whoever holds one can read the address's subscriptions, change them or remove them all.
 * - **Feedback followers.** Sending feedback with an address and consent to be contacted follows
 *   that feedback (topic `feedback`), confirmed by the consent: its sender hears its reference and
 *   every change to the item it joined.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { isLocale } from '$lib/i18n';
import { CONFIRM_WITHIN_DAYS, type Frequency, type TopicRef } from '$lib/features/subscriptions/model';
import { addressKey, counterKey, takeTry, type Limit } from '../auth/throttle';
import type { RecipientList } from '../contributions';
import { writeTransaction, type Db } from '../db';
import * as outbox from '../outbox';
import { subscriber, subscription } from './schema';
import { CONFIRM_PATH, MANAGE_PATH, UNSUBSCRIBE_PATH, linkQuery, tokenMatches, type LinkKey } from './links';

export const CONFIRM = 'subscriptions.confirm';
export const MANAGE_LINK = 'subscriptions.manage_link';

const DAY_MS = 86_400_000;

/** Confirmation and "manage" emails one address may be sent a day, and requests one network address may make. */
export const EMAILS_PER_ADDRESS_PER_DAY = 3;
export const REQUESTS_PER_NETWORK_PER_DAY = 30;

const day = (now: Date) => now.toISOString().slice(0, 10);
const perEmail = (email: string, now: Date): Limit => ({
	key: counterKey(`subscribe-email:${email}:${day(now)}`),
	freeFailures: EMAILS_PER_ADDRESS_PER_DAY,
	maxWaitMs: DAY_MS,
	clearOnSuccess: false
});
const perNetwork = (address: string, now: Date): Limit => ({
	key: counterKey(`subscribe-network:${addressKey(address)}:${day(now)}`),
	freeFailures: REQUESTS_PER_NETWORK_PER_DAY,
	maxWaitMs: 15 * 60_000,
	clearOnSuccess: false
});

export type SubscribeInput = { email: string; topics: TopicRef[]; language: Locale; frequency: Frequency };

/** Addresses are kept and matched in lower case. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** The subscriber with this address, made if there is none (in `locale`, at `frequency`). */
function subscriberFor(tx: Db, email: string, locale: Locale, frequency: Frequency, now: Date) {
	const found = tx.select().from(subscriber).where(eq(subscriber.email, email)).get();
	if (found) return found;
	return tx
		.insert(subscriber)
		.values({ email, locale, frequency, linkNonce: randomBytes(16).toString('base64url'), createdAt: now })
		.returning()
		.get();
}

/**
 * Asks to follow `topics` at `email`: writes them unconfirmed (an address already following one
 * keeps it as it is) and emails a confirmation link. A new address gets the language and frequency
 * asked for; an existing one keeps its own (it changes them from its manage page), so nobody can
 * change another's emails from this form. Returns 'sent' or 'too_many' (the network address asked
 * too often; say so). Over the address's own daily limit nothing is sent, and the page says the
 * same as when it is. Throws nothing for a known or unknown address alike.
 */
export function subscribe(db: Db, input: SubscribeInput, networkAddress: string, now = new Date()): 'sent' | 'too_many' {
	const email = normaliseEmail(input.email);
	return writeTransaction(db, (tx) => {
		if (!takeTry(tx, [perNetwork(networkAddress, now)], now).allowed) return 'too_many';
		if (!takeTry(tx, [perEmail(email, now)], now).allowed) return 'sent';
		const s = subscriberFor(tx, email, input.language, input.frequency, now);
		for (const t of input.topics) {
			tx.insert(subscription).values({ subscriberId: s.id, topic: t.topic, ref: t.ref, createdAt: now }).onConflictDoNothing().run();
		}
		outbox.emit(tx, CONFIRM, s.id, now);
		return 'sent';
	});
}

/** Emails a link to manage the address's subscriptions, if it has any (the page says the same either way). */
export function sendManageLink(db: Db, typedEmail: string, networkAddress: string, now = new Date()): 'sent' | 'too_many' {
	const email = normaliseEmail(typedEmail);
	return writeTransaction(db, (tx) => {
		if (!takeTry(tx, [perNetwork(networkAddress, now)], now).allowed) return 'too_many';
		if (!takeTry(tx, [perEmail(email, now)], now).allowed) return 'sent';
		const s = tx.select({ id: subscriber.id }).from(subscriber).where(eq(subscriber.email, email)).get();
		if (s) outbox.emit(tx, MANAGE_LINK, s.id, now);
		return 'sent';
	});
}

/** The subscriber a link opens, or null (no such subscriber, or a wrong token). */
function opened(db: Db, key: LinkKey | null) {
	if (!key) return null;
	const s = db.select().from(subscriber).where(eq(subscriber.id, key.id)).get();
	return s && tokenMatches(s.id, s.linkNonce, key.token) ? s : null;
}

export type Subscriptions = {
	email: string;
	locale: Locale;
	frequency: Frequency;
	following: (TopicRef & { confirmed: boolean; since: Date })[];
	/** Links for this address (its manage page's own), to put in forms. */
	query: string;
};

/** What an address follows, for whoever holds one of its links; null when the link opens nothing. */
export function read(db: Db, key: LinkKey | null): Subscriptions | null {
	const s = opened(db, key);
	if (!s) return null;
	const following = db
		.select({ topic: subscription.topic, ref: subscription.ref, confirmed: subscription.confirmed, since: subscription.createdAt })
		.from(subscription)
		.where(eq(subscription.subscriberId, s.id))
		.orderBy(subscription.id)
		.all();
	return { email: s.email, locale: isLocale(s.locale) ? s.locale : 'en', frequency: s.frequency, following, query: linkQuery(s.id, s.linkNonce) };
}

export type Confirmed = 'confirmed' | 'expired' | 'nothing_to_confirm' | 'bad_link';

/**
 * Confirms the address's subscriptions waiting for it (asked for within CONFIRM_WITHIN_DAYS).
 * 'expired' when what waited is older; 'nothing_to_confirm' when all were confirmed already.
 */
export function confirm(db: Db, key: LinkKey | null, now = new Date()): Confirmed {
	return writeTransaction(db, (tx) => {
		const s = opened(tx, key);
		if (!s) return 'bad_link';
		const waiting = and(eq(subscription.subscriberId, s.id), eq(subscription.confirmed, false));
		const fresh = tx
			.update(subscription)
			.set({ confirmed: true })
			.where(and(waiting, sql`${subscription.createdAt} >= ${now.getTime() - CONFIRM_WITHIN_DAYS * DAY_MS}`))
			.run().changes;
		if (fresh > 0) return 'confirmed';
		return tx.select({ id: subscription.id }).from(subscription).where(waiting).get() ? 'expired' : 'nothing_to_confirm';
	});
}

export type ManageInput = { topics: TopicRef[]; language: Locale; frequency: Frequency };

/**
 * Sets what the address follows from its manage page: the topics ticked (confirmed: the link
 * proves the address is theirs), its language and how often. Returns false when the link opens
 * nothing.
 */
export function update(db: Db, key: LinkKey | null, input: ManageInput, now = new Date()): boolean {
	return writeTransaction(db, (tx) => {
		const s = opened(tx, key);
		if (!s) return false;
		tx.update(subscriber).set({ locale: input.language, frequency: input.frequency }).where(eq(subscriber.id, s.id)).run();
		const keep = new Set(input.topics.map((t) => `${t.topic}:${t.ref}`));
		const current = tx.select().from(subscription).where(eq(subscription.subscriberId, s.id)).all();
		const gone = current.filter((c) => !keep.has(`${c.topic}:${c.ref}`)).map((c) => c.id);
		if (gone.length) tx.delete(subscription).where(inArray(subscription.id, gone)).run();
		for (const t of input.topics) {
			tx.insert(subscription)
				.values({ subscriberId: s.id, topic: t.topic, ref: t.ref, confirmed: true, createdAt: now })
				.onConflictDoUpdate({ target: [subscription.subscriberId, subscription.topic, subscription.ref], set: { confirmed: true } })
				.run();
		}
		return true;
	});
}

/** Removes the address and everything it follows (and every email waiting for it). Returns false when the link opens nothing. */
export function unsubscribe(db: Db, key: LinkKey | null): boolean {
	return writeTransaction(db, (tx) => {
		const s = opened(tx, key);
		if (!s) return false;
		tx.delete(subscriber).where(eq(subscriber.id, s.id)).run();
		return true;
	});
}

/**
 * Follows one piece of feedback for its sender, who gave an address and consent to be contacted:
 * confirmed by that consent, immediately whatever the address's frequency (see `recipientsOf`).
 * Call it inside the feedback's own transaction.
 */
export function followFeedback(tx: Db, email: string, locale: Locale, feedbackId: number, now = new Date()): void {
	const s = subscriberFor(tx, normaliseEmail(email), locale, 'immediately', now);
	tx.insert(subscription).values({ subscriberId: s.id, topic: 'feedback', ref: String(feedbackId), confirmed: true, createdAt: now }).onConflictDoNothing().run();
}

/** Stops following these pieces of feedback (their contact details were removed). Returns how many followers went. */
export function unfollowFeedback(tx: Db, feedbackIds: readonly number[]): number {
	if (feedbackIds.length === 0) return 0;
	return tx
		.delete(subscription)
		.where(and(eq(subscription.topic, 'feedback'), inArray(subscription.ref, feedbackIds.map(String))))
		.run().changes;
}

/** The confirmed subscribers of any of `topics` at `frequency` (any frequency when null), a page at a time. */
function subscribersOf(db: Db, topics: readonly TopicRef[], frequency: Frequency | null, after: number, limit: number): number[] {
	if (topics.length === 0) return [];
	const wanted = JSON.stringify(topics.map((t) => [t.topic, t.ref]));
	return db
		.all<{ id: number }>(
			sql`select distinct s.subscriber_id as id from subscription s
			    join subscriber r on r.id = s.subscriber_id
			    where s.confirmed = 1 and s.subscriber_id > ${after}
			      and (${frequency} is null or r.frequency = ${frequency})
			      and exists (select 1 from json_each(${wanted}) w where w.value ->> 0 = s.topic and w.value ->> 1 = s.ref)
			    order by s.subscriber_id limit ${limit}`
		)
		.map((r) => r.id);
}

/**
 * Who is told about an event, for a feature's `events`: the subscribers of the topics the event
 * is about, in two lists: those who want each email as it happens, and those whose weekly digest
 * holds it. A feedback's own followers always hear at once (it is about them).
 */
export function recipientsOf(topicsOf: (db: Db, subjectId: string | null) => TopicRef[]): RecipientList[] {
	const split = (db: Db, id: string | null) => {
		const topics = topicsOf(db, id);
		return { feedback: topics.filter((t) => t.topic === 'feedback'), others: topics.filter((t) => t.topic !== 'feedback') };
	};
	// feedback followers first: one who also follows the board weekly still hears about their own at once
	return [
		{ to: 'subscriber', ids: (db, id, after, limit) => subscribersOf(db, split(db, id).feedback, null, after, limit) },
		{ to: 'subscriber', ids: (db, id, after, limit) => subscribersOf(db, split(db, id).others, 'immediately', after, limit) },
		{ to: 'subscriber', digest: true, ids: (db, id, after, limit) => subscribersOf(db, split(db, id).others, 'weekly', after, limit) }
	];
}

/** Where a subscriber's emails go, for the outbox worker (outbox.SubscriberBook). */
export const addressBook: outbox.SubscriberBook = (db, id) => {
	const s = db.select().from(subscriber).where(eq(subscriber.id, id)).get();
	if (!s) return null;
	const locale = isLocale(s.locale) ? s.locale : 'en';
	const query = linkQuery(s.id, s.linkNonce);
	return { to: s.email, locale, because: m.subscriptions_email_because({}, { locale }), managePath: `${MANAGE_PATH}?${query}`, unsubscribePath: `${UNSUBSCRIBE_PATH}?${query}` };
};

/** The subscriber's confirm, manage and unsubscribe pages, for its emails; null when it is gone. */
export function linkPaths(db: Db, id: number): { confirm: string; manage: string; unsubscribe: string } | null {
	const s = db.select().from(subscriber).where(eq(subscriber.id, id)).get();
	if (!s) return null;
	const query = linkQuery(s.id, s.linkNonce);
	return { confirm: `${CONFIRM_PATH}?${query}`, manage: `${MANAGE_PATH}?${query}`, unsubscribe: `${UNSUBSCRIBE_PATH}?${query}` };
}

/** What the subscriber asked for and has not confirmed yet. */
export function waitingTopics(db: Db, id: number): TopicRef[] {
	return db
		.select({ topic: subscription.topic, ref: subscription.ref })
		.from(subscription)
		.where(and(eq(subscription.subscriberId, id), eq(subscription.confirmed, false)))
		.orderBy(subscription.id)
		.all();
}

/** Deletes subscriptions never confirmed within CONFIRM_WITHIN_DAYS, then addresses that follow nothing. Returns how many subscriptions went. */
export function forgetUnconfirmed(tx: Db, now: Date): number {
	const removed = tx
		.delete(subscription)
		.where(and(eq(subscription.confirmed, false), lt(subscription.createdAt, new Date(now.getTime() - CONFIRM_WITHIN_DAYS * DAY_MS))))
		.run().changes;
	tx.delete(subscriber)
		.where(and(lt(subscriber.createdAt, new Date(now.getTime() - CONFIRM_WITHIN_DAYS * DAY_MS)), sql`not exists (select 1 from subscription where subscriber_id = ${subscriber.id})`))
		.run();
	return removed;
}

/*
 * For the forum (issue 18): a member who joins with an email address only is reached as a
 * subscriber (the outbox's recipient without an account), and opened by the subscriber's own
 * links, so there is one kind of address, one kind of link and one set of limits (0050, 0055).
 */

/** The subscriber with this address, made if there is none (it follows nothing yet). Returns its id. Call inside a transaction. */
export function ensureSubscriber(tx: Db, email: string, locale: Locale, now = new Date()): number {
	return subscriberFor(tx, normaliseEmail(email), locale, 'immediately', now).id;
}

/** The subscriber with this address, if there is one. */
export function subscriberIdOf(db: Db, email: string): number | null {
	return db.select({ id: subscriber.id }).from(subscriber).where(eq(subscriber.email, normaliseEmail(email))).get()?.id ?? null;
}

/** The address a link opens (its subscriber's id, address and link query), or null for a bad link. */
export function addressOf(db: Db, key: LinkKey | null): { id: number; email: string; locale: Locale; query: string } | null {
	const s = opened(db, key);
	return s ? { id: s.id, email: s.email, locale: isLocale(s.locale) ? s.locale : 'en', query: linkQuery(s.id, s.linkNonce) } : null;
}

/** The link query (`s=…&t=…`) of a subscriber, or null when it has gone. */
export function linkQueryOf(db: Db, id: number): string | null {
	const s = db.select().from(subscriber).where(eq(subscriber.id, id)).get();
	return s ? linkQuery(s.id, s.linkNonce) : null;
}

/**
 * Takes one "email me a link" try for `email` from `networkAddress` under the subscribe form's
 * limits: 'ok', 'quiet' (the address's own daily limit: send nothing, say the same) or
 * 'too_many' (the network address asked too often: say so). Call inside a transaction.
 */
export function takeEmailTry(tx: Db, email: string, networkAddress: string, now = new Date()): 'ok' | 'quiet' | 'too_many' {
	if (!takeTry(tx, [perNetwork(networkAddress, now)], now).allowed) return 'too_many';
	if (!takeTry(tx, [perEmail(normaliseEmail(email), now)], now).allowed) return 'quiet';
	return 'ok';
}

/** Follows `topic` at `email`, confirmed (the caller knows the address is theirs: an account's, or a link followed). */
export function followConfirmed(tx: Db, email: string, locale: Locale, topic: TopicRef, now = new Date()): void {
	const s = subscriberFor(tx, normaliseEmail(email), locale, 'immediately', now);
	tx.insert(subscription)
		.values({ subscriberId: s.id, topic: topic.topic, ref: topic.ref, confirmed: true, createdAt: now })
		.onConflictDoUpdate({ target: [subscription.subscriberId, subscription.topic, subscription.ref], set: { confirmed: true } })
		.run();
}

/** Stops `email` following `topic`. */
export function unfollow(tx: Db, email: string, topic: TopicRef): void {
	const id = subscriberIdOf(tx, email);
	if (id === null) return;
	tx.delete(subscription).where(and(eq(subscription.subscriberId, id), eq(subscription.topic, topic.topic), eq(subscription.ref, topic.ref))).run();
}

/** Whether `email` follows `topic` (confirmed). */
export function follows(db: Db, email: string, topic: TopicRef): boolean {
	const id = subscriberIdOf(db, email);
	if (id === null) return false;
	return Boolean(
		db.select({ id: subscription.id }).from(subscription)
			.where(and(eq(subscription.subscriberId, id), eq(subscription.topic, topic.topic), eq(subscription.ref, topic.ref), eq(subscription.confirmed, true)))
			.get()
	);
}
