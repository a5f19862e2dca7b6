import { and, asc, count, desc, eq, exists, gte, inArray, isNotNull, isNull, like, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { canMoveTo, LOCAL_OFFER_ASPECTS, type BoardSource, type BoardStatus, type LocalOfferAspect } from '$lib/features/board/model';
import { addDays, londonDate } from '$lib/time';
import type { Sector } from '$lib/sectors';
import { writeTransaction, type Db } from '../db';
import { boardItem, boardItemService, boardItemTopic, boardResponse, service, survey, type BoardItem } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as services from '../services';
import * as settings from '../settings';
import * as outbox from '../outbox';
import { ITEM_ANSWERED, ITEM_PUBLISHED } from './news';

export type ItemInput = {
	youSaid: string;
	easyRead: string;
	easyReadSymbol: string | null;
	voices: number;
	source: BoardSource;
	sourceDetail: string;
	serviceIds: number[];
	topics: string[];
	/** "YYYY-MM-DD"; the response is due the area's "reply within" weeks after it. */
	heardOn: string;
	/** The survey it was heard in (null: none); left out, a change keeps the item's own. */
	surveyId?: number | null;
	/** Which aspect of the Local Offer it is about (null: not about it); left out, a change keeps the item's own. */
	localOffer?: LocalOfferAspect | null;
};

export type ResponseInput = {
	text: string;
	status: BoardStatus;
	/** Required when the status becomes "not possible". */
	reason: string;
	/** Answer for the forum, or for one of the item's services the actor leads. */
	as: 'forum' | number;
};

/** How many days ahead an unanswered item counts as due soon (reminders, "What needs you", the follow-up filter). */
export const DUE_SOON_DAYS = 7;

/** Whether an item's first answer is late: nobody has answered and the due day has passed. */
export function isOverdue(item: Pick<BoardItem, 'firstAnsweredOn' | 'dueOn'>, today = londonDate()): boolean {
	return !item.firstAnsweredOn && item.dueOn < today;
}

function checkServices(db: Db, ids: number[]) {
	const unique = [...new Set(ids)];
	if (!unique.length) return unique;
	const found = db.select({ id: service.id }).from(service).where(inArray(service.id, unique)).all();
	if (found.length !== unique.length) throw new ValidationError('service_not_found');
	return unique;
}

function writeLinks(db: Db, itemId: number, serviceIds: number[], topics: string[]) {
	db.delete(boardItemService).where(eq(boardItemService.itemId, itemId)).run();
	db.delete(boardItemTopic).where(eq(boardItemTopic.itemId, itemId)).run();
	if (serviceIds.length) db.insert(boardItemService).values(serviceIds.map((serviceId) => ({ itemId, serviceId }))).run();
	if (topics.length) db.insert(boardItemTopic).values(topics.map((topic) => ({ itemId, topic }))).run();
}

function itemValues(input: ItemInput) {
	return {
		youSaid: input.youSaid.trim(),
		easyRead: input.easyRead.trim() || null,
		easyReadSymbol: input.easyReadSymbol || null,
		voices: Math.max(1, Math.floor(input.voices)),
		source: input.source,
		sourceDetail: input.sourceDetail.trim(),
		heardOn: input.heardOn,
		...(input.surveyId !== undefined ? { surveyId: input.surveyId } : {}),
		...(input.localOffer !== undefined ? { localOffer: input.localOffer } : {})
	};
}

/** Refuses an aspect of the Local Offer that is not one (a stale or forged form). */
function checkLocalOffer(aspect: LocalOfferAspect | null | undefined): void {
	if (aspect && !LOCAL_OFFER_ASPECTS.includes(aspect)) throw new ValidationError('bad_aspect');
}

/** Refuses a survey that does not exist (a form's stale choice), before the key would. */
function checkSurvey(tx: Db, surveyId: number | null | undefined): void {
	if (surveyId && !tx.select({ id: survey.id }).from(survey).where(eq(survey.id, surveyId)).get()) throw new ValidationError('survey_not_found');
}

/** What the new item form offers an organiser: the live services and the "reply within" weeks. Throws ForbiddenError. */
export function newItemChoices(db: Db, actor: Actor): { services: { id: number; name: string }[]; surveys: { id: number; title: string }[]; replyWithinWeeks: number } {
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	return {
		services: services.list(db).map((s) => ({ id: s.id, name: s.name })),
		// the surveys people have answered (not drafts), newest first
		surveys: db.select({ id: survey.id, title: survey.title }).from(survey).where(ne(survey.state, 'draft')).orderBy(desc(survey.id)).all(),
		replyWithinWeeks: settings.replyWithinWeeks(db)
	};
}

/**
 * Makes a board item (unpublished). Its response is due the area's "reply within" weeks after
 * it was heard. Returns its id. Throws ForbiddenError, ValidationError.
 */
export function createItem(db: Db, actor: Actor, input: ItemInput, now = new Date()): number {
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => createItemIn(tx, actor!, input, now));
}

