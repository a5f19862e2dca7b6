import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from '../accounts/schema';
import { reference, timestamp } from '../db/columns';

/**
 * Interface texts the community uploaded (decision 0058): one row per language and sheet row
 * (a message's key, or `key#form` for one plural form), with its review status. Consulted before
 * the shipped text; a message with no row here is its shipped text, a draft.
 */
export const translation = sqliteTable(
	'translation',
	{
		locale: text('locale').notNull(),
		/** The message's key, or `key#form` for one plural form of that language. */
		rowKey: text('row_key').notNull(),
		text: text('text').notNull(),
		/** 'draft' or 'reviewed'. */
		status: text('status').notNull(),
		/** Who uploaded this text last (null once they are erased; the audit log keeps the uploads). */
		updatedBy: reference('updated_by', () => user.id, 'set null'),
		updatedAt: timestamp('updated_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.locale, t.rowKey] }),
		// erasing a person sets updated_by to null
		index('translation_updated_by_idx').on(t.updatedBy)
	]
);
