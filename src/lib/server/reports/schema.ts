import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { REPORT_SCOPES, REPORT_STATUSES } from '../../features/standards/model';
import { SECTORS } from '../../sectors';
import { user } from '../accounts/schema';
import { service } from '../services/schema';
import { id, reference, timestamp } from '../db/columns';

/**
 * A report for the board: a period and a scope. A draft is worked out afresh each time it is
 * read; publishing stores `snapshot` (the whole report as JSON), which later data never changes.
 */
export const report = sqliteTable(
	'report',
	{
		id: id(),
		title: text('title').notNull(),
		periodStart: text('period_start').notNull(),
		periodEnd: text('period_end').notNull(),
		scope: text('scope', { enum: REPORT_SCOPES }).notNull(),
		scopeSector: text('scope_sector', { enum: SECTORS }),
		scopeServiceId: reference('scope_service_id', () => service.id, 'restrict'),
		status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
		snapshot: text('snapshot'),
		createdBy: reference('created_by', () => user.id, 'set null'),
		createdAt: timestamp('created_at').notNull(),
		publishedAt: timestamp('published_at'),
		publishedBy: reference('published_by', () => user.id, 'set null')
	},
	// serves the public list of published reports, newest first
	(t) => [index('report_status_idx').on(t.status, t.publishedAt)]
);

/** A board member's comment on a draft report. */
export const reportComment = sqliteTable(
	'report_comment',
	{
		id: id(),
		reportId: reference('report_id', () => report.id, 'cascade').notNull(),
		authorId: reference('author_id', () => user.id, 'set null'),
		body: text('body').notNull(),
		createdAt: timestamp('created_at').notNull()
	},
	// serves a report's comments in order
	(t) => [index('report_comment_report_idx').on(t.reportId, t.createdAt)]
);

export type Report = typeof report.$inferSelect;
