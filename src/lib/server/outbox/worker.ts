/**
 * The outbox worker (decision 0048): turns each emitted event into one delivery per recipient,
 * then sends the deliveries by email, with retries, a dead-letter state and no second copy after a
 * crash or restart. It runs in the app process, in short steps: every write is one short
 * transaction (a page of deliveries, a claim, a handful of marks) and it lets the event loop serve
 * requests between steps, so a survey submission never waits for more than one step.
 *
 * It knows no feature: the event kinds (who is told, in what words) come in as `kinds`, built by
 * the registry from every feature's `events` contribution. Addresses are read when an email is
 * sent, a person's from `user`, a subscriber's through `subscribers` (so an erased person or a
 * removed subscriber is never sent what was waiting for them).
 *
 * A subscriber who asked for one email a week has their deliveries held (`digest`) until the
 * next digest time; they are then claimed together and sent as one email listing every change.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { addDays, londonDate, londonToInstant } from '$lib/time';
import { m } from '$lib/paraglide/messages';
import { baseLocale, type Locale } from '$lib/paraglide/runtime';
import { RETRY_BACKOFF_MS } from '$lib/features/outbox/model';
import type { EmailContent, EventKind } from '../contributions';
import { writeTransaction, type Db } from '../db';
import { outboxChoice, outboxDelivery, outboxEvent } from './schema';
import { renderEmail, type RenderedEmail, type Footer } from './email';
import { happened } from '../happenings';

/** One email, ready for the SMTP transport. */
export type OutgoingEmail = RenderedEmail & {
	to: string;
	/** Stable for one (event, recipient): a mail system that sees it twice keeps one. */
	messageId: string;
	/** Further headers (a subscriber's one-click unsubscribe, say). */
	headers?: Record<string, string>;
};

/** Sends one email; rejects with the transport's error (nodemailer's carries `responseCode`). */
export type Send = (email: OutgoingEmail) => Promise<void>;

/**
 * Where a subscriber's emails go: the address, the language, why they get it, and the links every
 * one of their emails carries (to manage what they follow, and to stop it all in one click).
 * Null when there is no such subscriber any more.
 */
export type SubscriberAddress = { to: string; locale: Locale; because: string; managePath: string; unsubscribePath: string };
export type SubscriberBook = (db: Db, subscriberId: number) => SubscriberAddress | null;

export type WorkerOptions = {
	kinds: Record<string, EventKind>;
	/** Subscribers' addresses (the subscriptions feature's); without it, subscribers' deliveries are dropped. */
	subscribers?: SubscriberBook;
	send: Send;
	/** The site's public address, for links in emails and the Message-ID's host. */
	origin: string;
	/** Recipients written per transaction when expanding an event. */
	expandBatch?: number;
	/** Deliveries claimed per transaction. */
	claimBatch?: number;
	/** Emails sent at the same time (and marked together, in one transaction, when they are done). */
	concurrency?: number;
	/** How long a claim holds a delivery against other runs: longer than any send may take. */
	leaseMs?: number;
	now?: () => Date;
};

export type RunCounts = { deliveriesWritten: number; sent: number; failed: number; dead: number; dropped: number };

const DEFAULTS = { expandBatch: 500, claimBatch: 100, concurrency: 10, leaseMs: 5 * 60_000 };

/** Lets the event loop serve what is waiting (requests, group commits) between two steps. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** When the weekly digest goes: Monday at 8 in the morning, London time. */
export const DIGEST_DAY = 1;
export const DIGEST_TIME = '08:00';

/** The first digest time after `now`: the deliveries held for it are sent then, together. */
export function nextDigestAt(now: Date): Date {
	const today = londonDate(now);
	const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
	for (let ahead = (DIGEST_DAY - weekday + 7) % 7; ; ahead += 7) {
		const at = londonToInstant(addDays(today, ahead), DIGEST_TIME)!;
		if (at > now) return at;
	}
}

/**
 * Writes one page of deliveries for the oldest event not yet expanded, in one transaction, and
 * moves the event's cursor in that same transaction. Returns how many deliveries it wrote, or null
 * when no event is waiting. Safe to repeat after a crash: the unique key refuses copies.
 */
