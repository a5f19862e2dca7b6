import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SECTORS } from '../../sectors';
import { user } from '../accounts/schema';

/** One of the local area's services (speech and language therapy, CAMHS, ...). */
export const service = sqliteTable('service', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	sector: text('sector', { enum: SECTORS }).notNull(),
	description: text('description').notNull().default(''),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	/** Archived services keep their history but are no longer offered in new forms. */
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

/** The people who lead a service: they answer "you said" items and enter its figures. */
export const serviceLead = sqliteTable(
	'service_lead',
	{
		serviceId: integer('service_id')
			.notNull()
			.references(() => service.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.serviceId, t.userId] }),
		// serves "which services does this person lead" (permission checks)
		index('service_lead_user_idx').on(t.userId)
	]
);

export type Service = typeof service.$inferSelect;
