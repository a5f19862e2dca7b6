/**
 * Forum meetings: planning, agendas and papers, minutes with decisions and actions, attendance,
 * and what the public sees. Every function checks its permission itself.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import * as outbox from '../outbox';
import { AGENDA_PUBLISHED, MINUTES_PUBLISHED } from './news';
import { isIsoDate, londonDate } from '$lib/time';
import { isSymbolId } from '$lib/symbols/catalogue';
import {
	ACCESS_FEATURES,
	canMoveMeetingTo,
	EASY_READ_SENTENCES,
	isPublicState,
	PAPER_MAX_BYTES,
	PAPER_TYPES,
	type AccessFeature,
	type ActionStatus,
	type AgendaKind,
	type MeetingAudience,
	type MeetingState,
	type PaperType
} from '$lib/features/meetings/model';
import { writeTransaction, type Db } from '../db';
import { nextPosition, renumber, swapWithNeighbour } from '../db/ordering';
import {
	agendaItem,
	attendance,
	decision,
	meeting,
	meetingAction,
	minutesVersion,
	paper,
	service,
	user,
	type AgendaItem,
	type Meeting,
	type MeetingAction
} from '../db/schema';
import { can, type Actor } from '../permissions';
import type { Need } from '../contributions';
import { m } from '$lib/paraglide/messages';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as board from '../board';
import * as accounts from '../accounts';

export type MeetingInput = {
	title: string;
	startsAt: Date;
	endsAt: Date;
	place: string;
	onlineLink: string;
	access: AccessFeature[];
	accessNotes: string;
	audience: MeetingAudience;
};

export type AgendaItemInput = { title: string; lead: string; minutesAllotted: number; kind: AgendaKind };

export type ActionInput = {
	what: string;
	/** Exactly one kind of owner: a person with an account, a service, or a name in words. */
	ownerUserId: number | null;
	ownerServiceId: number | null;
	ownerName: string;
	dueOn: string | null;
	status: ActionStatus;
	droppedReason: string;
};

export type EasyReadSentence = { text: string; symbolId: string | null };

/** What every change to a meeting sets: when, and one more on the calendar feed's SEQUENCE. */
const changed = (now: Date) => ({ updatedAt: now, sequence: sql`${meeting.sequence} + 1` });

function mustManage(actor: Actor): asserts actor is NonNullable<Actor> {
	if (!can(actor, 'meetings.manage')) throw new ForbiddenError();
}

function findMeeting(db: Db, id: number): Meeting {
	const row = db.select().from(meeting).where(eq(meeting.id, id)).get();
	if (!row) throw new NotFoundError('meeting_not_found');
	return row;
}

function findItem(db: Db, id: number): AgendaItem {
	const row = db.select().from(agendaItem).where(eq(agendaItem.id, id)).get();
	if (!row) throw new NotFoundError('agenda_item_not_found');
	return row;
}

function meetingValues(input: MeetingInput) {
	const title = input.title.trim();
	if (!title) throw new ValidationError('title_required');
	if (!(input.endsAt.getTime() > input.startsAt.getTime())) throw new ValidationError('ends_before_starts');
	const onlineLink = input.onlineLink.trim();
	if (onlineLink && !/^https?:\/\/[^\s]+$/i.test(onlineLink)) throw new ValidationError('online_link_invalid');
	if (!input.place.trim() && !onlineLink) throw new ValidationError('place_required');
	return {
		title,
		startsAt: input.startsAt,
		endsAt: input.endsAt,
		place: input.place.trim(),
		onlineLink,
		access: JSON.stringify(ACCESS_FEATURES.filter((f) => input.access.includes(f))),
		accessNotes: input.accessNotes.trim(),
		audience: input.audience
	};
}

/** Whether the minutes are out: then every change keeps the previous version and shows "updated on". */
function minutesArePublished(m: Meeting) {
	return m.state === 'minutes_published';
}

/** Before changing published minutes: keeps them as they were, and marks the meeting updated. */
function versionMinutes(db: Db, actor: NonNullable<Actor>, m: Meeting, now: Date) {
	if (!minutesArePublished(m)) return;
	const last = db
		.select({ v: sql<number | null>`max(${minutesVersion.version})` })
		.from(minutesVersion)
		.where(eq(minutesVersion.meetingId, m.id))
		.get();
	db.insert(minutesVersion)
		.values({ meetingId: m.id, version: (last?.v ?? 0) + 1, snapshot: JSON.stringify(snapshot(db, m.id)), replacedAt: now, replacedBy: actor.id })
		.run();
	db.update(meeting).set({ minutesUpdatedAt: now, ...changed(now) }).where(eq(meeting.id, m.id)).run();
}

