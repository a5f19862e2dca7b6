/**
 * The co-production record: entries saying how families were involved in a decision or a piece
 * of work, the ladder's words, and the figures the public page, the board report and the
 * standard's measure read. Every function that changes or reads for staff checks can() itself.
 */
import { and, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import {
	BODIES,
	BODY_NAME_MAX,
	CHANGED_MAX,
	LEVEL_MEANING_MAX,
	LEVEL_NAME_MAX,
	LEVELS,
	PEOPLE_MAX,
	TITLE_MAX,
	countsByLevel,
	isLevel,
	sharedShare,
	yearsOf,
	type Body,
	type Level,
	type LevelCounts,
	type LinkKind,
	type SharedShare
} from '$lib/features/coproduction/model';
import { isIsoDate, londonDate, partnershipYear, partnershipYearOf, type Period } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { coproductionEntry, coproductionEntryService, coproductionLevel, service, type CoproductionEntry } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { reportInputsChanged } from '../report-inputs';
import * as audit from '../audit';
import type { EntryInputShape } from '$lib/features/coproduction/schemas';
import * as services from '../services';
import { agendaItemFacts, boardItemFacts, linkChoices, linkViews, missingLinks, type LinkView, type Links } from './links';

/** An entry as the form gives it (the form's own type: one shape on both sides of the server line). */
export type EntryInput = EntryInputShape;

/** A problem with one field of an entry: the field, a stable code for its translated words, and plain English. */
export class EntryProblem extends ValidationError {
	constructor(
		readonly field: keyof EntryInput,
		code: string,
		message: string
	) {
		super(code, message);
	}
}

const LINK_FIELDS = { agendaItem: 'agendaItemId', survey: 'surveyId', boardItem: 'boardItemId', standard: 'standardId' } as const satisfies Record<LinkKind, keyof EntryInput>;
const LINK_PROBLEMS: Record<LinkKind, string> = {
	agendaItem: 'There is no such agenda item: choose one from the list, or none.',
	survey: 'There is no such survey: choose one from the list, or none.',
	boardItem: 'There is no such "you said" item: choose one from the list, or none.',
	standard: 'There is no such standard: choose one from the list, or none.'
};

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const linksOf = (e: Pick<EntryInput, 'agendaItemId' | 'surveyId' | 'boardItemId' | 'standardId'>): Links => ({
	agendaItem: e.agendaItemId,
	survey: e.surveyId,
	boardItem: e.boardItemId,
	standard: e.standardId
});

/** Checks and tidies an entry; throws EntryProblem for the first field that is wrong. */
function clean(db: Db, input: EntryInput, today: string): EntryInput {
	const title = oneLine(input.title);
	if (!title || title.length > TITLE_MAX) throw new EntryProblem('title', 'entry_title', 'Say what was decided or made, in up to 200 letters.');
	if (!BODIES.includes(input.body)) throw new EntryProblem('body', 'entry_body', 'Choose which body decided it.');
	const live = new Set(services.list(db, { includeArchived: true }).map((s) => s.id));
	let bodyServiceId: number | null = null;
	let bodyName = '';
	if (input.body === 'service') {
		if (input.bodyServiceId === null || !live.has(input.bodyServiceId)) throw new EntryProblem('bodyServiceId', 'entry_body_service', 'Choose the service that decided it.');
		bodyServiceId = input.bodyServiceId;
	}
	if (input.body === 'other') {
		bodyName = oneLine(input.bodyName);
		if (!bodyName || bodyName.length > BODY_NAME_MAX) throw new EntryProblem('bodyName', 'entry_body_name', 'Name the body that decided it, in up to 120 letters.');
	}
	if (!isIsoDate(input.decidedOn)) throw new EntryProblem('decidedOn', 'entry_date', 'Give the day it was decided, like 2026-07-14.');
	if (input.decidedOn > today) throw new EntryProblem('decidedOn', 'entry_date_future', 'The day cannot be in the future: record what has been decided.');
	if (!isLevel(input.level)) throw new EntryProblem('level', 'entry_level', 'Choose how far families were involved.');
	for (const field of ['parentCarers', 'youngPeople', 'forumReps'] as const) {
		const n = input[field];
		if (!Number.isInteger(n) || n < 0 || n > PEOPLE_MAX) throw new EntryProblem(field, 'entry_people', 'Give a whole number from 0 to 10000 (0 if none took part).');
	}
	const serviceIds = [...new Set(input.serviceIds)];
	if (serviceIds.some((id) => !live.has(id))) throw new EntryProblem('serviceIds', 'entry_services', 'Choose services from the list.');
	const changed = input.changed.trim();
	if (changed.length > CHANGED_MAX) throw new EntryProblem('changed', 'entry_changed', 'Keep what changed to 2000 letters.');
	const missing = missingLinks(db, linksOf(input));
	if (missing.length) throw new EntryProblem(LINK_FIELDS[missing[0]], `entry_link_${missing[0]}`, LINK_PROBLEMS[missing[0]]);
	return { ...input, title, bodyServiceId, bodyName, serviceIds, changed };
}

/** The services an entry is about, for can(): the deciding service and those that took part. */
const servicesOf = (e: Pick<EntryInput, 'bodyServiceId' | 'serviceIds'>) => [...new Set([...(e.bodyServiceId ? [e.bodyServiceId] : []), ...e.serviceIds])];

function ledBy(db: Db, actor: Actor): number[] {
	return actor ? services.ledBy(db, actor.id) : [];
}

/** May this person record an entry about these services? */
function mayRecord(db: Db, actor: Actor, serviceIds: number[]): boolean {
	return can(actor, 'coproduction.record', { serviceIds, ledServiceIds: ledBy(db, actor) });
}

/** Whether this person may record an entry about these services: the "record how families were involved" link beside an agenda item or a "you said" item. */
export function mayRecordAbout(db: Db, actor: Actor, serviceIds: readonly number[]): boolean {
	return can(actor, 'coproduction.track') && mayRecord(db, actor, [...serviceIds]);
}

/** Throws EntryProblem unless the person may record the entry as it now stands (a lead: one of theirs must be in it). */
function mustRecord(db: Db, actor: Actor, input: EntryInput): void {
	if (!mayRecord(db, actor, servicesOf(input))) {
		throw new EntryProblem('serviceIds', 'entry_not_your_service', 'Choose a service you lead, as the body or among the services that took part.');
	}
}

function writeServices(tx: Db, entryId: number, serviceIds: number[]): void {
	tx.delete(coproductionEntryService).where(eq(coproductionEntryService.entryId, entryId)).run();
	if (serviceIds.length) tx.insert(coproductionEntryService).values(serviceIds.map((serviceId) => ({ entryId, serviceId }))).run();
}

const rowValues = (v: EntryInput) => {
	const { serviceIds: _, ...row } = v;
	return row;
};

/** Records an entry. Returns its id. Throws ForbiddenError or EntryProblem. */
export function create(db: Db, actor: Actor, input: EntryInput, now = new Date()): number {
	if (!can(actor, 'coproduction.track')) throw new ForbiddenError();
	const values = clean(db, input, londonDate(now));
	mustRecord(db, actor, values);
	const id = writeTransaction(db, (tx) => {
		const { id } = tx.insert(coproductionEntry).values({ ...rowValues(values), createdAt: now, updatedAt: now }).returning({ id: coproductionEntry.id }).get();
		writeServices(tx, id, values.serviceIds);
		audit.record(tx, { actorId: actor!.id, action: 'coproduction.created', subjectType: 'coproduction_entry', subjectId: id, details: auditable(values), at: now });
		return id;
	});
	reportInputsChanged(db);
	return id;
}

/** The audit keeps the facts of an entry, not its words (titles and "what changed" are free text). */
function auditable(v: EntryInput) {
	return { body: v.body, bodyServiceId: v.bodyServiceId, decidedOn: v.decidedOn, level: v.level, parentCarers: v.parentCarers, youngPeople: v.youngPeople, forumReps: v.forumReps, serviceIds: v.serviceIds, ...linksOf(v) };
}

export type Entry = CoproductionEntry & { serviceIds: number[] };

function load(db: Db, id: number): Entry {
	const row = db.select().from(coproductionEntry).where(eq(coproductionEntry.id, id)).get();
	if (!row) throw new NotFoundError('entry_not_found', 'There is no such co-production entry.');
	const serviceIds = db.select({ id: coproductionEntryService.serviceId }).from(coproductionEntryService).where(eq(coproductionEntryService.entryId, id)).all().map((r) => r.id);
	return { ...row, serviceIds };
}

/** An entry for its edit page. Throws NotFoundError, or ForbiddenError unless the person may change it. */
export function getForEditing(db: Db, actor: Actor, id: number): Entry {
	if (!can(actor, 'coproduction.track')) throw new ForbiddenError();
	const entry = load(db, id);
	if (!mayRecord(db, actor, servicesOf(entry))) throw new ForbiddenError();
	return entry;
}

/** Changes an entry. Throws ForbiddenError, NotFoundError or EntryProblem. */
export function update(db: Db, actor: Actor, id: number, input: EntryInput, now = new Date()): void {
	const before = getForEditing(db, actor, id);
	const values = clean(db, input, londonDate(now));
	mustRecord(db, actor, values);
	writeTransaction(db, (tx) => {
		tx.update(coproductionEntry).set({ ...rowValues(values), updatedAt: now }).where(eq(coproductionEntry.id, id)).run();
		writeServices(tx, id, values.serviceIds);
		audit.record(tx, { actorId: actor!.id, action: 'coproduction.updated', subjectType: 'coproduction_entry', subjectId: id, details: { before: auditable(before), after: auditable(values) }, at: now });
	});
	reportInputsChanged(db);
}

/** Removes an entry. Throws ForbiddenError or NotFoundError. */
export function remove(db: Db, actor: Actor, id: number, now = new Date()): void {
	const before = getForEditing(db, actor, id);
	writeTransaction(db, (tx) => {
		tx.delete(coproductionEntry).where(eq(coproductionEntry.id, id)).run();
		audit.record(tx, { actorId: actor!.id, action: 'coproduction.removed', subjectType: 'coproduction_entry', subjectId: id, details: auditable(before), at: now });
	});
	reportInputsChanged(db);
}

/** What a new-entry form starts with, when it comes from an agenda item or a "you said" item. */
export type Prefill = Partial<Pick<EntryInput, 'title' | 'body' | 'bodyServiceId' | 'decidedOn' | 'serviceIds' | 'agendaItemId' | 'boardItemId' | 'surveyId'>>;

/**
 * The new-entry form's choices for this person: the live services (a lead's own first and
 * marked), the ladder, what an entry may link to, and the form's first values when it comes from
 * an agenda item (`agendaItem`) or a "you said" item (`boardItem`), so that saving is the only
 * other step. A link to something that does not exist is not prefilled. Throws ForbiddenError.
 */
export function newEntryChoices(db: Db, actor: Actor, from: { agendaItem?: number | null; boardItem?: number | null } = {}, now = new Date()) {
	if (!can(actor, 'coproduction.track')) throw new ForbiddenError();
	const led = can(actor, 'coproduction.record') ? [] : ledBy(db, actor);
	// a lead of one service records for it: it starts chosen
	const prefill: Prefill = { decidedOn: londonDate(now), ...(led.length === 1 ? { serviceIds: led } : {}) };
	if (from.agendaItem) {
		const item = agendaItemFacts(db, from.agendaItem);
		// forum meetings are the forum's: a lead recording one adds their service below
		if (item) Object.assign(prefill, { title: item.title, body: 'forum', decidedOn: item.day, agendaItemId: from.agendaItem, serviceIds: led.slice(0, 1) });
	} else if (from.boardItem) {
		const item = boardItemFacts(db, from.boardItem);
		if (item) {
			const [only] = item.serviceIds;
			Object.assign(prefill, {
				title: item.youSaid.length > TITLE_MAX ? `${item.youSaid.slice(0, TITLE_MAX - 1)}…` : item.youSaid,
				body: item.serviceIds.length === 1 ? 'service' : 'partnership_board',
				bodyServiceId: item.serviceIds.length === 1 ? only : null,
				decidedOn: item.answeredOn && item.answeredOn <= londonDate(now) ? item.answeredOn : londonDate(now),
				serviceIds: item.serviceIds,
				boardItemId: from.boardItem,
				surveyId: item.surveyId
			});
		}
	}
	return { services: services.list(db).map((s) => ({ id: s.id, name: s.name })), ledServiceIds: ledBy(db, actor), links: linkChoices(db), prefill };
}

/** A rung of the ladder: its edited name and meaning, or null where the default words stand. */
export type LadderRung = { level: Level; name: string | null; meaning: string | null };

/** The ladder as the partnership words it (no permission needed: it is on the public page). */
export function ladder(db: Db): LadderRung[] {
	const edited = new Map(db.select().from(coproductionLevel).all().map((r) => [r.level, r]));
	return LEVELS.map((level) => ({ level, name: edited.get(level)?.name ?? null, meaning: edited.get(level)?.meaning ?? null }));
}

/** The ladder for its admin page. Throws ForbiddenError. */
export function ladderForEditing(db: Db, actor: Actor): LadderRung[] {
	if (!can(actor, 'coproduction.ladder')) throw new ForbiddenError();
	return ladder(db);
}

/** A problem with one rung's words: which rung and field. */
export class LadderProblem extends ValidationError {
	constructor(
		readonly level: Level,
		readonly field: 'name' | 'meaning',
		code: string,
		message: string
	) {
		super(code, message);
	}
}

/**
 * Saves the ladder's words. A rung left with both boxes empty goes back to the default words; a
 * rung with one box empty is refused. Throws ForbiddenError or LadderProblem.
 */
export function saveLadder(db: Db, actor: Actor, words: { level: Level; name: string; meaning: string }[], now = new Date()): void {
	if (!can(actor, 'coproduction.ladder')) throw new ForbiddenError();
	const rows = words.map((w) => ({ level: w.level, name: oneLine(w.name), meaning: oneLine(w.meaning) }));
	for (const r of rows) {
		if (!isLevel(r.level)) throw new ValidationError('ladder_level', 'There is no such level.');
		if (!r.name && !r.meaning) continue;
		if (!r.name || r.name.length > LEVEL_NAME_MAX) throw new LadderProblem(r.level, 'name', 'ladder_name', 'Give the level a name of up to 40 letters, or leave both boxes empty for the usual words.');
		if (!r.meaning || r.meaning.length > LEVEL_MEANING_MAX) throw new LadderProblem(r.level, 'meaning', 'ladder_meaning', 'Say in one line (up to 200 letters) what the level means, or leave both boxes empty for the usual words.');
	}
	const before = ladder(db);
	writeTransaction(db, (tx) => {
		for (const r of rows) {
			if (!r.name && !r.meaning) tx.delete(coproductionLevel).where(eq(coproductionLevel.level, r.level)).run();
			else
				tx.insert(coproductionLevel)
					.values({ ...r, updatedAt: now })
					.onConflictDoUpdate({ target: coproductionLevel.level, set: { name: r.name, meaning: r.meaning, updatedAt: now } })
					.run();
		}
		audit.record(tx, { actorId: actor!.id, action: 'coproduction.ladder_changed', subjectType: 'coproduction_ladder', subjectId: 0, details: { before, after: ladder(tx) }, at: now });
	});
	reportInputsChanged(db);
}

/** An entry as a page shows it: its facts, services by name and what it concerns, named and linked for the reader. */
export type EntryView = {
	id: number;
	title: string;
	body: Body;
	bodyService: string | null;
	bodyName: string;
	decidedOn: string;
	level: Level;
	parentCarers: number;
	youngPeople: number;
	forumReps: number;
	services: { id: number; name: string }[];
	changed: string;
	links: LinkView[];
};

function views(db: Db, rows: CoproductionEntry[], actor: Actor): EntryView[] {
	if (rows.length === 0) return [];
	const names = new Map(db.select({ id: service.id, name: service.name }).from(service).all().map((s) => [s.id, s.name]));
	const ids = rows.map((r) => r.id);
	const taking = new Map<number, number[]>();
	for (const r of db.select().from(coproductionEntryService).where(inArray(coproductionEntryService.entryId, ids)).all()) {
		taking.set(r.entryId, [...(taking.get(r.entryId) ?? []), r.serviceId]);
	}
	const named = linkViews(db, rows.map(linksOf), actor);
	return rows.map((r) => {
		const links = Object.entries(linksOf(r))
			.filter(([, id]) => id !== null)
			.map(([kind, id]) => named.get(`${kind}:${id}`))
			.filter((v): v is LinkView => v !== undefined);
		return {
			id: r.id,
			title: r.title,
			body: r.body,
			bodyService: r.bodyServiceId ? (names.get(r.bodyServiceId) ?? null) : null,
			bodyName: r.bodyName,
			decidedOn: r.decidedOn,
			level: r.level,
			parentCarers: r.parentCarers,
			youngPeople: r.youngPeople,
			forumReps: r.forumReps,
			services: (taking.get(r.id) ?? []).map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name)),
			changed: r.changed,
			links
		};
	});
}