/** createItem's work, inside a transaction the caller holds (moderation makes items from feedback). */
export function createItemIn(tx: Db, actor: NonNullable<Actor>, input: ItemInput, now: Date): number {
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	const serviceIds = checkServices(tx, input.serviceIds);
	checkSurvey(tx, input.surveyId);
	checkLocalOffer(input.localOffer);
	const dueOn = addDays(input.heardOn, 7 * settings.replyWithinWeeks(tx));
	const { id } = tx
		.insert(boardItem)
		.values({ ...itemValues(input), status: 'heard', dueOn, createdAt: now, lastActivityAt: now })
		.returning({ id: boardItem.id })
		.get();
	writeLinks(tx, id, serviceIds, input.topics);
	audit.record(tx, {
		actorId: actor.id,
		action: 'board.item_created',
		subjectType: 'board_item',
		subjectId: id,
		details: { serviceIds, dueOn, ...(input.localOffer ? { localOffer: input.localOffer } : {}) },
		at: now
	});
	return id;
}

/** Changes an item's words, services, topics or heard date. Throws ForbiddenError, NotFoundError, ValidationError. */
export function updateItem(db: Db, actor: Actor, id: number, input: ItemInput, now = new Date()): void {
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const before = tx.select().from(boardItem).where(eq(boardItem.id, id)).get();
		if (!before) throw new NotFoundError('item_not_found');
		const serviceIds = checkServices(tx, input.serviceIds);
		checkSurvey(tx, input.surveyId);
		checkLocalOffer(input.localOffer);
		const values = itemValues(input);
		const dueOn = values.heardOn === before.heardOn ? before.dueOn : addDays(values.heardOn, 7 * settings.replyWithinWeeks(tx));
		tx.update(boardItem).set({ ...values, dueOn, lastActivityAt: now }).where(eq(boardItem.id, id)).run();
		writeLinks(tx, id, serviceIds, input.topics);
		// a change of what it says about the Local Offer is part of the record (it moves the item between yearly reports' sections)
		const localOffer = input.localOffer !== undefined && input.localOffer !== before.localOffer ? { localOffer: { from: before.localOffer, to: input.localOffer } } : undefined;
		audit.record(tx, { actorId: actor!.id, action: 'board.item_updated', subjectType: 'board_item', subjectId: id, details: localOffer, at: now });
	});
}

/** Publishes an item on the public board or takes it off. Throws ForbiddenError, NotFoundError. */
export function setPublished(db: Db, actor: Actor, id: number, published: boolean, now = new Date()): void {
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const item = tx.select().from(boardItem).where(eq(boardItem.id, id)).get();
		if (!item) throw new NotFoundError('item_not_found');
		if (Boolean(item.publishedAt) === published) return;
		tx.update(boardItem)
			.set({ publishedAt: published ? now : null, lastActivityAt: now })
			.where(eq(boardItem.id, id))
			.run();
		if (published) outbox.emit(tx, ITEM_PUBLISHED, id, now);
		audit.record(tx, {
			actorId: actor!.id,
			action: published ? 'board.item_published' : 'board.item_unpublished',
			subjectType: 'board_item',
			subjectId: id,
			at: now
		});
	});
}

function serviceIdsOf(db: Db, itemId: number): number[] {
	return db
		.select({ id: boardItemService.serviceId })
		.from(boardItemService)
		.where(eq(boardItemService.itemId, itemId))
		.all()
		.map((r) => r.id);
}

/** Whether `actor` may add a "we did" to an item about these services. */
export function mayRespond(db: Db, actor: Actor, itemServiceIds: number[]): boolean {
	if (!actor) return false;
	return can(actor, 'board.respond', { serviceIds: itemServiceIds, ledServiceIds: services.ledBy(db, actor.id) });
}

/**
 * Adds a dated "we did" and moves the item's status. Organisers answer for the forum; a
 * service lead answers only for a service of the item that they lead. "Not possible" needs a
 * reason. Throws ForbiddenError, NotFoundError, ValidationError('bad_transition' |
 * 'reason_required' | 'text_required').
 */