function snapshot(db: Db, meetingId: number) {
	const m = findMeeting(db, meetingId);
	const items = itemsOf(db, meetingId);
	return {
		easyRead: m.easyRead,
		items: items.map((i) => ({ title: i.title, notes: i.notes, decisions: i.decisions.map((d) => d.text), actions: i.actions.map((a) => ({ what: a.what, status: a.status })) })),
		attendance: db
			.select({ name: attendance.name, kind: attendance.kind })
			.from(attendance)
			.where(and(eq(attendance.meetingId, meetingId), isNull(attendance.userId)))
			.all()
	};
}

/* ---------------------------------------------------------------------------------------- */
/* Meetings                                                                                 */
/* ---------------------------------------------------------------------------------------- */

/** Plans a meeting (a draft). Returns its id. Throws ForbiddenError, ValidationError. */
export function create(db: Db, actor: Actor, input: MeetingInput, now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		const { id } = tx
			.insert(meeting)
			.values({ ...meetingValues(input), createdAt: now, updatedAt: now })
			.returning({ id: meeting.id })
			.get();
		audit.record(tx, { actorId: actor.id, action: 'meeting.created', subjectType: 'meeting', subjectId: id, at: now });
		return id;
	});
}

/**
 * Changes a meeting's details. Moving a meeting whose agenda is out keeps the old time, so
 * the pages say it moved. Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function update(db: Db, actor: Actor, id: number, input: MeetingInput, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const before = findMeeting(tx, id);
		const values = meetingValues(input);
		const moved = before.state !== 'draft' && before.startsAt.getTime() !== values.startsAt.getTime();
		tx.update(meeting)
			.set({ ...values, movedFrom: moved ? before.startsAt : before.movedFrom, ...changed(now) })
			.where(eq(meeting.id, id))
			.run();
		audit.record(tx, {
			actorId: actor.id,
			action: moved ? 'meeting.moved' : 'meeting.updated',
			subjectType: 'meeting',
			subjectId: id,
			details: moved ? { from: before.startsAt.toISOString(), to: values.startsAt.toISOString() } : {},
			at: now
		});
	});
}

/**
 * Moves a meeting to its next state (or one back): publish the agenda, start the minutes,
 * publish the minutes. Publishing the minutes makes them public. A cancelled meeting stays as
 * it is. Throws ForbiddenError, NotFoundError, ConflictError.
 */
export function setState(db: Db, actor: Actor, id: number, to: MeetingState, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const m = findMeeting(tx, id);
		if (m.state === to) return;
		if (m.cancelledAt) throw new ConflictError('meeting_cancelled');
		if (!canMoveMeetingTo(m.state, to)) throw new ConflictError('state_not_allowed');
		if (to === 'agenda_published' && m.state === 'draft' && !itemsOf(tx, id).length) throw new ValidationError('agenda_empty');
		tx.update(meeting)
			.set({ state: to, ...changed(now), ...(to === 'minutes_published' && !m.minutesPublishedAt ? { minutesPublishedAt: now } : {}) })
			.where(eq(meeting.id, id))
			.run();
		// the papers going public is news to the meetings' subscribers (once each: going back and forth sends nothing new)
		if (to === 'agenda_published' && m.state === 'draft') outbox.emitOnce(tx, AGENDA_PUBLISHED, id, `agenda:${id}`, now);
		if (to === 'minutes_published') outbox.emitOnce(tx, MINUTES_PUBLISHED, id, `minutes:${id}`, now);
		audit.record(tx, { actorId: actor.id, action: `meeting.${to}`, subjectType: 'meeting', subjectId: id, at: now });
	});
}

/** Cancels a meeting: it stays listed, marked cancelled, with the reason. Throws ForbiddenError, NotFoundError, ValidationError. */
export function cancel(db: Db, actor: Actor, id: number, reason: string, now = new Date()): void {
	mustManage(actor);
	if (!reason.trim()) throw new ValidationError('reason_required');
	writeTransaction(db, (tx) => {
		findMeeting(tx, id);
		tx.update(meeting).set({ cancelledAt: now, cancelReason: reason.trim(), ...changed(now) }).where(eq(meeting.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'meeting.cancelled', subjectType: 'meeting', subjectId: id, at: now });
	});
}

/** Takes back a cancellation. Throws ForbiddenError, NotFoundError. */
export function uncancel(db: Db, actor: Actor, id: number, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		findMeeting(tx, id);
		tx.update(meeting).set({ cancelledAt: null, cancelReason: '', ...changed(now) }).where(eq(meeting.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'meeting.uncancelled', subjectType: 'meeting', subjectId: id, at: now });
	});
}