/** The entries "about" a service: it decided, or it took part. */
function aboutService(serviceIds: readonly number[]): SQL {
	const ids = [...serviceIds, -1];
	return sql`(${inArray(coproductionEntry.bodyServiceId, ids)} OR ${inArray(
		coproductionEntry.id,
		sql`(SELECT ${coproductionEntryService.entryId} FROM ${coproductionEntryService} WHERE ${inArray(coproductionEntryService.serviceId, ids)})`
	)})`;
}

export type PublicFilters = { serviceId: number | null; level: Level | null; year: number | null; page: number };

/** Reads the public page's filters from its address; anything unknown is no filter. */
export function filtersFrom(params: URLSearchParams): PublicFilters {
	const num = (k: string) => (/^\d{1,9}$/.test(params.get(k) ?? '') ? Number(params.get(k)) : null);
	const level = params.get('level');
	const year = num('year');
	return { serviceId: num('service'), level: isLevel(level) ? level : null, year: year && year >= 2000 && year <= 2100 ? year : null, page: Math.max(1, num('page') ?? 1) };
}

export const PAGE_SIZE = 20;

/**
 * The public list, newest first, filtered, a page at a time; with the years there are entries
 * for and the figures of the chosen year (this partnership year when none is chosen) for the
 * chosen service: decisions recorded and the share co-designed or co-produced. Public: counts only.
 */
