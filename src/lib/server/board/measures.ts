/**
 * What "you said, we did" gives the board's report: how responsive services were. Only published
 * items count (the board's public record), for the services in scope (null: every item).
 *
 * - due: items whose reply was due in the period; answered on time: of those, the ones whose
 *   first "we did" came on or before the due date.
 * - overdue: at the end of the period (or today, if sooner), items past their due date with no
 *   "we did" yet at that point.
 * - done: items moved to "done" during the period.
 * - raised: items heard in the period.
 */
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { londonDate, type Period } from '$lib/time';
import type { Db } from '../db';
import { boardItem, boardItemService, boardResponse } from '../db/schema';

export type Responsiveness = {
	due: number;
	answeredOnTime: number;
	overdue: number;
	done: number;
	raised: number;
	/** The items behind each figure, for the report's evidence links. */
	items: { due: number[]; overdue: number[]; done: number[]; raised: number[] };
};

type ItemRow = { id: number; heardOn: string; dueOn: string; firstAnsweredOn: string | null };

/** Responsiveness figures for each period, in the order given. */
export function responsiveness(
	db: Db,
	serviceIds: readonly number[] | null,
	periods: readonly Period[],
	now = new Date()
): Responsiveness[] {
	if (periods.length === 0) return [];
	const latestEnd = periods.reduce((a, p) => (p.end > a ? p.end : a), periods[0].end);
	const inScope =
		serviceIds === null
			? undefined
			: inArray(
					boardItem.id,
					sql`(SELECT ${boardItemService.itemId} FROM ${boardItemService} WHERE ${inArray(boardItemService.serviceId, [...serviceIds, -1])})`
				);
	const items: ItemRow[] = db
		.select({ id: boardItem.id, heardOn: boardItem.heardOn, dueOn: boardItem.dueOn, firstAnsweredOn: boardItem.firstAnsweredOn })
		.from(boardItem)
		.where(and(isNotNull(boardItem.publishedAt), lte(boardItem.heardOn, latestEnd), inScope))
		.all();
	const ids = items.map((i) => i.id);
	// the day each item was first moved to done, in England
	const doneOn = new Map<number, string>();
	if (ids.length) {
		const rows = db
			.select({ itemId: boardResponse.itemId, createdAt: boardResponse.createdAt })
			.from(boardResponse)
			.where(and(eq(boardResponse.statusAfter, 'done'), inArray(boardResponse.itemId, ids)))
			.orderBy(boardResponse.createdAt)
			.all();
		for (const r of rows) if (!doneOn.has(r.itemId)) doneOn.set(r.itemId, londonDate(r.createdAt));
	}
	const today = londonDate(now);
	return periods.map((p) => {
		const asOf = p.end < today ? p.end : today;
		const due = items.filter((i) => i.dueOn >= p.start && i.dueOn <= p.end && i.dueOn <= asOf);
		const onTime = due.filter((i) => i.firstAnsweredOn !== null && i.firstAnsweredOn <= i.dueOn);
		const overdue = items.filter(
			(i) => i.dueOn < asOf && i.heardOn <= asOf && (i.firstAnsweredOn === null || i.firstAnsweredOn > asOf)
		);
		const done = items.filter((i) => {
			const d = doneOn.get(i.id);
			return d !== undefined && d >= p.start && d <= p.end;
		});
		const raised = items.filter((i) => i.heardOn >= p.start && i.heardOn <= p.end);
		return {
			due: due.length,
			answeredOnTime: onTime.length,
			overdue: overdue.length,
			done: done.length,
			raised: raised.length,
			items: { due: due.map((i) => i.id), overdue: overdue.map((i) => i.id), done: done.map((i) => i.id), raised: raised.map((i) => i.id) }
		};
	});
}