/** Every meeting for organisers, newest first. Throws ForbiddenError. */
export function listForManagers(db: Db, actor: Actor): Meeting[] {
	mustManage(actor);
	return db.select().from(meeting).orderBy(desc(meeting.startsAt)).all();
}

export const PUBLIC_PAGE_SIZE = 20;

/**
 * Meetings the public can see (agenda published or later), upcoming soonest first or past
 * newest first, matching words in the title, agenda or minutes, and a year.
 */
export function listPublic(
	db: Db,
	options: { when: 'upcoming' | 'past'; q?: string; year?: number; page?: number },
	now = new Date()
): { meetings: Meeting[]; total: number; years: number[] } {
	const conditions: SQL[] = [ne(meeting.state, 'draft')];
	conditions.push(options.when === 'upcoming' ? gt(meeting.endsAt, now) : lt(meeting.endsAt, now));
	if (options.year) {
		conditions.push(sql`strftime('%Y', ${meeting.startsAt} / 1000, 'unixepoch') = ${String(options.year)}`);
	}
	const words = (options.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
	for (const word of words) {
		const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(
			or(
				sql`${meeting.title} like ${pattern} escape '\\'`,
				sql`exists (select 1 from ${agendaItem} where ${agendaItem.meetingId} = ${meeting.id} and (${agendaItem.title} like ${pattern} escape '\\' or (${meeting.state} = 'minutes_published' and ${agendaItem.notes} like ${pattern} escape '\\')))`
			)!
		);
	}
	const where = and(...conditions);
	const total = db.select({ n: sql<number>`count(*)` }).from(meeting).where(where).get()!.n;
	const page = Math.max(1, options.page ?? 1);
	const meetings = db
		.select()
		.from(meeting)
		.where(where)
		.orderBy(options.when === 'upcoming' ? asc(meeting.startsAt) : desc(meeting.startsAt))
		.limit(PUBLIC_PAGE_SIZE)
		.offset((page - 1) * PUBLIC_PAGE_SIZE)
		.all();
	const years = db
		.selectDistinct({ y: sql<string>`strftime('%Y', ${meeting.startsAt} / 1000, 'unixepoch')` })
		.from(meeting)
		.where(ne(meeting.state, 'draft'))
		.orderBy(desc(sql`1`))
		.all()
		.map((r) => Number(r.y));
	return { meetings, total, years };
}

/* ---------------------------------------------------------------------------------------- */
/* Agenda                                                                                   */
/* ---------------------------------------------------------------------------------------- */

function itemValues(input: AgendaItemInput) {
	const title = input.title.trim();
	if (!title) throw new ValidationError('title_required');
	if (!Number.isInteger(input.minutesAllotted) || input.minutesAllotted < 1 || input.minutesAllotted > 480) throw new ValidationError('minutes_invalid');
	return { title, lead: input.lead.trim(), minutesAllotted: input.minutesAllotted, kind: input.kind };
}

/** A meeting's agenda items, as a list in order. */
const agendaOf = (meetingId: number) => ({ table: agendaItem, id: agendaItem.id, position: agendaItem.position, list: eq(agendaItem.meetingId, meetingId) });

/** Adds an agenda item at the end. Returns its id. Throws ForbiddenError, NotFoundError, ValidationError. */
export function addItem(db: Db, actor: Actor, meetingId: number, input: AgendaItemInput, now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		const m = findMeeting(tx, meetingId);
		const position = nextPosition(tx, agendaOf(meetingId));
		versionMinutes(tx, actor, m, now);
		const { id } = tx
			.insert(agendaItem)
			.values({ meetingId, position, ...itemValues(input) })
			.returning({ id: agendaItem.id })
			.get();
		tx.update(meeting).set({ ...changed(now) }).where(eq(meeting.id, meetingId)).run();
		audit.record(tx, { actorId: actor.id, action: 'meeting.item_added', subjectType: 'meeting', subjectId: meetingId, details: { itemId: id }, at: now });
		return id;
	});
}

/** Changes an agenda item. Throws ForbiddenError, NotFoundError, ValidationError. */
export function updateItem(db: Db, actor: Actor, itemId: number, input: AgendaItemInput, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		versionMinutes(tx, actor, findMeeting(tx, item.meetingId), now);
		tx.update(agendaItem).set(itemValues(input)).where(eq(agendaItem.id, itemId)).run();
		tx.update(meeting).set({ ...changed(now) }).where(eq(meeting.id, item.meetingId)).run();
	});
}

