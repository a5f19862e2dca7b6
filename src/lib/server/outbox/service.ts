/**
 * What admins see of the outbox: how many emails are waiting, sent and given up on, the ones given
 * up on (the dead letters) with why, and "try again". Never the words of an email or an address
 * beyond the person's name.
 */
import { and, count, desc, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import type { OutboxStatus } from '$lib/features/outbox/model';
import { cutoffDay } from '../contributions';
import { writeTransaction, type Db } from '../db';
import { user } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import { outboxChoice, outboxDelivery, outboxEvent } from './schema';
import type { EventKind } from '../contributions';

function mustManage(actor: Actor): asserts actor is NonNullable<Actor> {
	if (!can(actor, 'outbox.manage')) throw new ForbiddenError();
}

export type OutboxOverview = Record<OutboxStatus, number> & { eventsToExpand: number };

/** Counts of deliveries by status, and events not yet turned into deliveries. Throws ForbiddenError (admins only). */
export function overview(db: Db, actor: Actor): OutboxOverview {
	mustManage(actor);
	const byStatus = db.select({ status: outboxDelivery.status, n: count() }).from(outboxDelivery).groupBy(outboxDelivery.status).all();
	const counts = { waiting: 0, sent: 0, dead: 0, dropped: 0 };
	for (const row of byStatus) counts[row.status] = row.n;
	const eventsToExpand = db.select({ n: count() }).from(outboxEvent).where(eq(outboxEvent.expanded, false)).get()?.n ?? 0;
	return { ...counts, eventsToExpand };
}

export type DeadLetter = { id: number; kind: string; happenedOn: string; doneOn: string | null; attempts: number; lastError: string | null; name: string | null };

export const DEAD_LETTERS_SHOWN = 100;

/** The emails given up on, newest first (at most DEAD_LETTERS_SHOWN). Throws ForbiddenError (admins only). */
export function deadLetters(db: Db, actor: Actor): DeadLetter[] {
	mustManage(actor);
	return db
		.select({
			id: outboxDelivery.id,
			kind: outboxEvent.kind,
			happenedOn: outboxEvent.happenedOn,
			doneOn: outboxDelivery.doneOn,
			attempts: outboxDelivery.attempts,
			lastError: outboxDelivery.lastError,
			name: user.name
		})
		.from(outboxDelivery)
		.innerJoin(outboxEvent, eq(outboxEvent.id, outboxDelivery.eventId))
		// a subscriber has no account: the page says "a subscriber", never the address
		.leftJoin(user, eq(user.id, outboxDelivery.userId))
		.where(eq(outboxDelivery.status, 'dead'))
		.orderBy(desc(outboxDelivery.id))
		.limit(DEAD_LETTERS_SHOWN)
		.all();
}

/**
 * Puts emails given up on back in the queue, due at once, with their tries counted from zero:
 * one (`id`) or all of them. Returns how many. Records it in the audit log. Throws ForbiddenError
 * (admins only), NotFoundError (no such dead email).
 */
export function tryAgain(db: Db, actor: Actor, id: number | 'all', now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		const which = id === 'all' ? eq(outboxDelivery.status, 'dead') : and(eq(outboxDelivery.status, 'dead'), eq(outboxDelivery.id, id));
		const n = tx
			.update(outboxDelivery)
			.set({ status: 'waiting', attempts: 0, nextTryAt: new Date(0), claimedUntil: null, doneOn: null, lastError: null })
			.where(which)
			.run().changes;
		if (n === 0 && id !== 'all') throw new NotFoundError('email', 'That email is not waiting to be tried again.');
		audit.record(tx, { actorId: actor.id, action: 'outbox.retried', subjectType: 'outbox', subjectId: id === 'all' ? 'all' : id, details: { emails: n }, at: now });
		return n;
	});
}

/** How many events still wait to be expanded and deliveries wait to be sent: for health checks and the bench. */
export function backlog(db: Db): { events: number; deliveries: number } {
	const row = db.get<{ events: number; deliveries: number }>(
		sql`select (select count(*) from outbox_event where expanded = 0) as events,
		           (select count(*) from outbox_delivery where status = 'waiting') as deliveries`
	);
	return row;
}

