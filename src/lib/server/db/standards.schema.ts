import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DIRECTIONS, MEASURE_KINDS, MEASURE_UNITS, REPORT_SCOPES, REPORT_STATUSES } from '../../standards';
import { SECTORS } from '../../sectors';
import { user } from './accounts.schema';
import { service } from './services.schema';

/**
 * A service standard: a plain statement a service (or the whole area, when `serviceId` is null)
 * is held to, how it is measured, its target and its amber threshold (RAG). Survey questions link
 * to it through `survey_question.standard_id`.
 */
export const standard = sqliteTable(
	'standard',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		serviceId: integer('service_id').references(() => service.id, { onDelete: 'restrict' }),
		statement: text('statement').notNull(),
		/** What is measured, in plain words ("Share of EHC plans issued within 20 weeks"). */
		measure: text('measure').notNull(),
		measureKind: text('measure_kind', { enum: MEASURE_KINDS }).notNull(),
		unit: text('unit', { enum: MEASURE_UNITS }).notNull(),
		direction: text('direction', { enum: DIRECTIONS }).notNull(),
		target: real('target').notNull(),
		amberFrom: real('amber_from').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
	},
	// serves a service's standards (a lead's list, a service-scoped report)
	(t) => [index('standard_service_idx').on(t.serviceId)]
);

/** An operational figure for one standard and period, entered or imported with a note. */
export const operationalFigure = sqliteTable(
	'operational_figure',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		standardId: integer('standard_id')
			.notNull()
			.references(() => standard.id, { onDelete: 'cascade' }),
		periodStart: text('period_start').notNull(),
		periodEnd: text('period_end').notNull(),
		value: real('value').notNull(),
		note: text('note').notNull().default(''),
		enteredBy: integer('entered_by').references(() => user.id, { onDelete: 'set null' }),
		enteredAt: integer('entered_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		// one figure per standard and period; also serves the report's "latest figure in the period"
		uniqueIndex('operational_figure_period_idx').on(t.standardId, t.periodStart, t.periodEnd)
	]
);

/**
 * A report for the board: a period and a scope. A draft is worked out afresh each time it is
 * read; publishing stores `snapshot` (the whole report as JSON), which later data never changes.
 */
export const report = sqliteTable(
	'report',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		periodStart: text('period_start').notNull(),
		periodEnd: text('period_end').notNull(),
		scope: text('scope', { enum: REPORT_SCOPES }).notNull(),
		scopeSector: text('scope_sector', { enum: SECTORS }),
		scopeServiceId: integer('scope_service_id').references(() => service.id, { onDelete: 'restrict' }),
		status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
		snapshot: text('snapshot'),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		publishedBy: integer('published_by').references(() => user.id, { onDelete: 'set null' })
	},
	// serves the public list of published reports, newest first
	(t) => [index('report_status_idx').on(t.status, t.publishedAt)]
);

/** A board member's comment on a draft report. */
export const reportComment = sqliteTable(
	'report_comment',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		reportId: integer('report_id')
			.notNull()
			.references(() => report.id, { onDelete: 'cascade' }),
		authorId: integer('author_id').references(() => user.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	// serves a report's comments in order
	(t) => [index('report_comment_report_idx').on(t.reportId, t.createdAt)]
);

export type Standard = typeof standard.$inferSelect;
export type OperationalFigure = typeof operationalFigure.$inferSelect;
export type Report = typeof report.$inferSelect;