export function expandStep(db: Db, kinds: Record<string, EventKind>, batch = DEFAULTS.expandBatch, now = new Date()): number | null {
	return writeTransaction(db, (tx) => {
		const event = tx.select().from(outboxEvent).where(eq(outboxEvent.expanded, false)).orderBy(asc(outboxEvent.id)).limit(1).get();
		if (!event) return null;
		const lists = kinds[event.kind]?.recipients ?? [];
		const list = lists[event.expandList];
		if (!list) {
			// every list read (or a kind no feature declares any more: nobody to tell)
			tx.update(outboxEvent).set({ expanded: true }).where(eq(outboxEvent.id, event.id)).run();
			return 0;
		}
		const ids = list.ids(tx, event.subjectId, event.expandAfter, batch);
		// people who turned this kind of email off get none (the cursor still moves past them)
		const off = new Set(
			ids.length && list.to === 'person'
				? tx.select({ id: outboxChoice.userId }).from(outboxChoice).where(and(eq(outboxChoice.kind, event.kind), inArray(outboxChoice.userId, ids))).all().map((r) => r.id)
				: []
		);
		const held = list.digest ? { digest: true, nextTryAt: nextDigestAt(now) } : { digest: false, nextTryAt: new Date(0) };
		let written = 0;
		for (const id of ids.filter((id) => !off.has(id))) {
			const to = list.to === 'person' ? { userId: id } : { subscriberId: id };
			written += tx.insert(outboxDelivery).values({ eventId: event.id, ...to, ...held }).onConflictDoNothing().run().changes;
		}
		const next = ids.length < batch ? { expandList: event.expandList + 1, expandAfter: 0 } : { expandAfter: ids[ids.length - 1] };
		const done = ids.length < batch && event.expandList + 1 >= lists.length;
		tx.update(outboxEvent)
			.set({ ...next, expanded: done })
			.where(eq(outboxEvent.id, event.id))
			.run();
		return written;
	});
}

type Claimed = {
	id: number;
	eventId: number;
	userId: number | null;
	subscriberId: number | null;
	digest: boolean;
	attempts: number;
	kind: string;
	subjectId: string | null;
};

/**
 * Claims up to `batch` deliveries that are due and not held by another run, for `leaseMs`, in one
 * transaction, with every other due digest delivery of the same subscribers (a digest is one
 * email, so all of it is claimed at once). A run that dies holding them lets them go when the
 * lease runs out.
 */
export function claimDue(db: Db, now: Date, batch = DEFAULTS.claimBatch, leaseMs = DEFAULTS.leaseMs): Claimed[] {
	return writeTransaction(db, (tx) => {
		const t = now.getTime();
		const due = sql`status = 'waiting' and next_try_at <= ${t} and (claimed_until is null or claimed_until <= ${t})`;
		const ids = tx.all<{ id: number }>(
			sql`with first as (select id, subscriber_id, digest from outbox_delivery where ${due} order by next_try_at, id limit ${batch})
			    update outbox_delivery set claimed_until = ${t + leaseMs}
			    where id in (select id from first)
			       or (digest = 1 and ${due} and subscriber_id in (select subscriber_id from first where digest = 1))
			    returning id`
		);
		if (ids.length === 0) return [];
		return tx
			.select({
				id: outboxDelivery.id,
				eventId: outboxDelivery.eventId,
				userId: outboxDelivery.userId,
				subscriberId: outboxDelivery.subscriberId,
				digest: outboxDelivery.digest,
				attempts: outboxDelivery.attempts,
				kind: outboxEvent.kind,
				subjectId: outboxEvent.subjectId
			})
			.from(outboxDelivery)
			.innerJoin(outboxEvent, eq(outboxEvent.id, outboxDelivery.eventId))
			.where(sql`${outboxDelivery.id} in (select value from json_each(${JSON.stringify(ids.map((r) => r.id))}))`)
			.orderBy(asc(outboxDelivery.id))
			.all();
	});
}

type Outcome = { id: number; attempts: number; result: 'sent' | 'dropped' } | { id: number; attempts: number; result: 'failed'; error: unknown };

/** A short code for why a send failed: the SMTP reply code, or the error's code; never its message (it may hold the address). */
function errorCode(error: unknown): { code: string; permanent: boolean } {
	const e = error as { responseCode?: number; code?: string };
	if (typeof e?.responseCode === 'number') return { code: `smtp ${e.responseCode}`, permanent: e.responseCode >= 500 };
	return { code: typeof e?.code === 'string' ? e.code.slice(0, 40) : 'error', permanent: false };
}