/**
 * Since when the longest-waiting email has been due (null when none is): GET /readyz calls the
 * outbox stuck when this is long ago, since the worker looks every few seconds. Emails waiting
 * for a retry are not due yet, so a failing mail server does not count as stuck here.
 */
export function oldestDue(db: Db, now = new Date()): Date | null {
	// outbox_delivery_due: the waiting deliveries in order of when they are due
	const row = db.$client
		.prepare(`select min(next_try_at) as due from outbox_delivery where status = 'waiting' and next_try_at <= ?`)
		.get(now.getTime()) as { due: number | null };
	return row.due === null ? null : new Date(row.due);
}

/** How long the record of an email that went (or had no one to go to) is kept; emails given up on are kept longer, for the admins. */
export const KEEP_DONE_DAYS = 30;
export const KEEP_DEAD_DAYS = 90;

/**
 * Forgets emails sent or dropped more than KEEP_DONE_DAYS ago, emails given up on more than
 * KEEP_DEAD_DAYS ago, and events whose every email is forgotten. Run hourly with the other tidying.
 * Returns how many deliveries went.
 */
export function forgetOldDeliveries(db: Db, now = new Date()): number {
	return writeTransaction(db, (tx) => {
		const done = tx
			.delete(outboxDelivery)
			.where(and(inArray(outboxDelivery.status, ['sent', 'dropped']), lt(outboxDelivery.doneOn, cutoffDay(now, KEEP_DONE_DAYS))))
			.run().changes;
		const dead = tx
			.delete(outboxDelivery)
			.where(and(eq(outboxDelivery.status, 'dead'), lt(outboxDelivery.doneOn, cutoffDay(now, KEEP_DEAD_DAYS))))
			.run().changes;
		tx.delete(outboxEvent)
			.where(
				and(
					eq(outboxEvent.expanded, true),
					lt(outboxEvent.happenedOn, cutoffDay(now, KEEP_DONE_DAYS)),
					notExists(tx.select({ one: sql`1` }).from(outboxDelivery).where(eq(outboxDelivery.eventId, outboxEvent.id)))
				)
			)
			.run();
		return done + dead;
	});
}

export type EmailChoice = { kind: string; name: string; on: boolean };

/** The kinds of email `actor` may turn on or off (by their roles), each with whether it is on. Throws ForbiddenError (visitors). */
export function emailChoices(db: Db, actor: Actor, kinds: Readonly<Record<string, EventKind>>): EmailChoice[] {
	if (!actor || !can(actor, 'outbox.chooseOwn')) throw new ForbiddenError();
	const off = new Set(db.select({ kind: outboxChoice.kind }).from(outboxChoice).where(eq(outboxChoice.userId, actor.id)).all().map((r) => r.kind));
	return Object.entries(kinds)
		.filter(([, k]) => k.choice?.roles.some((role) => actor.roles.includes(role)))
		.map(([kind, k]) => ({ kind, name: k.name(), on: !off.has(kind) }));
}

/**
 * Keeps `on` as the kinds of email `actor` gets, of those they may choose; the rest of those are
 * turned off. Throws ForbiddenError (visitors), ValidationError 'not_a_choice' for a kind they may
 * not choose (a safeguarding lead's emails stay on while the role is held).
 */
export function setEmailChoices(db: Db, actor: Actor, kinds: Readonly<Record<string, EventKind>>, on: readonly string[]): void {
	const mine = emailChoices(db, actor, kinds).map((c) => c.kind);
	if (on.some((kind) => !mine.includes(kind))) throw new ValidationError('not_a_choice', 'That email cannot be turned on or off here.');
	writeTransaction(db, (tx) => {
		tx.delete(outboxChoice).where(eq(outboxChoice.userId, actor!.id)).run();
		const off = mine.filter((kind) => !on.includes(kind));
		if (off.length) tx.insert(outboxChoice).values(off.map((kind) => ({ userId: actor!.id, kind }))).run();
	});
}
