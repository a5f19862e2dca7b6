import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { YEARLY_KINDS } from '../../features/yearly/model';
import { user } from '../accounts/schema';
import { id, reference, timestamp } from '../db/columns';

/**
 * A published yearly report: its kind, its partnership year (the year it starts in, April to
 * March) and `snapshot`, the whole report as JSON, which later data never changes. A draft is
 * not stored: it is worked out from the data each time it is previewed. One report per kind and
 * year: publishing it again is refused (decision 0056).
 */
export const yearlyReport = sqliteTable(
	'yearly_report',
	{
		id: id(),
		kind: text('kind', { enum: YEARLY_KINDS }).notNull(),
		year: integer('year').notNull(),
		snapshot: text('snapshot').notNull(),
		publishedAt: timestamp('published_at').notNull(),
		publishedBy: reference('published_by', () => user.id, 'set null')
	},
	(t) => [
		// one report per kind and year; serves a report's public page and the list of a kind's years
		uniqueIndex('yearly_report_kind_year_idx').on(t.kind, t.year),
		// serves "My data": the reports a person published
		index('yearly_report_published_by_idx').on(t.publishedBy)
	]
);

export type YearlyReport = typeof yearlyReport.$inferSelect;
