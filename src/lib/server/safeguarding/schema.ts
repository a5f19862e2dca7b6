import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { FLAG_OUTCOMES, FLAG_SOURCES, PHRASE_CATEGORIES } from '../../features/safeguarding/model';
import { user } from '../accounts/schema';
import { id, reference, timestamp } from '../db/columns';

/**
 * Free text that matched a phrase that may point to a risk of harm, for a safeguarding lead to
 * look at. A triage aid, not detection: the text is saved as usual wherever it was written, and a
 * copy is kept here so the lead reads what was written even after it is changed.
 *
 * Only the day is kept (`raisedOn`), never the time: a flag on an anonymous survey answer must not
 * give that answer an exact time. Anonymous sources have no `personId`.
 */
export const safeguardingFlag = sqliteTable(
	'safeguarding_flag',
	{
		id: id(),
		source: text('source', { enum: FLAG_SOURCES }).notNull(),
		/** The survey answer, feedback or profile item id (as text); null for a message. */
		sourceId: text('source_id'),
		/** Who the text is about or from, when that is known (named answers, profiles, messages). */
		personId: reference('person_id', () => user.id, 'set null'),
		/** A copy of the text as it was when it was checked. */
		text: text('text').notNull(),
		/**
		 * JSON object saying where it was written, in words, given by the feature that saved it
		 * ({ survey, question } / { service } / { section }), so this feature reads no other's tables.
		 */
		context: text('context').notNull().default('{}'),
		/** JSON array of the categories that matched ("self_harm", ...). */
		categories: text('categories').notNull().default('[]'),
		/** London date it was raised: the overdue rule counts working days from it. */
		raisedOn: text('raised_on').notNull(),
		reviewedAt: timestamp('reviewed_at'),
		reviewedBy: reference('reviewed_by', () => user.id, 'set null'),
		outcome: text('outcome', { enum: FLAG_OUTCOMES }),
		reviewNote: text('review_note')
	},
	(t) => [
		// serves the leads' queue: not yet reviewed first, oldest first
		index('safeguarding_flag_queue_idx').on(t.reviewedAt, t.raisedOn),
		// serves the data download and erasure: flags about one person
		index('safeguarding_flag_person_idx').on(t.personId),
		// serves "is this answer / item already flagged" and retention of removed sources
		index('safeguarding_flag_source_idx').on(t.source, t.sourceId)
	]
);

/**
 * Phrases the area's safeguarding leads added to the built-in list (local words, slang, names of
 * places). The built-in list lives in code (`server/safeguarding/phrases.ts`).
 */
export const safeguardingPhrase = sqliteTable('safeguarding_phrase', {
	id: id(),
	phrase: text('phrase').notNull().unique(),
	category: text('category', { enum: PHRASE_CATEGORIES }).notNull(),
	addedBy: reference('added_by', () => user.id, 'set null'),
	addedAt: timestamp('added_at').notNull()
});

export type SafeguardingFlag = typeof safeguardingFlag.$inferSelect;