export function respond(db: Db, actor: Actor, itemId: number, input: ResponseInput, now = new Date()): void {
	writeTransaction(db, (tx) => {
		const item = tx.select().from(boardItem).where(eq(boardItem.id, itemId)).get();
		if (!item) throw new NotFoundError('item_not_found');
		const itemServiceIds = serviceIdsOf(tx, itemId);
		const ledServiceIds = actor ? services.ledBy(tx, actor.id) : [];
		if (!actor || !can(actor, 'board.respond', { serviceIds: itemServiceIds, ledServiceIds })) {
			throw new ForbiddenError();
		}
		const asService = input.as === 'forum' ? null : input.as;
		if (asService === null) {
			if (!can(actor, 'board.manage')) throw new ForbiddenError();
		} else if (!itemServiceIds.includes(asService) || !ledServiceIds.includes(asService)) {
			throw new ForbiddenError();
		}
		const text = input.text.trim();
		if (!text) throw new ValidationError('text_required');
		if (!canMoveTo(item.status, input.status)) throw new ValidationError('bad_transition');
		const reason = input.reason.trim();
		if (input.status === 'not_possible' && item.status !== 'not_possible' && !reason) {
			throw new ValidationError('reason_required');
		}
		const { id: answerId } = tx
			.insert(boardResponse)
			.values({
				itemId,
				text,
				responder: asService === null ? 'forum' : 'service',
				serviceId: asService,
				authorId: actor.id,
				statusBefore: item.status,
				statusAfter: input.status,
				reason: input.status === 'not_possible' ? reason || null : null,
				createdAt: now
			})
			.returning({ id: boardResponse.id })
			.get();
		tx.update(boardItem)
			.set({ status: input.status, lastActivityAt: now, firstAnsweredOn: item.firstAnsweredOn ?? londonDate(now) })
			.where(eq(boardItem.id, itemId))
			.run();
		// its followers hear of it while it is on the public board
		if (item.publishedAt) outbox.emit(tx, ITEM_ANSWERED, answerId, now);
		audit.record(tx, {
			actorId: actor.id,
			action: 'board.responded',
			subjectType: 'board_item',
			subjectId: itemId,
			details: { from: item.status, to: input.status, as: asService ?? 'forum' },
			at: now
		});
	});
}

/** Adds voices to an item (a merged feedback). For the feedback service, inside its transaction. */
export function addVoicesIn(tx: Db, itemId: number, voices: number, now: Date): void {
	const updated = tx
		.update(boardItem)
		.set({ voices: sql`${boardItem.voices} + ${voices}`, lastActivityAt: now })
		.where(eq(boardItem.id, itemId))
		.run();
	if (updated.changes === 0) throw new NotFoundError('item_not_found');
}

export type ItemDetail = BoardItem & {
	services: { id: number; name: string; sector: Sector }[];
	topics: string[];
	responses: {
		id: number;
		text: string;
		responder: 'service' | 'forum';
		serviceName: string | null;
		statusBefore: BoardStatus;
		statusAfter: BoardStatus;
		reason: string | null;
		createdAt: Date;
	}[];
	overdue: boolean;
};

function details(db: Db, items: BoardItem[], today: string): ItemDetail[] {
	if (!items.length) return [];
	const ids = items.map((i) => i.id);
	const svc = db
		.select({ itemId: boardItemService.itemId, id: service.id, name: service.name, sector: service.sector })
		.from(boardItemService)
		.innerJoin(service, eq(service.id, boardItemService.serviceId))
		.where(inArray(boardItemService.itemId, ids))
		.orderBy(asc(service.name))
		.all();
	const topics = db.select().from(boardItemTopic).where(inArray(boardItemTopic.itemId, ids)).orderBy(asc(boardItemTopic.topic)).all();
	const responses = db
		.select({
			id: boardResponse.id,
			itemId: boardResponse.itemId,
			text: boardResponse.text,
			responder: boardResponse.responder,
			serviceName: service.name,
			statusBefore: boardResponse.statusBefore,
			statusAfter: boardResponse.statusAfter,
			reason: boardResponse.reason,
			createdAt: boardResponse.createdAt
		})
		.from(boardResponse)
		.leftJoin(service, eq(service.id, boardResponse.serviceId))
		.where(inArray(boardResponse.itemId, ids))
		.orderBy(asc(boardResponse.createdAt), asc(boardResponse.id))
		.all();
	return items.map((item) => ({
		...item,
		services: svc.filter((s) => s.itemId === item.id).map(({ id, name, sector }) => ({ id, name, sector })),
		topics: topics.filter((t) => t.itemId === item.id).map((t) => t.topic),
		responses: responses.filter((r) => r.itemId === item.id).map(({ itemId: _itemId, ...r }) => r),
		overdue: isOverdue(item, today)
	}));
}

