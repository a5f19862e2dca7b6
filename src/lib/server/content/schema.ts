import { primaryKey, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { user } from '../accounts/schema';
import { reference, timestamp } from '../db/columns';

/**
 * A public text in another language: one field of one subject ("board_item" 12, "you_said") in
 * one language. English is the subject's own column; a missing row means "not translated", and
 * the reader sees English with a note saying so. `source` is the English it was translated from:
 * once the English changes, the translation is no longer shown (decision 0059). Rows saved before
 * sources were kept have none, and are shown as they always were.
 */
export const contentTranslation = sqliteTable(
	'content_translation',
	{
		subject: text('subject').notNull(),
		subjectId: integer('subject_id').notNull(),
		field: text('field').notNull(),
		locale: text('locale').notNull(),
		text: text('text').notNull(),
		source: text('source'),
		updatedBy: reference('updated_by', () => user.id, 'set null'),
		updatedAt: timestamp('updated_at').notNull()
	},
	// Looked up by subject and language (a page's items in the reader's language); the key leads with them.
	(t) => [primaryKey({ columns: [t.subject, t.locale, t.subjectId, t.field] })]
);
