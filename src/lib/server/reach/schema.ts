import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CHARACTERISTICS } from '../../features/reach/model';
import { id, reference, timestamp } from '../db/columns';

/**
 * The local SEND population baseline an admin imported: one at a time (a new import replaces it),
 * with the date its figures are for and where they come from ("SEN2 2025 and January 2025 school
 * census"). Who imported it is in the audit log, not here: the baseline holds nothing personal.
 */
export const reachBaseline = sqliteTable('reach_baseline', {
	id: id(),
	/** The day the figures are for, "YYYY-MM-DD". */
	asOf: text('as_of').notNull(),
	source: text('source').notNull(),
	importedAt: timestamp('imported_at').notNull()
});

/** One figure of the baseline: how many children and young people with SEND locally are in a category. */
export const reachBaselineCount = sqliteTable(
	'reach_baseline_count',
	{
		baselineId: reference('baseline_id', () => reachBaseline.id, 'cascade').notNull(),
		characteristic: text('characteristic', { enum: CHARACTERISTICS }).notNull(),
		/** A category key of `CATEGORIES[characteristic]` (features/reach/model.ts). */
		category: text('category').notNull(),
		count: integer('count').notNull()
	},
	// the primary key serves reading one characteristic's figures
	(t) => [primaryKey({ columns: [t.baselineId, t.characteristic, t.category] })]
);

export type ReachBaseline = typeof reachBaseline.$inferSelect;
