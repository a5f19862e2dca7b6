import { index, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DIRECTIONS, MEASURE_KINDS, MEASURE_UNITS } from '../../features/standards/model';
import { user } from '../accounts/schema';
import { service } from '../services/schema';
import { id, reference, timestamp } from '../db/columns';

/**
 * A service standard: a plain statement a service (or the whole area, when `serviceId` is null)
 * is held to, how it is measured, its target and its amber threshold (RAG). Survey questions link
 * to it through `survey_question.standard_id`.
 */
export const standard = sqliteTable(
	'standard',
	{
		id: id(),
		serviceId: reference('service_id', () => service.id, 'restrict'),
		statement: text('statement').notNull(),
		/** What is measured, in plain words ("Share of EHC plans issued within 20 weeks"). */
		measure: text('measure').notNull(),
		measureKind: text('measure_kind', { enum: MEASURE_KINDS }).notNull(),
		unit: text('unit', { enum: MEASURE_UNITS }).notNull(),
		direction: text('direction', { enum: DIRECTIONS }).notNull(),
		target: real('target').notNull(),
		amberFrom: real('amber_from').notNull(),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull(),
		archivedAt: timestamp('archived_at')
	},
	// serves a service's standards (a lead's list, a service-scoped report)
	(t) => [index('standard_service_idx').on(t.serviceId)]
);

/** An operational figure for one standard and period, entered or imported with a note. */
export const operationalFigure = sqliteTable(
	'operational_figure',
	{
		id: id(),
		standardId: reference('standard_id', () => standard.id, 'cascade').notNull(),
		periodStart: text('period_start').notNull(),
		periodEnd: text('period_end').notNull(),
		value: real('value').notNull(),
		note: text('note').notNull().default(''),
		enteredBy: reference('entered_by', () => user.id, 'set null'),
		enteredAt: timestamp('entered_at').notNull()
	},
	(t) => [
		// one figure per standard and period; also serves the report's "latest figure in the period"
		uniqueIndex('operational_figure_period_idx').on(t.standardId, t.periodStart, t.periodEnd)
	]
);

export type Standard = typeof standard.$inferSelect;
export type OperationalFigure = typeof operationalFigure.$inferSelect;