export function listPublic(db: Db, filters: PublicFilters, now = new Date()) {
	const today = londonDate(now);
	const year = filters.year ?? partnershipYearOf(today);
	const period = partnershipYear(year);
	const where = and(
		filters.serviceId !== null ? aboutService([filters.serviceId]) : undefined,
		filters.level ? eq(coproductionEntry.level, filters.level) : undefined,
		filters.year !== null ? and(gte(coproductionEntry.decidedOn, period.start), lte(coproductionEntry.decidedOn, period.end)) : undefined
	);
	const total = db.select({ n: count() }).from(coproductionEntry).where(where).get()!.n;
	const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(filters.page, pageCount);
	const rows = db
		.select()
		.from(coproductionEntry)
		.where(where)
		.orderBy(desc(coproductionEntry.decidedOn), desc(coproductionEntry.id))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE)
		.all();
	const days = db.selectDistinct({ d: coproductionEntry.decidedOn }).from(coproductionEntry).all().map((r) => r.d);
	return {
		entries: views(db, rows, null),
		total,
		page,
		pageCount,
		years: yearsOf([...days, today]),
		figures: { year, ...figuresIn(db, period, filters.serviceId === null ? null : [filters.serviceId]) }
	};
}

/** The staff list: every entry, newest first, a page at a time, each saying whether this person may change it. Throws ForbiddenError. */
export function listForStaff(db: Db, actor: Actor, page = 1) {
	if (!can(actor, 'coproduction.track')) throw new ForbiddenError();
	const total = db.select({ n: count() }).from(coproductionEntry).get()!.n;
	const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const shown = Math.min(Math.max(1, page), pageCount);
	const rows = db
		.select()
		.from(coproductionEntry)
		.orderBy(desc(coproductionEntry.decidedOn), desc(coproductionEntry.id))
		.limit(PAGE_SIZE)
		.offset((shown - 1) * PAGE_SIZE)
		.all();
	const led = ledBy(db, actor);
	return {
		entries: views(db, rows, actor).map((e) => ({
			...e,
			mayChange: can(actor, 'coproduction.record', { serviceIds: servicesOf({ bodyServiceId: rows.find((r) => r.id === e.id)!.bodyServiceId, serviceIds: e.services.map((s) => s.id) }), ledServiceIds: led })
		})),
		total,
		page: shown,
		pageCount
	};
}

