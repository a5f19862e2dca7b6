import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { SECTORS } from '../../sectors';
import { user } from '../accounts/schema';
import { id, reference, timestamp } from '../db/columns';

/** One of the local area's services (speech and language therapy, CAMHS, ...). */
export const service = sqliteTable('service', {
	id: id(),
	name: text('name').notNull().unique(),
	sector: text('sector', { enum: SECTORS }).notNull(),
	description: text('description').notNull().default(''),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull(),
	/** Archived services keep their history but are no longer offered in new forms. */
	archivedAt: timestamp('archived_at')
});

/** The people who lead a service: they answer "you said" items and enter its figures. */
export const serviceLead = sqliteTable(
	'service_lead',
	{
		serviceId: reference('service_id', () => service.id, 'cascade').notNull(),
		userId: reference('user_id', () => user.id, 'cascade').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.serviceId, t.userId] }),
		// serves "which services does this person lead" (permission checks)
		index('service_lead_user_idx').on(t.userId)
	]
);

export type Service = typeof service.$inferSelect;