/**
 * Removes an agenda item with its papers. An item with decisions or actions cannot go (the
 * minutes would lose them). Throws ForbiddenError, NotFoundError, ConflictError.
 */
export function removeItem(db: Db, actor: Actor, itemId: number, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		const used =
			tx.select({ id: decision.id }).from(decision).where(eq(decision.agendaItemId, itemId)).limit(1).get() ||
			tx.select({ id: meetingAction.id }).from(meetingAction).where(eq(meetingAction.agendaItemId, itemId)).limit(1).get();
		if (used) throw new ConflictError('item_has_minutes');
		versionMinutes(tx, actor, findMeeting(tx, item.meetingId), now);
		tx.delete(agendaItem).where(eq(agendaItem.id, itemId)).run();
		renumber(tx, agendaOf(item.meetingId));
		audit.record(tx, { actorId: actor.id, action: 'meeting.item_removed', subjectType: 'meeting', subjectId: item.meetingId, details: { itemId }, at: now });
	});
}

/** Moves an agenda item one place up or down (at either end it stays). Throws ForbiddenError, NotFoundError. */
export function moveItem(db: Db, actor: Actor, itemId: number, direction: 'up' | 'down'): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		swapWithNeighbour(tx, agendaOf(item.meetingId), item, direction);
	});
}

/** The type of a paper from its first bytes (never its name): PDF, Word (new or old) or ODT. */
export function paperType(bytes: Uint8Array): PaperType | null {
	const head = (n: number) => Buffer.from(bytes.subarray(0, n)).toString('latin1');
	if (head(5) === '%PDF-') return 'pdf';
	if (bytes.length >= 8 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b)) return 'doc';
	if (head(4) === 'PK\x03\x04') {
		// An ODT's first zip entry is "mimetype" holding its type, stored uncompressed.
		if (head(100).includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
		const text = Buffer.from(bytes).toString('latin1');
		if (text.includes('[Content_Types].xml') && text.includes('word/')) return 'docx';
	}
	return null;
}

/** A file name that is safe in a Content-Disposition header and on every system. */
export function safeFileName(title: string, type: PaperType): string {
	const stem =
		title
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.slice(0, 60)
			.replace(/^-+|-+$/g, '') || 'paper';
	return `${stem}.${type}`;
}

/**
 * Attaches a paper (PDF, Word or ODT, checked by its bytes; up to 10 MB) to an agenda item.
 * Returns its id. Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function addPaper(db: Db, actor: Actor, itemId: number, title: string, bytes: Uint8Array, now = new Date()): number {
	mustManage(actor);
	if (!title.trim()) throw new ValidationError('paper_title_required');
	if (!bytes.length) throw new ValidationError('paper_empty');
	if (bytes.length > PAPER_MAX_BYTES) throw new ValidationError('paper_too_large');
	const type = paperType(bytes);
	if (!type) throw new ValidationError('paper_type');
	return writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		const { id } = tx
			.insert(paper)
			.values({
				agendaItemId: itemId,
				title: title.trim(),
				fileName: safeFileName(title, type),
				mime: PAPER_TYPES[type],
				bytes: Buffer.from(bytes),
				size: bytes.length,
				uploadedAt: now
			})
			.returning({ id: paper.id })
			.get();
		audit.record(tx, { actorId: actor.id, action: 'meeting.paper_added', subjectType: 'meeting', subjectId: item.meetingId, details: { paperId: id }, at: now });
		return id;
	});
}

/** Removes a paper. Throws ForbiddenError, NotFoundError. */
export function removePaper(db: Db, actor: Actor, paperId: number, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const row = tx.select({ itemId: paper.agendaItemId }).from(paper).where(eq(paper.id, paperId)).get();
		if (!row) throw new NotFoundError('paper_not_found');
		tx.delete(paper).where(eq(paper.id, paperId)).run();
		audit.record(tx, { actorId: actor.id, action: 'meeting.paper_removed', subjectType: 'agenda_item', subjectId: row.itemId, details: { paperId }, at: now });
	});
}

/** A paper to download: anyone once the agenda is public, organisers before. Throws NotFoundError. */
export function paperFile(db: Db, actor: Actor, paperId: number) {
	const row = db
		.select({ fileName: paper.fileName, mime: paper.mime, bytes: paper.bytes, state: meeting.state })
		.from(paper)
		.innerJoin(agendaItem, eq(agendaItem.id, paper.agendaItemId))
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.where(eq(paper.id, paperId))
		.get();
	if (!row || (!isPublicState(row.state) && !can(actor, 'meetings.manage'))) throw new NotFoundError('paper_not_found');
	return { fileName: row.fileName, mime: row.mime, bytes: row.bytes };
}

