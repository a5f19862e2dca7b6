import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from '../accounts/schema';
import { id, reference, timestamp } from '../db/columns';

/** Who did what, when, to whom. Written by services inside the same transaction as the change. */
export const auditEntry = sqliteTable(
	'audit_entry',
	{
		id: id(),
		at: timestamp('at').notNull(),
		/** null when the system acted (seed, create-admin script). */
		actorId: reference('actor_id', () => user.id, 'set null'),
		action: text('action').notNull(),
		subjectType: text('subject_type').notNull(),
		subjectId: text('subject_id').notNull(),
		/** JSON object with the details an admin needs to understand the change. */
		details: text('details').notNull().default('{}')
	},
	(t) => [
		// serves the audit log page: newest first
		index('audit_entry_at_idx').on(t.at),
		// serves "what happened to this person / service"
		index('audit_entry_subject_idx').on(t.subjectType, t.subjectId),
		// serves the audit log filtered by person ("what they did", newest first), and erasing a
		// person (the foreign key sets actor_id to null: without an index that scans the whole log)
		index('audit_entry_actor_idx').on(t.actorId, t.at),
		// serves the audit log filtered by action, newest first, and the list of actions present
		index('audit_entry_action_idx').on(t.action, t.at)
	]
);

export type AuditEntry = typeof auditEntry.$inferSelect;
