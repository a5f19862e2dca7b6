/**
 * Emitting an event: one row in `outbox_event`, written by the transaction that makes the change,
 * so the event exists exactly when the change does (a rolled-back change emits nothing). Nothing
 * is expanded to recipients here: the change costs the same whether the event reaches nobody or
 * 10,000 people. The worker (worker.ts) does the rest (decision 0048).
 */
import { londonDate } from '$lib/time';
import type { Db } from '../db';
import { outboxEvent } from './schema';

/**
 * Records that `kind` happened to `subjectId`. Call it inside the change's write transaction, with
 * that transaction. `kind` must be a key of the emitting feature's `events` contribution (the
 * registry's spec checks every kind emitted in the code is declared).
 */
export function emit(tx: Db, kind: string, subjectId: string | number | null, now = new Date()): void {
	tx.insert(outboxEvent)
		.values({ kind, subjectId: subjectId === null ? null : String(subjectId), happenedOn: londonDate(now) })
		.run();
}

/**
 * Like `emit`, for reminders found by looking (an answer due soon, a flag overdue): emits only if
 * no event with `onceKey` was emitted before, so the daily look can run as often as it likes.
 * Returns whether it emitted.
 */
export function emitOnce(tx: Db, kind: string, subjectId: string | number | null, onceKey: string, now = new Date()): boolean {
	return (
		tx
			.insert(outboxEvent)
			.values({ kind, subjectId: subjectId === null ? null : String(subjectId), happenedOn: londonDate(now), onceKey })
			.onConflictDoNothing({ target: outboxEvent.onceKey })
			.run().changes > 0
	);
}
