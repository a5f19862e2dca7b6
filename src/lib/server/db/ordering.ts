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
	setPosition(tx, table, id, position, row.id, neighbour.position);
	setPosition(tx, table, id, position, neighbour.id, row.position);
	return true;
}

/** SQLite's SET takes a bare column name, not the table-qualified one drizzle writes for a column. */
function setPosition(tx: Db, table: SQLiteTable, id: SQLiteColumn, position: SQLiteColumn, of: number, to: number) {
	tx.run(sql`update ${table} set ${sql.identifier(position.name)} = ${to} where ${eq(id, of)}`);
}

/** The position after the list's last row: 1 for an empty list. */
export function nextPosition(tx: Db, { table, position, list }: Omit<OrderedList, 'id'>): number {
	const last = tx.select({ max: sql<number | null>`max(${position})` }).from(table).where(list).get();
	return (last?.max ?? 0) + 1;
}

/** Numbers the list's rows 1, 2, 3... in their order again: after a removal, no gap is left. */
export function renumber(tx: Db, { table, id, position, list }: OrderedList): void {
	const rows = tx.select({ id: sql<number>`${id}` }).from(table).where(list).orderBy(asc(position)).all();
	rows.forEach((row, i) => setPosition(tx, table, id, position, row.id, i + 1));
}