/* ---------------------------------------------------------------------------------------- */
/* Minutes                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/**
 * Saves an agenda item's minutes: notes (Markdown) and decisions (one per entry). Published
 * minutes keep their previous version. Throws ForbiddenError, NotFoundError.
 */
export function saveItemMinutes(db: Db, actor: Actor, itemId: number, input: { notes: string; decisions: string[] }, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		versionMinutes(tx, actor, findMeeting(tx, item.meetingId), now);
		tx.update(agendaItem).set({ notes: input.notes.trim() }).where(eq(agendaItem.id, itemId)).run();
		tx.delete(decision).where(eq(decision.agendaItemId, itemId)).run();
		const decisions = input.decisions.map((d) => d.trim()).filter(Boolean);
		if (decisions.length) tx.insert(decision).values(decisions.map((text) => ({ agendaItemId: itemId, text }))).run();
		tx.update(meeting).set({ ...changed(now) }).where(eq(meeting.id, item.meetingId)).run();
		audit.record(tx, { actorId: actor.id, action: 'meeting.minutes_saved', subjectType: 'meeting', subjectId: item.meetingId, details: { itemId }, at: now });
	});
}

function actionValues(db: Db, input: ActionInput, today: string) {
	const what = input.what.trim();
	if (!what) throw new ValidationError('action_what_required');
	const owners = [input.ownerUserId !== null, input.ownerServiceId !== null, !!input.ownerName.trim()].filter(Boolean).length;
	if (owners !== 1) throw new ValidationError('action_owner_required');
	// only someone the organiser could have picked: never a young person (a hand-edited form cannot either)
	if (input.ownerUserId !== null && !accounts.isChoosable(db, input.ownerUserId)) throw new ValidationError('action_owner_required');
	if (input.ownerServiceId !== null && !db.select({ id: service.id }).from(service).where(eq(service.id, input.ownerServiceId)).get())
		throw new ValidationError('action_owner_required');
	// A real calendar day: "2026-02-30" is refused.
	if (input.dueOn !== null && !isIsoDate(input.dueOn)) throw new ValidationError('due_invalid');
	if (input.status === 'dropped' && !input.droppedReason.trim()) throw new ValidationError('dropped_reason_required');
	return {
		what,
		ownerUserId: input.ownerUserId,
		ownerServiceId: input.ownerServiceId,
		ownerName: input.ownerName.trim(),
		dueOn: input.dueOn,
		status: input.status,
		droppedReason: input.status === 'dropped' ? input.droppedReason.trim() : '',
		closedOn: input.status === 'open' ? null : today
	};
}

/** Adds an action to an agenda item's minutes. Returns its id. Throws ForbiddenError, NotFoundError, ValidationError. */
export function addAction(db: Db, actor: Actor, itemId: number, input: ActionInput, now = new Date()): number {
	mustManage(actor);
	return writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		versionMinutes(tx, actor, findMeeting(tx, item.meetingId), now);
		const { id } = tx
			.insert(meetingAction)
			.values({ agendaItemId: itemId, meetingId: item.meetingId, ...actionValues(tx, input, londonDate(now)) })
			.returning({ id: meetingAction.id })
			.get();
		audit.record(tx, { actorId: actor.id, action: 'meeting.action_added', subjectType: 'meeting', subjectId: item.meetingId, details: { actionId: id }, at: now });
		return id;
	});
}

/**
 * Changes an action: its words, owner, due date, or status (done, or dropped with a reason).
 * Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function updateAction(db: Db, actor: Actor, actionId: number, input: ActionInput, now = new Date()): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const before = tx.select().from(meetingAction).where(eq(meetingAction.id, actionId)).get();
		if (!before) throw new NotFoundError('action_not_found');
		versionMinutes(tx, actor, findMeeting(tx, before.meetingId), now);
		const values = actionValues(tx, input, londonDate(now));
		tx.update(meetingAction)
			.set({ ...values, closedOn: values.status === before.status ? before.closedOn : values.closedOn })
			.where(eq(meetingAction.id, actionId))
			.run();
		audit.record(tx, {
			actorId: actor.id,
			action: 'meeting.action_updated',
			subjectType: 'meeting',
			subjectId: before.meetingId,
			details: { actionId, status: values.status },
			at: now
		});
	});
}

/**
 * Records attendance in the minutes: names of people who came, who sent apologies and guests
 * (one per entry; replaces the previous lists). Throws ForbiddenError, NotFoundError.
 */
