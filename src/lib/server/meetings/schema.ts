import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTION_STATUSES, AGENDA_KINDS, ATTENDANCE_KINDS, MEETING_AUDIENCES, MEETING_STATES } from '../../features/meetings/model';
import { user } from '../accounts/schema';
import { boardItem } from '../board/schema';
import { service } from '../services/schema';
import { id, reference, timestamp } from '../db/columns';

/**
 * A forum meeting. Times are instants (UTC ms) shown in Europe/London. A moved meeting keeps
 * the time it had (`movedFrom`) so people see the change; a cancelled one stays listed.
 */
export const meeting = sqliteTable(
	'meeting',
	{
		id: id(),
		title: text('title').notNull(),
		startsAt: timestamp('starts_at').notNull(),
		endsAt: timestamp('ends_at').notNull(),
		place: text('place').notNull().default(''),
		onlineLink: text('online_link').notNull().default(''),
		/** JSON array of ACCESS_FEATURES the meeting offers. */
		access: text('access').notNull().default('[]'),
		/** Anything else about access, in words. */
		accessNotes: text('access_notes').notNull().default(''),
		audience: text('audience', { enum: MEETING_AUDIENCES }).notNull(),
		state: text('state', { enum: MEETING_STATES }).notNull().default('draft'),
		cancelledAt: timestamp('cancelled_at'),
		cancelReason: text('cancel_reason').notNull().default(''),
		movedFrom: timestamp('moved_from'),
		/** JSON array of { text, symbolId } sentences: the easy-read summary. */
		easyRead: text('easy_read').notNull().default('[]'),
		minutesPublishedAt: timestamp('minutes_published_at'),
		/** Set when published minutes are edited: shown as "updated on". */
		minutesUpdatedAt: timestamp('minutes_updated_at'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull(),
		/**
		 * The calendar feed's SEQUENCE: one more on every change, so a calendar takes even the second
		 * of two changes made in the same minute. Started at the old value (minutes from 2020 to the
		 * last change) so it never goes down for a calendar that already has the meeting.
		 */
		sequence: integer('sequence').notNull().default(0)
	},
	(t) => [
		// serves the public lists (upcoming, past) and the calendar feed, by time
		index('meeting_starts_idx').on(t.startsAt)
	]
);

/** An agenda item, in order, with its minutes (notes in Markdown) once written. */
export const agendaItem = sqliteTable(
	'agenda_item',
	{
		id: id(),
		meetingId: reference('meeting_id', () => meeting.id, 'cascade').notNull(),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		/** Who leads the item, in words (a name or a role). */
		lead: text('lead').notNull().default(''),
		minutesAllotted: integer('minutes_allotted').notNull().default(10),
		kind: text('kind', { enum: AGENDA_KINDS }).notNull(),
		/** The minutes' notes, Markdown; rendered to sanitised HTML. */
		notes: text('notes').notNull().default(''),
		/** The "you said" board item raised from this discussion. */
		boardItemId: reference('board_item_id', () => boardItem.id, 'set null')
	},
	(t) => [
		// serves loading a meeting's agenda in order
		index('agenda_item_meeting_idx').on(t.meetingId, t.position)
	]
);

export const decision = sqliteTable(
	'meeting_decision',
	{
		id: id(),
		agendaItemId: reference('agenda_item_id', () => agendaItem.id, 'cascade').notNull(),
		text: text('text').notNull()
	},
	(t) => [index('meeting_decision_item_idx').on(t.agendaItemId)]
);

/** An action from the minutes. Its owner is a person, a service, or a name in words. */
export const meetingAction = sqliteTable(
	'meeting_action',
	{
		id: id(),
		agendaItemId: reference('agenda_item_id', () => agendaItem.id, 'cascade').notNull(),
		meetingId: reference('meeting_id', () => meeting.id, 'cascade').notNull(),
		what: text('what').notNull(),
		ownerUserId: reference('owner_user_id', () => user.id, 'set null'),
		ownerServiceId: reference('owner_service_id', () => service.id, 'set null'),
		ownerName: text('owner_name').notNull().default(''),
		dueOn: text('due_on'),
		status: text('status', { enum: ACTION_STATUSES }).notNull().default('open'),
		/** Why an action was dropped (required then). */
		droppedReason: text('dropped_reason').notNull().default(''),
		closedOn: text('closed_on')
	},
	(t) => [
		// serves the actions tracker and matters arising: open actions by due date
		index('meeting_action_status_due_idx').on(t.status, t.dueOn),
		index('meeting_action_meeting_idx').on(t.meetingId)
	]
);

/** A paper attached to an agenda item (PDF, Word or ODT), served as a download. */
export const paper = sqliteTable(
	'meeting_paper',
	{
		id: id(),
		agendaItemId: reference('agenda_item_id', () => agendaItem.id, 'cascade').notNull(),
		title: text('title').notNull(),
		/** A safe file name made on upload: letters, digits, dashes and the extension. */
		fileName: text('file_name').notNull(),
		mime: text('mime').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		size: integer('size').notNull(),
		uploadedAt: timestamp('uploaded_at').notNull()
	},
	(t) => [index('meeting_paper_item_idx').on(t.agendaItemId)]
);

/**
 * Who said they will come or sent apologies (signed-in people, `userId`), and in the minutes who
 * came, apologies and guests (`name` for people without an account).
 */
export const attendance = sqliteTable(
	'meeting_attendance',
	{
		id: id(),
		meetingId: reference('meeting_id', () => meeting.id, 'cascade').notNull(),
		userId: reference('user_id', () => user.id, 'cascade'),
		name: text('name').notNull(),
		kind: text('kind', { enum: ATTENDANCE_KINDS }).notNull(),
		at: timestamp('at').notNull()
	},
	(t) => [index('meeting_attendance_meeting_idx').on(t.meetingId, t.kind)]
);

/** The published minutes as they were before each later edit. */
export const minutesVersion = sqliteTable(
	'meeting_minutes_version',
	{
		meetingId: reference('meeting_id', () => meeting.id, 'cascade').notNull(),
		version: integer('version').notNull(),
		/** JSON snapshot of items, notes, decisions, actions, attendance and summary. */
		snapshot: text('snapshot').notNull(),
		replacedAt: timestamp('replaced_at').notNull(),
		replacedBy: reference('replaced_by', () => user.id, 'set null')
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.version] })]
);

export type Meeting = typeof meeting.$inferSelect;
export type AgendaItem = typeof agendaItem.$inferSelect;
export type MeetingAction = typeof meetingAction.$inferSelect;
export type Paper = typeof paper.$inferSelect;
