import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { BODIES, LEVELS } from '../../features/coproduction/model';
import { agendaItem } from '../meetings/schema';
import { boardItem } from '../board/schema';
import { service } from '../services/schema';
import { standard } from '../standards/schema';
import { survey } from '../surveys/schema';
import { id, reference, timestamp } from '../db/columns';

/**
 * A co-production entry: what was decided or made, by which body and when, how far families were
 * involved (a rung of the ladder), how many took part (counts only, never who), what changed
 * because of it, and what it concerns. Nothing in it is about a person: the audit log says who
 * recorded it.
 */
export const coproductionEntry = sqliteTable(
	'coproduction_entry',
	{
		id: id(),
		title: text('title').notNull(),
		body: text('body', { enum: BODIES }).notNull(),
		/** The service that decided, when `body` is 'service'. */
		bodyServiceId: reference('body_service_id', () => service.id, 'restrict'),
		/** The body's name in words, when `body` is 'other'. */
		bodyName: text('body_name').notNull().default(''),
		/** The day it was decided or made (a London date). */
		decidedOn: text('decided_on').notNull(),
		level: text('level', { enum: LEVELS }).notNull(),
		parentCarers: integer('parent_carers').notNull().default(0),
		youngPeople: integer('young_people').notNull().default(0),
		forumReps: integer('forum_reps').notNull().default(0),
		/** What changed because of it, in words. */
		changed: text('changed').notNull().default(''),
		// what it concerns: each link is forgotten if the thing it points at is deleted
		agendaItemId: reference('agenda_item_id', () => agendaItem.id, 'set null'),
		surveyId: reference('survey_id', () => survey.id, 'set null'),
		boardItemId: reference('board_item_id', () => boardItem.id, 'set null'),
		standardId: reference('standard_id', () => standard.id, 'set null'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(t) => [
		// serves the public list (newest first), the year filter and the report's period counts
		index('coproduction_entry_decided_idx').on(t.decidedOn),
		// serves "record how families were involved" finding the entries of an agenda item or board item
		index('coproduction_entry_agenda_idx').on(t.agendaItemId),
		index('coproduction_entry_board_idx').on(t.boardItemId)
	]
);

/** Which services took part in an entry (a lead records and changes those of their own services). */
export const coproductionEntryService = sqliteTable(
	'coproduction_entry_service',
	{
		entryId: reference('entry_id', () => coproductionEntry.id, 'cascade').notNull(),
		serviceId: reference('service_id', () => service.id, 'restrict').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.entryId, t.serviceId] }),
		// serves the service filter and a service-scoped report
		index('coproduction_entry_service_service_idx').on(t.serviceId)
	]
);

/** A rung's name and one-line meaning as an admin wrote them; rungs not here use the default words. */
export const coproductionLevel = sqliteTable('coproduction_level', {
	level: text('level', { enum: LEVELS }).primaryKey(),
	name: text('name').notNull(),
	meaning: text('meaning').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export type CoproductionEntry = typeof coproductionEntry.$inferSelect;
