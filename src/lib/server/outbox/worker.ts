/**
 * The outbox worker (decision 0048): turns each emitted event into one delivery per recipient,
 * then sends the deliveries by email, with retries, a dead-letter state and no second copy after a
 * crash or restart. It runs in the app process, in short steps: every write is one short
 * transaction (a page of deliveries, a claim, a handful of marks) and it lets the event loop serve
 * requests between steps, so a survey submission never waits for more than one step.
 *
 * It knows no feature: the event kinds (who is told, in what words) come in as `kinds`, built by
 * the registry from every feature's `events` contribution, and addresses are read from `user` when
 * an email is sent (so an erased or turned-off person is never sent what was waiting for them).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { londonDate } from '$lib/time';
import { baseLocale } from '$lib/paraglide/runtime';
import { RETRY_BACKOFF_MS } from '$lib/features/outbox/model';
import type { EventKind } from '../contributions';
import { writeTransaction, type Db } from '../db';
import { outboxChoice, outboxDelivery, outboxEvent } from './schema';
import { renderEmail, type RenderedEmail } from './email';

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

export type WorkerOptions = {
	kinds: Record<string, EventKind>;
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

/**
 * Writes one page of deliveries for the oldest event not yet expanded, in one transaction, and
 * moves the event's cursor in that same transaction. Returns how many deliveries it wrote, or null
 * when no event is waiting. Safe to repeat after a crash: the unique key refuses copies.
 */
export function expandStep(db: Db, kinds: Record<string, EventKind>, batch = DEFAULTS.expandBatch): number | null {
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
		const ids = list(tx, event.subjectId, event.expandAfter, batch);
		// people who turned this kind of email off get none (the cursor still moves past them)
		const off = new Set(
			ids.length
				? tx.select({ id: outboxChoice.userId }).from(outboxChoice).where(and(eq(outboxChoice.kind, event.kind), inArray(outboxChoice.userId, ids))).all().map((r) => r.id)
				: []
		);
		let written = 0;
		for (const userId of ids.filter((id) => !off.has(id))) {
			written += tx.insert(outboxDelivery).values({ eventId: event.id, userId, nextTryAt: new Date(0) }).onConflictDoNothing().run().changes;
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

type Claimed = { id: number; eventId: number; userId: number; attempts: number; kind: string; subjectId: string | null };

/**
 * Claims up to `batch` deliveries that are due and not held by another run, for `leaseMs`, in one
 * transaction. A run that dies holding them lets them go when the lease runs out.
 */
export function claimDue(db: Db, now: Date, batch = DEFAULTS.claimBatch, leaseMs = DEFAULTS.leaseMs): Claimed[] {
	return writeTransaction(db, (tx) => {
		const t = now.getTime();
		const ids = tx.all<{ id: number }>(
			sql`update outbox_delivery set claimed_until = ${t + leaseMs}
			    where id in (select id from outbox_delivery
			                 where status = 'waiting' and next_try_at <= ${t} and (claimed_until is null or claimed_until <= ${t})
			                 order by next_try_at, id limit ${batch})
			    returning id`
		);
		if (ids.length === 0) return [];
		return tx
			.select({
				id: outboxDelivery.id,
				eventId: outboxDelivery.eventId,
				userId: outboxDelivery.userId,
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
	return counts;
}

/** The person's address and language, or null when they cannot be written to (no email, turned off). */
function addressOf(db: Db, userId: number): string | null {
	const row = db.$client.prepare('select email, disabled_at from user where id = ?').get(userId) as
		| { email: string | null; disabled_at: number | null }
		| undefined;
	return row?.email && row.disabled_at === null ? row.email : null;
}

/**
 * The email of each event in a claimed batch, made once however many of its deliveries the batch
 * holds (an event reaching 10,000 people reads what it is about once a batch, not once a person);
 * null when there is nothing to tell any more.
 */
function emailsOf(db: Db, claimed: readonly Claimed[], options: WorkerOptions): Map<number, RenderedEmail | null> {
	const emails = new Map<number, RenderedEmail | null>();
	for (const d of claimed) {
		if (emails.has(d.eventId)) continue;
		const content = options.kinds[d.kind]?.message(db, d.subjectId, baseLocale) ?? null;
		emails.set(d.eventId, content && renderEmail(content, options.origin, baseLocale));
	}
	return emails;
}

/** Sends the email of one claimed delivery; says what happened. */
async function deliver(db: Db, d: Claimed, email: RenderedEmail | null, options: WorkerOptions): Promise<Outcome> {
	const base = { id: d.id, attempts: d.attempts };
	const to = addressOf(db, d.userId);
	if (!to || !email) return { ...base, result: 'dropped' };
	const host = new URL(options.origin).hostname;
	try {
		await options.send({ ...email, to, messageId: `<event-${d.eventId}.person-${d.userId}@${host}>` });
		return { ...base, result: 'sent' };
	} catch (error) {
		return { ...base, result: 'failed', error };
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
	for (let written = expandStep(db, o.kinds, o.expandBatch); written !== null; written = expandStep(db, o.kinds, o.expandBatch)) {
		counts.deliveriesWritten += written;
		await breathe();
	}
	for (let claimed = claimDue(db, now(), o.claimBatch, o.leaseMs); claimed.length > 0; claimed = claimDue(db, now(), o.claimBatch, o.leaseMs)) {
		const emails = emailsOf(db, claimed, o);
		for (let i = 0; i < claimed.length; i += o.concurrency) {
			const outcomes = await Promise.all(claimed.slice(i, i + o.concurrency).map((d) => deliver(db, d, emails.get(d.eventId) ?? null, o)));
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