export function saveAttendance(
	db: Db,
	actor: Actor,
	meetingId: number,
	input: { attended: string[]; apologies: string[]; guests: string[] },
	now = new Date()
): void {
	mustManage(actor);
	writeTransaction(db, (tx) => {
		const m = findMeeting(tx, meetingId);
		versionMinutes(tx, actor, m, now);
		tx.delete(attendance).where(and(eq(attendance.meetingId, meetingId), isNull(attendance.userId))).run();
		const rows = [
			...input.attended.map((name) => ({ name, kind: 'attended' as const })),
			...input.apologies.map((name) => ({ name, kind: 'apologies' as const })),
			...input.guests.map((name) => ({ name, kind: 'guest' as const }))
		]
			.map((r) => ({ ...r, name: r.name.trim() }))
			.filter((r) => r.name);
		if (rows.length) tx.insert(attendance).values(rows.map((r) => ({ meetingId, userId: null, name: r.name, kind: r.kind, at: now }))).run();
	});
}

/**
 * Saves the easy-read summary: up to eight short sentences, each with an optional symbol. Their
 * translations stay: each shows only against the English it was made from (content, 0059).
 * Throws ForbiddenError, NotFoundError, ValidationError.
 */
export function saveEasyRead(db: Db, actor: Actor, meetingId: number, sentences: EasyReadSentence[], now = new Date()): void {
	mustManage(actor);
	const clean = sentences
		.map((s) => ({ text: s.text.trim(), symbolId: s.symbolId || null }))
		.filter((s) => s.text);
	for (const s of clean) if (s.symbolId && !isSymbolId(s.symbolId)) throw new ValidationError('symbol_not_found');
	if (clean.length > EASY_READ_SENTENCES) throw new ValidationError('too_many_sentences');
	writeTransaction(db, (tx) => {
		const m = findMeeting(tx, meetingId);
		versionMinutes(tx, actor, m, now);
		tx.update(meeting).set({ easyRead: JSON.stringify(clean), ...changed(now) }).where(eq(meeting.id, meetingId)).run();
	});
}

/**
 * Raises a "you said" board item from an agenda item in one step (unpublished, for the
 * organisers to word and publish), linked both ways. Returns the board item's id.
 * Throws ForbiddenError, NotFoundError, ConflictError.
 */
export function raiseBoardItem(db: Db, actor: Actor, itemId: number, now = new Date()): number {
	mustManage(actor);
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const item = findItem(tx, itemId);
		if (item.boardItemId) throw new ConflictError('already_raised');
		const m = findMeeting(tx, item.meetingId);
		const heardOn = londonDate(m.startsAt);
		const boardItemId = board.createItemIn(tx, actor, {
			youSaid: item.notes ? `${item.title}: ${item.notes.replace(/\s+/g, ' ').slice(0, 400)}` : item.title,
			easyRead: '',
			easyReadSymbol: null,
			voices: 1,
			source: 'meeting',
			sourceDetail: `${m.title}, ${heardOn}`,
			serviceIds: [],
			topics: [],
			heardOn: heardOn > londonDate(now) ? londonDate(now) : heardOn
		}, now);
		tx.update(agendaItem).set({ boardItemId }).where(eq(agendaItem.id, itemId)).run();
		audit.record(tx, { actorId: actor.id, action: 'meeting.board_item_raised', subjectType: 'meeting', subjectId: m.id, details: { itemId, boardItemId }, at: now });
		return boardItemId;
	});
}

/** The meeting and agenda item a board item was raised from, for the board item's page (public meetings only). */
export function raisedFrom(db: Db, boardItemId: number): { meetingId: number; title: string; itemTitle: string } | null {
	const row = db
		.select({ meetingId: meeting.id, title: meeting.title, itemTitle: agendaItem.title, state: meeting.state })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.where(eq(agendaItem.boardItemId, boardItemId))
		.get();
	if (!row || !isPublicState(row.state)) return null;
	return { meetingId: row.meetingId, title: row.title, itemTitle: row.itemTitle };
}

/* ---------------------------------------------------------------------------------------- */
/* Attendance (people saying they will come)                                                */
/* ---------------------------------------------------------------------------------------- */

/**
 * A signed-in person says they will come, or sends apologies, for an upcoming meeting whose
 * agenda is out; saying again changes the answer. Throws ForbiddenError, NotFoundError, ConflictError.
 */