/** Records what happened to a handful of sends, in one transaction. */
export function markOutcomes(db: Db, outcomes: Outcome[], now: Date): Pick<RunCounts, 'sent' | 'failed' | 'dead' | 'dropped'> {
	const counts = { sent: 0, failed: 0, dead: 0, dropped: 0 };
	const today = londonDate(now);
	const done = { nextTryAt: new Date(0), claimedUntil: null, doneOn: today };
	writeTransaction(db, (tx) => {
		for (const o of outcomes) {
			const mine = and(eq(outboxDelivery.id, o.id), eq(outboxDelivery.status, 'waiting'));
			if (o.result !== 'failed') {
				tx.update(outboxDelivery)
					.set({ ...done, status: o.result, attempts: o.attempts + (o.result === 'sent' ? 1 : 0), lastError: null })
					.where(mine)
					.run();
				counts[o.result]++;
				continue;
			}
			const attempts = o.attempts + 1;
			const { code, permanent } = errorCode(o.error);
			if (permanent || attempts > RETRY_BACKOFF_MS.length) {
				tx.update(outboxDelivery).set({ ...done, status: 'dead', attempts, lastError: code }).where(mine).run();
				counts.dead++;
			} else {
				const nextTryAt = new Date(now.getTime() + RETRY_BACKOFF_MS[attempts - 1]);
				tx.update(outboxDelivery).set({ attempts, nextTryAt, claimedUntil: null, lastError: code }).where(mine).run();
				counts.failed++;
			}
		}
	});
	// counted after the commit, for GET /metrics (happenings.ts)
	if (counts.failed) happened('email_failed', counts.failed);
	if (counts.dead) happened('email_given_up', counts.dead);
	return counts;
}

/** A person's address, or null when they cannot be written to (no email, turned off). */
function personAddress(db: Db, userId: number): string | null {
	const row = db.$client.prepare('select email, disabled_at from user where id = ?').get(userId) as
		| { email: string | null; disabled_at: number | null }
		| undefined;
	return row?.email && row.disabled_at === null ? row.email : null;
}

/** Where one email goes: the address, its language, and a subscriber's own foot (why, manage, unsubscribe). */
type Recipient = { to: string; locale: Locale; footer?: Footer; headers?: Record<string, string> };

function recipientOf(db: Db, d: Claimed, options: WorkerOptions): Recipient | null {
	if (d.userId !== null) {
		const to = personAddress(db, d.userId);
		// people with accounts have no language of their own yet: staff emails are in the base language
		return to ? { to, locale: baseLocale } : null;
	}
	const s = d.subscriberId === null ? null : (options.subscribers?.(db, d.subscriberId) ?? null);
	if (!s) return null;
	const unsubscribe = new URL(s.unsubscribePath, options.origin).href;
	return {
		to: s.to,
		locale: s.locale,
		footer: { because: s.because, managePath: s.managePath, unsubscribePath: s.unsubscribePath },
		// one-click unsubscribe from the mail program itself (RFC 8058): a POST to that address
		headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
	};
}

/**
 * The words of each event in a claimed batch, in each language asked for, made once however many
 * of its deliveries the batch holds (an event reaching 10,000 people reads what it is about once a
 * batch, not once a person); null when there is nothing to tell any more.
 */
function contentCache(db: Db, options: WorkerOptions) {
	const made = new Map<string, EmailContent | null>();
	return (d: Claimed, locale: Locale): EmailContent | null => {
		const key = `${d.eventId}:${locale}`;
		if (!made.has(key)) made.set(key, options.kinds[d.kind]?.message(db, d.subjectId, locale) ?? null);
		return made.get(key)!;
	};
}

/**
 * One email: a delivery on its own, or a subscriber's held digest deliveries together. `email`
 * is null when there is nothing to send (the deliveries are dropped).
 */
type Group = { deliveries: Claimed[]; recipient: Recipient | null; email: RenderedEmail | null; messageId: string };
type Content = ReturnType<typeof contentCache>;

/** The weekly digest: one email listing every change, each with its link. */
function digestOf(contents: EmailContent[], locale: Locale): EmailContent {
	return {
		subject: m.outbox_digest_subject({ count: contents.length }, { locale }),
		paragraphs: [m.outbox_digest_intro({ count: contents.length }, { locale })],
		links: contents.map((c) => ({ label: c.subject, path: c.action?.path ?? c.links?.[0]?.path ?? '/' })),
		because: ''
	};
}