/**
 * One item with its services, topics and full history. Visitors see only published items;
 * organisers and those who may respond to it see it unpublished too. Throws NotFoundError.
 */
export function getItem(db: Db, actor: Actor, id: number, today = londonDate()): ItemDetail & { mayRespond: boolean; mayManage: boolean } {
	const item = db.select().from(boardItem).where(eq(boardItem.id, id)).get();
	if (!item) throw new NotFoundError('item_not_found');
	const respondOk = mayRespond(db, actor, serviceIdsOf(db, id));
	const manage = can(actor, 'board.manage');
	if (!item.publishedAt && !manage && !respondOk) throw new NotFoundError('item_not_found');
	return { ...details(db, [item], today)[0], mayRespond: respondOk, mayManage: manage };
}

/**
 * One item for its follow-up page (`/manage/board/<id>`): for organisers, and for those who may
 * respond to it. Throws NotFoundError, ForbiddenError.
 */
export function itemToFollowUp(db: Db, actor: Actor, id: number, today = londonDate()) {
	const item = getItem(db, actor, id, today);
	if (!item.mayRespond && !item.mayManage) throw new ForbiddenError();
	return item;
}

export type BoardFilters = {
	serviceId?: number;
	sector?: Sector;
	status?: BoardStatus;
	topic?: string;
	q?: string;
	page?: number;
};

export const BOARD_PAGE_SIZE = 20;

function filterConditions(db: Db, f: BoardFilters): SQL[] {
	const where: SQL[] = [];
	if (f.status) where.push(eq(boardItem.status, f.status));
	if (f.serviceId) {
		where.push(inArray(boardItem.id, db.select({ id: boardItemService.itemId }).from(boardItemService).where(eq(boardItemService.serviceId, f.serviceId))));
	}
	if (f.sector) {
		where.push(
			inArray(
				boardItem.id,
				db
					.select({ id: boardItemService.itemId })
					.from(boardItemService)
					.innerJoin(service, eq(service.id, boardItemService.serviceId))
					.where(eq(service.sector, f.sector))
			)
		);
	}
	if (f.topic) {
		where.push(inArray(boardItem.id, db.select({ id: boardItemTopic.itemId }).from(boardItemTopic).where(eq(boardItemTopic.topic, f.topic))));
	}
	const q = f.q?.trim();
	if (q) {
		const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		const match = (col: typeof boardItem.youSaid | typeof boardResponse.text) => sql`${col} LIKE ${pattern} ESCAPE '\\'`;
		where.push(
			or(
				match(boardItem.youSaid),
				sql`${boardItem.easyRead} LIKE ${pattern} ESCAPE '\\'`,
				inArray(boardItem.id, db.select({ id: boardResponse.itemId }).from(boardResponse).where(match(boardResponse.text)))
			)!
		);
	}
	return where;
}

/** The public board: published items matching the filters, newest activity first, a page at a time. */
export function listPublic(db: Db, filters: BoardFilters, today = londonDate()) {
	const where = and(isNotNull(boardItem.publishedAt), ...filterConditions(db, filters));
	const page = Math.max(1, filters.page ?? 1);
	const total = db.select({ n: count() }).from(boardItem).where(where).get()?.n ?? 0;
	const rows = db
		.select()
		.from(boardItem)
		.where(where)
		.orderBy(desc(boardItem.lastActivityAt), desc(boardItem.id))
		.limit(BOARD_PAGE_SIZE)
		.offset((page - 1) * BOARD_PAGE_SIZE)
		.all();
	return { items: details(db, rows, today), total, page, pageCount: Math.max(1, Math.ceil(total / BOARD_PAGE_SIZE)) };
}

/** The published items that have a "we did" answer, latest activity first: the home page's few. */
export function latestAnswered(db: Db, limit: number, today = londonDate()) {
	const answered = exists(db.select({ id: boardResponse.id }).from(boardResponse).where(eq(boardResponse.itemId, boardItem.id)));
	const rows = db
		.select()
		.from(boardItem)
		.where(and(isNotNull(boardItem.publishedAt), answered))
		.orderBy(desc(boardItem.lastActivityAt), desc(boardItem.id))
		.limit(limit)
		.all();
	return details(db, rows, today);
}

/** Narrows the follow-up list: by when the first answer is due, and to the items the person may answer. */
export type TrackedFilter = {
	/** Unanswered items whose due day has passed, or that are due within DUE_SOON_DAYS from today. */
	when?: 'overdue' | 'due_soon';
	/** Only the items this person may answer (a lead: those about a service they lead; an organiser: all). */
	yours?: boolean;
};