export function reply(db: Db, actor: Actor, meetingId: number, kind: 'attending' | 'apologies', now = new Date()): void {
	if (!can(actor, 'meetings.attend')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const m = findMeeting(tx, meetingId);
		if (!isPublicState(m.state)) throw new NotFoundError('meeting_not_found');
		if (m.cancelledAt || m.endsAt.getTime() < now.getTime()) throw new ConflictError('meeting_not_upcoming');
		const person = tx.select({ name: user.name }).from(user).where(eq(user.id, actor!.id)).get();
		tx.delete(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, actor!.id))).run();
		tx.insert(attendance).values({ meetingId, userId: actor!.id, name: person?.name ?? '', kind, at: now }).run();
	});
}

/** What the signed-in person said about coming, if anything. */
export function myReply(db: Db, actor: Actor, meetingId: number): 'attending' | 'apologies' | null {
	if (!actor) return null;
	const row = db
		.select({ kind: attendance.kind })
		.from(attendance)
		.where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, actor.id)))
		.get();
	return row && (row.kind === 'attending' || row.kind === 'apologies') ? row.kind : null;
}

/** Who said they will come and who sent apologies, for organisers. Throws ForbiddenError. */
export function replies(db: Db, actor: Actor, meetingId: number) {
	mustManage(actor);
	return db
		.select({ name: attendance.name, kind: attendance.kind, at: attendance.at, email: user.email })
		.from(attendance)
		.innerJoin(user, eq(user.id, attendance.userId))
		.where(eq(attendance.meetingId, meetingId))
		.orderBy(asc(attendance.kind), asc(attendance.name))
		.all();
}

/* ---------------------------------------------------------------------------------------- */
/* Reading                                                                                  */
/* ---------------------------------------------------------------------------------------- */

export type ActionWithOwner = MeetingAction & { ownerLabel: string; meetingTitle: string; meetingStartsAt: Date };
export type ItemWithMinutes = AgendaItem & {
	decisions: { id: number; text: string }[];
	actions: ActionWithOwner[];
	papers: { id: number; title: string; fileName: string; mime: string; size: number }[];
};

function actionsWithOwners(db: Db, where: SQL | undefined): ActionWithOwner[] {
	return db
		.select({
			action: meetingAction,
			userName: user.name,
			serviceName: service.name,
			meetingTitle: meeting.title,
			meetingStartsAt: meeting.startsAt
		})
		.from(meetingAction)
		.innerJoin(meeting, eq(meeting.id, meetingAction.meetingId))
		.leftJoin(user, eq(user.id, meetingAction.ownerUserId))
		.leftJoin(service, eq(service.id, meetingAction.ownerServiceId))
		.where(where)
		.orderBy(sql`${meetingAction.dueOn} is null`, asc(meetingAction.dueOn), asc(meetingAction.id))
		.all()
		.map((r) => ({
			...r.action,
			ownerLabel: r.userName ?? r.serviceName ?? r.action.ownerName,
			meetingTitle: r.meetingTitle,
			meetingStartsAt: r.meetingStartsAt
		}));
}

function itemsOf(db: Db, meetingId: number): ItemWithMinutes[] {
	const items = db.select().from(agendaItem).where(eq(agendaItem.meetingId, meetingId)).orderBy(asc(agendaItem.position)).all();
	if (!items.length) return [];
	const ids = items.map((i) => i.id);
	const decisions = db.select().from(decision).where(inArray(decision.agendaItemId, ids)).orderBy(asc(decision.id)).all();
	const actions = actionsWithOwners(db, inArray(meetingAction.agendaItemId, ids));
	const papers = db
		.select({ id: paper.id, itemId: paper.agendaItemId, title: paper.title, fileName: paper.fileName, mime: paper.mime, size: paper.size })
		.from(paper)
		.where(inArray(paper.agendaItemId, ids))
		.orderBy(asc(paper.id))
		.all();
	return items.map((i) => ({
		...i,
		decisions: decisions.filter((d) => d.agendaItemId === i.id).map((d) => ({ id: d.id, text: d.text })),
		actions: actions.filter((a) => a.agendaItemId === i.id),
		papers: papers.filter((p) => p.itemId === i.id).map(({ itemId: _, ...p }) => p)
	}));
}

/**
 * Matters arising for a meeting: actions from earlier meetings still open, oldest due first.
 * They appear until they are done or dropped. `publicOnly`: only actions from published minutes
 * (what the public may read; minutes still being written stay with the organisers).
 */