/** Puts the claimed deliveries into emails: each alone, except a subscriber's digest deliveries, which go as one. */
function groupsOf(claimed: readonly Claimed[]): Claimed[][] {
	const byKey = new Map<string, Claimed[]>();
	for (const d of claimed) {
		const key = d.digest && d.subscriberId !== null ? `digest:${d.subscriberId}` : `one:${d.id}`;
		byKey.set(key, [...(byKey.get(key) ?? []), d]);
	}
	return [...byKey.values()];
}

/**
 * One group's email, made just before it is sent (a handful at a time, so making a batch's
 * emails never holds the event loop for long): its address, its words in the recipient's
 * language, and its Message-ID, stable for the (event, recipient) or the digest.
 */
function emailOf(db: Db, deliveries: Claimed[], content: Content, options: WorkerOptions): Group {
	const first = deliveries[0];
	const recipient = recipientOf(db, first, options);
	const who = first.userId !== null ? `person-${first.userId}` : `subscriber-${first.subscriberId}`;
	const host = new URL(options.origin).hostname;
	const messageId = first.digest ? `<digest-${first.id}.${who}@${host}>` : `<event-${first.eventId}.${who}@${host}>`;
	if (!recipient) return { deliveries, recipient, email: null, messageId };
	const contents = deliveries.map((d) => content(d, recipient.locale)).filter((c): c is EmailContent => c !== null);
	const words = first.digest ? (contents.length ? digestOf(contents, recipient.locale) : null) : (contents[0] ?? null);
	return { deliveries, recipient, email: words && renderEmail(words, options.origin, recipient.locale, recipient.footer), messageId };
}

/** Sends one group's email; says what happened to each of its deliveries. */
async function deliver(group: Group, options: WorkerOptions): Promise<Outcome[]> {
	const outcome = (result: 'sent' | 'dropped') => group.deliveries.map((d) => ({ id: d.id, attempts: d.attempts, result }));
	if (!group.recipient || !group.email) return outcome('dropped');
	try {
		await options.send({ ...group.email, to: group.recipient.to, messageId: group.messageId, headers: group.recipient.headers });
		return outcome('sent');
	} catch (error) {
		return group.deliveries.map((d) => ({ id: d.id, attempts: d.attempts, result: 'failed' as const, error }));
	}
}

/**
 * One pass: expands every waiting event, then sends every delivery that is due, a step at a time.
 * Returns what it did (numbers only).
 */
export async function runOnce(db: Db, options: WorkerOptions): Promise<RunCounts> {
	const o = { ...DEFAULTS, ...options };
	const now = () => o.now?.() ?? new Date();
	const counts: RunCounts = { deliveriesWritten: 0, sent: 0, failed: 0, dead: 0, dropped: 0 };
	for (let written = expandStep(db, o.kinds, o.expandBatch, now()); written !== null; written = expandStep(db, o.kinds, o.expandBatch, now())) {
		counts.deliveriesWritten += written;
		await breathe();
	}
	for (let claimed = claimDue(db, now(), o.claimBatch, o.leaseMs); claimed.length > 0; claimed = claimDue(db, now(), o.claimBatch, o.leaseMs)) {
		const groups = groupsOf(claimed);
		const content = contentCache(db, o);
		for (let i = 0; i < groups.length; i += o.concurrency) {
			const emails = groups.slice(i, i + o.concurrency).map((g) => emailOf(db, g, content, o));
			const outcomes = (await Promise.all(emails.map((g) => deliver(g, o)))).flat();
			const marked = markOutcomes(db, outcomes, now());
			for (const k of ['sent', 'failed', 'dead', 'dropped'] as const) counts[k] += marked[k];
		}
		await breathe();
	}
	return counts;
}

/** Runs `runOnce` every `everyMs`, never two at once, until stopped. */
export function startWorker(db: Db, options: WorkerOptions, everyMs = 5_000) {
	let running: Promise<unknown> | null = null;
	const pass = () => {
		if (running) return running;
		running = runOnce(db, options)
			.catch((error) => console.error(`Outbox pass failed: ${(error as Error).name}`))
			.finally(() => (running = null));
		return running;
	};
	const timer = setInterval(pass, everyMs);
	timer.unref();
	return {
		async stop() {
			clearInterval(timer);
			await running;
		}
	};
}
