/**
 * Lists people put in order (agenda items, survey questions, profile items): rows with a
 * `position` within a list (a meeting, a survey, a profile's section).
 */
import { and, asc, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './index';

/** A table's id and position columns, and what picks out the list a row is in. */
export type OrderedList = { table: SQLiteTable; id: SQLiteColumn; position: SQLiteColumn; list: SQL | undefined };

/**
 * Swaps a row with its neighbour one place up or down in its list, inside the caller's
 * transaction. Returns false, changing nothing, when the row is already at that end.
 */
export function swapWithNeighbour(tx: Db, { table, id, position, list }: OrderedList, row: { id: number; position: number }, direction: 'up' | 'down'): boolean {
	const up = direction === 'up';
	const neighbour = tx
		.select({ id: sql<number>`${id}`, position: sql<number>`${position}` })
		.from(table)
		.where(and(list, up ? lt(position, row.position) : gt(position, row.position)))
		.orderBy(up ? desc(position) : asc(position))
		.limit(1)
		.get();
	if (!neighbour) return false;
	// SQLite's SET takes a bare column name, not the table-qualified one drizzle writes for a column
	const setPosition = (to: number, of: number) => tx.run(sql`update ${table} set ${sql.identifier(position.name)} = ${to} where ${eq(id, of)}`);
	setPosition(neighbour.position, row.id);
	setPosition(row.position, neighbour.id);
	return true;
}