export function mattersArising(db: Db, meetingId: number, options: { publicOnly?: boolean } = {}): ActionWithOwner[] {
	const m = findMeeting(db, meetingId);
	return actionsWithOwners(
		db,
		and(
			eq(meetingAction.status, 'open'),
			lt(meeting.startsAt, m.startsAt),
			isNull(meeting.cancelledAt),
			options.publicOnly ? eq(meeting.state, 'minutes_published') : undefined
		)
	);
}

export type MeetingDetail = Meeting & {
	accessFeatures: AccessFeature[];
	easyReadSentences: EasyReadSentence[];
	items: ItemWithMinutes[];
	mattersArising: ActionWithOwner[];
	/** Whether this reader sees the minutes (published, or an organiser). */
	showMinutes: boolean;
	attendance: { name: string; kind: string }[];
	versions: number;
};

/**
 * A meeting as its organisers work on it. Throws ForbiddenError for anyone else before anything is
 * read, so a page that takes an upload can refuse before it reads the file (NotFoundError too).
 */
export function getForManaging(db: Db, actor: Actor, id: number): MeetingDetail {
	mustManage(actor);
	return get(db, actor, id);
}

/**
 * A meeting as a reader sees it: the public once the agenda is out (minutes only once published),
 * organisers always. Throws NotFoundError.
 */
export function get(db: Db, actor: Actor, id: number): MeetingDetail {
	const m = findMeeting(db, id);
	const manager = can(actor, 'meetings.manage');
	if (!isPublicState(m.state) && !manager) throw new NotFoundError('meeting_not_found');
	const showMinutes = m.state === 'minutes_published' || manager;
	const items = itemsOf(db, id).map((i) => (showMinutes ? i : { ...i, notes: '', decisions: [], actions: [] }));
	return {
		...m,
		// the raw summary is part of the minutes too
		easyRead: showMinutes ? m.easyRead : '[]',
		accessFeatures: JSON.parse(m.access) as AccessFeature[],
		easyReadSentences: showMinutes ? (JSON.parse(m.easyRead) as EasyReadSentence[]) : [],
		items,
		mattersArising: mattersArising(db, id, { publicOnly: !manager }),
		showMinutes,
		attendance: showMinutes
			? db
					.select({ name: attendance.name, kind: attendance.kind })
					.from(attendance)
					.where(and(eq(attendance.meetingId, id), isNull(attendance.userId)))
					.orderBy(asc(attendance.kind), asc(attendance.name))
					.all()
			: [],
		versions: db.select({ n: sql<number>`count(*)` }).from(minutesVersion).where(eq(minutesVersion.meetingId, id)).get()!.n
	};
}

/**
 * Every open action from meetings whose minutes are published, for the public tracker:
 * overdue first, then by due date.
 */
export function openActions(db: Db, today = londonDate()): (ActionWithOwner & { overdue: boolean })[] {
	const rows = actionsWithOwners(db, and(eq(meetingAction.status, 'open'), eq(meeting.state, 'minutes_published')));
	const withOverdue = rows.map((a) => ({ ...a, overdue: a.dueOn !== null && a.dueOn < today }));
	return [...withOverdue.filter((a) => a.overdue), ...withOverdue.filter((a) => !a.overdue)];
}

/**
 * The home page's count for anyone who owns actions: their own open actions (given to them by
 * name) past their due day, from minutes that are published, as the public tracker lists them.
 */
export function needsYou(db: Db, actor: NonNullable<Actor>, now = new Date()): Need[] {
	if (!can(actor, 'meetings.read')) return [];
	const mine = actionsWithOwners(
		db,
		and(eq(meetingAction.status, 'open'), eq(meeting.state, 'minutes_published'), eq(meetingAction.ownerUserId, actor.id), lt(meetingAction.dueOn, londonDate(now)))
	);
	const n = mine.length;
	const href = n ? `/meetings/actions?owner=${encodeURIComponent(mine[0].ownerLabel)}` : '/meetings/actions';
	return [{ id: 'meetings.actions_overdue', count: n, text: m.meetings_needs_actions_overdue({ count: n }), href, urgency: 'overdue' }];
}

/** Meetings for the calendar feed: every meeting whose agenda is out, cancelled ones included (marked). */
export function forCalendar(db: Db): Meeting[] {
	return db.select().from(meeting).where(ne(meeting.state, 'draft')).orderBy(asc(meeting.startsAt)).all();
}

/** People (never young people) and services an action can be given to, for the minutes form. Throws ForbiddenError. */
export function ownerChoices(db: Db, actor: Actor) {
	mustManage(actor);
	return {
		people: accounts.choosablePeople(db),
		services: db.select({ id: service.id, name: service.name }).from(service).where(isNull(service.archivedAt)).orderBy(asc(service.name)).all()
	};
}
