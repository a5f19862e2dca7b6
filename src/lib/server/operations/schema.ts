import { blob, integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * Always empty. GET /readyz writes a row here that needs a new page and rolls it back, to learn
 * whether the database can still grow (a full disk, or PRAGMA max_page_count reached) without
 * leaving anything behind (readiness.ts).
 */
export const operationsProbe = sqliteTable('operations_probe', {
	id: integer('id').primaryKey(),
	filler: blob('filler')
});