/** The follow-up list's conditions for this person and filter (listTracked and its count share them). */
function trackedWhere(db: Db, actor: NonNullable<Actor>, filter: TrackedFilter, today: string): SQL | undefined {
	const where: (SQL | undefined)[] = [];
	if (!can(actor, 'board.manage')) {
		const led = services.ledBy(db, actor.id);
		const aboutLed = led.length
			? inArray(boardItem.id, db.select({ id: boardItemService.itemId }).from(boardItemService).where(inArray(boardItemService.serviceId, led)))
			: undefined;
		// a lead answers only items about services they lead: "yours" is those, or none at all
		if (filter.yours) where.push(aboutLed ?? sql`0`);
		else where.push(aboutLed ? or(isNotNull(boardItem.publishedAt), aboutLed) : isNotNull(boardItem.publishedAt));
	}
	if (filter.when) where.push(isNull(boardItem.firstAnsweredOn));
	if (filter.when === 'overdue') where.push(lt(boardItem.dueOn, today));
	if (filter.when === 'due_soon') where.push(gte(boardItem.dueOn, today), lte(boardItem.dueOn, addDays(today, DUE_SOON_DAYS)));
	return and(...where);
}

/**
 * Items for those who follow them up: organisers and admins see all (published or not), a
 * service lead the items about their services, a board member the published ones. Overdue
 * first, then by due date. Each says whether this person may respond to it or manage it (then its
 * follow-up page opens for them; otherwise only its public page does). Throws ForbiddenError.
 */
export function listTracked(db: Db, actor: Actor, filter: TrackedFilter = {}, today = londonDate()) {
	if (!actor || !can(actor, 'board.track')) throw new ForbiddenError();
	const rows = db
		.select()
		.from(boardItem)
		.where(trackedWhere(db, actor, filter, today))
		.orderBy(sql`CASE WHEN ${boardItem.firstAnsweredOn} IS NULL AND ${boardItem.dueOn} < ${today} THEN 0 ELSE 1 END`, asc(boardItem.dueOn))
		.all();
	const manage = can(actor, 'board.manage');
	const ledServiceIds = manage ? [] : services.ledBy(db, actor.id);
	return details(db, rows, today).map((item) => ({
		...item,
		mayRespond: can(actor, 'board.respond', { serviceIds: item.services.map((s) => s.id), ledServiceIds }),
		mayManage: manage
	}));
}

/** How many items the follow-up list shows this person with this filter (0 for those who follow nothing up). */
export function countTracked(db: Db, actor: Actor, filter: TrackedFilter, today = londonDate()): number {
	if (!actor || !can(actor, 'board.track')) return 0;
	return db.select({ n: count() }).from(boardItem).where(trackedWhere(db, actor, filter, today)).get()?.n ?? 0;
}

/** Figures for the top of the board: published items heard in a year and what became of them. */
export function figures(db: Db, year: number) {
	const rows = db
		.select({ status: boardItem.status, dueOn: boardItem.dueOn, firstAnsweredOn: boardItem.firstAnsweredOn })
		.from(boardItem)
		.where(and(isNotNull(boardItem.publishedAt), like(boardItem.heardOn, `${year}-%`)))
		.all();
	return {
		heard: rows.length,
		answeredOnTime: rows.filter((r) => r.firstAnsweredOn && r.firstAnsweredOn <= r.dueOn).length,
		done: rows.filter((r) => r.status === 'done').length,
		notPossible: rows.filter((r) => r.status === 'not_possible').length
	};
}

/** Topics used on published items, for the filter. */
export function topics(db: Db): string[] {
	return db
		.selectDistinct({ topic: boardItemTopic.topic })
		.from(boardItemTopic)
		.innerJoin(boardItem, eq(boardItem.id, boardItemTopic.itemId))
		.where(isNotNull(boardItem.publishedAt))
		.orderBy(asc(boardItemTopic.topic))
		.all()
		.map((r) => r.topic);
}

/** Published items for choosing where to merge feedback, newest first. Throws ForbiddenError. */
export function listForMerge(db: Db, actor: Actor) {
	if (!can(actor, 'board.manage')) throw new ForbiddenError();
	return db
		.select({ id: boardItem.id, youSaid: boardItem.youSaid, voices: boardItem.voices, status: boardItem.status })
		.from(boardItem)
		.orderBy(desc(boardItem.lastActivityAt))
		.all();
}