/** One entry as staff see it (for its page after saving). Throws ForbiddenError or NotFoundError. */
export function viewForStaff(db: Db, actor: Actor, id: number): EntryView {
	if (!can(actor, 'coproduction.track')) throw new ForbiddenError();
	return views(db, [load(db, id)], actor)[0];
}

/** The entries recorded from one agenda item or "you said" item (for the button beside it: "recorded 2"). */
export function countFrom(db: Db, from: { agendaItemIds?: number[]; boardItemId?: number }): Map<number, number> {
	const counts = new Map<number, number>();
	if (from.agendaItemIds?.length) {
		for (const r of db
			.select({ id: coproductionEntry.agendaItemId, n: count() })
			.from(coproductionEntry)
			.where(inArray(coproductionEntry.agendaItemId, from.agendaItemIds))
			.groupBy(coproductionEntry.agendaItemId)
			.all())
			counts.set(r.id!, r.n);
	}
	if (from.boardItemId) {
		counts.set(from.boardItemId, db.select({ n: count() }).from(coproductionEntry).where(eq(coproductionEntry.boardItemId, from.boardItemId)).get()!.n);
	}
	return counts;
}

export type CoproductionFigures = { counts: LevelCounts; share: SharedShare };

/**
 * Entries decided in a period, by level, and the share co-designed or co-produced; `serviceIds`
 * (null: the whole area) keeps those a service decided or took part in. What the public figures,
 * the board report's section and the standard's measure all read. No permission: counts only.
 */
export function figuresIn(db: Db, period: Period, serviceIds: readonly number[] | null): CoproductionFigures {
	const rows = db
		.select({ level: coproductionEntry.level, n: count() })
		.from(coproductionEntry)
		.where(and(gte(coproductionEntry.decidedOn, period.start), lte(coproductionEntry.decidedOn, period.end), serviceIds === null ? undefined : aboutService(serviceIds)))
		.groupBy(coproductionEntry.level)
		.all();
	const counts = countsByLevel([]);
	for (const r of rows) counts[r.level] = r.n;
	return { counts, share: sharedShare(counts) };
}
