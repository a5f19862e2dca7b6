import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from '../db/columns';

/** The area's settings an admin can change (one row per setting; the value is JSON). */
export const areaSetting = sqliteTable('area_setting', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});
