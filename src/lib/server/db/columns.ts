import { integer, type SQLiteColumn, type UpdateDeleteAction } from 'drizzle-orm/sqlite-core';

/*
 * The column idioms every feature's schema.ts repeats, named once (Drizzle's docs suggest shared
 * column helpers for this). Each is a function, so every table gets its own builder, and each is
 * exactly the Drizzle chain it replaces: the tables, the migrations and the row types are the same.
 * Add `.notNull()`, `.default()` or `.primaryKey()` at the call as before.
 */

/** The usual row id: an integer primary key SQLite numbers itself (AUTOINCREMENT: never reused). */
export function id() {
	return integer('id').primaryKey({ autoIncrement: true });
}

/**
 * An instant, stored as UTC milliseconds and read as a Date. Calendar days are not instants: they
 * are London dates as "YYYY-MM-DD" text.
 */
export function timestamp<TName extends string>(name: TName) {
	return integer(name, { mode: 'timestamp_ms' });
}

/** Yes or no, stored as 0 or 1 (SQLite has no boolean type) and read as a boolean. */
export function boolean<TName extends string>(name: TName) {
	return integer(name, { mode: 'boolean' });
}

/**
 * An integer foreign key to `column` (written as a getter, so tables may refer to tables declared
 * later). `onDelete` is required: every key says what deleting the row it points at does to this
 * one ('cascade' goes with it, 'set null' forgets it, 'restrict' refuses the delete).
 */
export function reference<TName extends string>(name: TName, column: () => SQLiteColumn, onDelete: UpdateDeleteAction) {
	return integer(name).references(column, { onDelete });
}
