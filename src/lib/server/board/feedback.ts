import { asc, count, eq, lt } from 'drizzle-orm';
import { LOCAL_OFFER_ASPECTS, type FeedbackStatus, type FeedbackWho, type LocalOfferAspect } from '$lib/features/board/model';
import { londonDate } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { feedback, feedbackRate, feedbackReply, service } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { hashToken } from '../auth/tokens';
import * as audit from '../audit';
import * as board from './service';
import * as safeguarding from '../safeguarding';
import { newReference } from './follow';
import * as outbox from '../outbox';
import * as subscriptions from '../subscriptions';
import { FEEDBACK_RECEIVED } from './news';
import { baseLocale, type Locale } from '$lib/paraglide/runtime';
import { happened } from '../happenings';

/** How much feedback one address may send in an hour. A family or a school may share one. */
export const FEEDBACK_PER_HOUR = 5;

export class RateLimitedError extends DomainError {
	override readonly status = 429;
	constructor() {
		super('rate_limited');
	}
}

export type FeedbackInput = {
	whatHappened: string;
	serviceId: number | null;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
	consentToContact: boolean;
	aboutWho: FeedbackWho | null;
	/** Whether it is about the Local Offer website, and which aspect (null: no, or not said). */
	localOffer?: LocalOfferAspect | null;
	/** The language the sender wrote in: their emails are in it. */
	locale?: Locale;
};

/**
 * Takes feedback from the public form into the moderation queue (never onto the board).
 * Keeps no account, no address and only the day. Counts it against the sender's address for
 * the hourly limit. Returns its id and the reference the sender follows it by (/follow). Throws
 * RateLimitedError, ValidationError.
 */
export function send(db: Db, input: FeedbackInput, address: string, now = new Date()): { id: number; reference: string } {
	const hourStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
	const key = hashToken(`feedback:${address}:${hourStart.getTime()}`);
	const sent = writeTransaction(db, (tx) => {
		tx.delete(feedbackRate).where(lt(feedbackRate.hourStart, hourStart)).run();
		const used = tx.select().from(feedbackRate).where(eq(feedbackRate.key, key)).get()?.count ?? 0;
		if (used >= FEEDBACK_PER_HOUR) throw new RateLimitedError();
		if (input.serviceId !== null && !tx.select({ id: service.id }).from(service).where(eq(service.id, input.serviceId)).get()) {
			throw new ValidationError('service_not_found');
		}
		const hasContact = Boolean(input.contactEmail.trim() || input.contactPhone.trim());
		const reference = newReference();
		const { id } = tx
			.insert(feedback)
			.values({
				reference,
				whatHappened: input.whatHappened.trim(),
				serviceId: input.serviceId,
				contactName: input.contactName.trim() || null,
				contactEmail: input.contactEmail.trim() || null,
				contactPhone: input.contactPhone.trim() || null,
				// consent means nothing without a way to contact
				consentToContact: hasContact && input.consentToContact,
				aboutWho: input.aboutWho,
				localOffer: input.localOffer ?? null,
				receivedOn: londonDate(now)
			})
			.returning({ id: feedback.id })
			.get();
		// Checked for phrases that may point to harm; the feedback is kept either way. The service's
		// name is kept with the flag so the lead knows where it was about.
		const serviceName = input.serviceId === null ? null : tx.select({ name: service.name }).from(service).where(eq(service.id, input.serviceId)).get()?.name;
		safeguarding.raiseIfWorrying(
			tx,
			{ source: 'feedback', sourceId: id, personId: null, text: input.whatHappened.trim(), context: serviceName ? { service: serviceName } : {} },
			now
		);
		// a sender who left an address and agreed to be contacted hears the reference, then each answer
		if (input.contactEmail.trim() && input.consentToContact) {
			subscriptions.followFeedback(tx, input.contactEmail, input.locale ?? baseLocale, id, now);
			outbox.emit(tx, FEEDBACK_RECEIVED, id, now);
		}
		tx.insert(feedbackRate)
			.values({ key, count: 1, hourStart })
			.onConflictDoUpdate({ target: feedbackRate.key, set: { count: used + 1 } })
			.run();
		return { id, reference };
	});
	// counted after the commit, for GET /metrics (happenings.ts)
	happened('feedback_sent');
	return sent;
}

/** The moderation queue: feedback with a given status, oldest first. Throws ForbiddenError. */
export function listQueue(db: Db, actor: Actor, status: FeedbackStatus = 'new') {
	if (!can(actor, 'feedback.moderate')) throw new ForbiddenError();
	return db
		.select({ id: feedback.id, whatHappened: feedback.whatHappened, receivedOn: feedback.receivedOn, serviceName: service.name, status: feedback.status, localOffer: feedback.localOffer })
		.from(feedback)
		.leftJoin(service, eq(service.id, feedback.serviceId))
		.where(eq(feedback.status, status))
		.orderBy(asc(feedback.id))
		.all();
}

/** How much feedback waits in the queue, for the organisers' home page (0 for anyone else). */
export function waitingCount(db: Db, actor: Actor): number {
	if (!can(actor, 'feedback.moderate')) return 0;
	return db.select({ n: count() }).from(feedback).where(eq(feedback.status, 'new')).get()?.n ?? 0;
}

/**
 * One piece of feedback with its replies, for moderators. Opening one that holds contact details
 * (a name, email or phone the sender gave) is recorded in the audit log, without the details.
 * Throws ForbiddenError, NotFoundError.
 */
export function get(db: Db, actor: Actor, id: number, now = new Date()) {
	if (!can(actor, 'feedback.moderate')) throw new ForbiddenError();
	const row = db
		.select({ feedback, serviceName: service.name })
		.from(feedback)
		.leftJoin(service, eq(service.id, feedback.serviceId))
		.where(eq(feedback.id, id))
		.get();
	if (!row) throw new NotFoundError('feedback_not_found');
	const replies = db.select().from(feedbackReply).where(eq(feedbackReply.feedbackId, id)).orderBy(asc(feedbackReply.createdAt)).all();
	const { contactName, contactEmail, contactPhone } = row.feedback;
	if (contactName || contactEmail || contactPhone) {
		audit.record(db, { actorId: actor!.id, action: 'feedback.contact_opened', subjectType: 'feedback', subjectId: id, at: now });
	}
	return { ...row.feedback, serviceName: row.serviceName, replies };
}

/**
 * The contact details a sender gave (for a safeguarding lead opening a flag on it: the route has
 * already checked `safeguarding.review`). Null when they gave none, or none are kept any more.
 */
export function contactFor(db: Db, id: number): { name: string | null; email: string | null; phone: string | null; accountId: null } | null {
	const row = db
		.select({ name: feedback.contactName, email: feedback.contactEmail, phone: feedback.contactPhone })
		.from(feedback)
		.where(eq(feedback.id, id))
		.get();
	if (!row || (!row.name && !row.email && !row.phone)) return null;
	return { ...row, accountId: null };
}

function openFeedback(tx: Db, id: number) {
	const row = tx.select().from(feedback).where(eq(feedback.id, id)).get();
	if (!row) throw new NotFoundError('feedback_not_found');
	if (row.status !== 'new') throw new ConflictError('already_moderated');
	return row;
}

/**
 * Makes a new (unpublished) board item from feedback: the organiser writes the "you said" in
 * plain words; the sender's own text stays private. Returns the item id.
 * Throws ForbiddenError, NotFoundError, ConflictError('already_moderated').
 */
export function makeItem(db: Db, actor: Actor, id: number, item: board.ItemInput, now = new Date()): number {
	if (!actor || !can(actor, 'feedback.moderate')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const row = openFeedback(tx, id);
		// about the Local Offer as the feedback was, unless the organiser said otherwise on the form
		const localOffer = item.localOffer !== undefined ? item.localOffer : row.localOffer;
		const itemId = board.createItemIn(tx, actor, { ...item, localOffer, source: 'direct_feedback' }, now);
		tx.update(feedback).set({ status: 'made_item', boardItemId: itemId }).where(eq(feedback.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'feedback.made_item', subjectType: 'feedback', subjectId: id, details: { itemId }, at: now });
		return itemId;
	});
}

/**
 * Merges feedback into an existing item: one more voice on the item; the feedback's text is
 * never shown on the board. Throws ForbiddenError, NotFoundError, ConflictError.
 */
export function merge(db: Db, actor: Actor, id: number, itemId: number, now = new Date()): void {
	if (!actor || !can(actor, 'feedback.moderate')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		openFeedback(tx, id);
		board.addVoicesIn(tx, itemId, 1, now);
		tx.update(feedback).set({ status: 'merged', boardItemId: itemId }).where(eq(feedback.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'feedback.merged', subjectType: 'feedback', subjectId: id, details: { itemId }, at: now });
	});
}

/**
 * Records a reply to someone who left contact details and agreed to be contacted. Returns the
 * reply id and where to send it. Throws ForbiddenError, NotFoundError, ValidationError('no_consent').
 */
export function reply(db: Db, actor: Actor, id: number, text: string, now = new Date()) {
	if (!actor || !can(actor, 'feedback.moderate')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const row = tx.select().from(feedback).where(eq(feedback.id, id)).get();
		if (!row) throw new NotFoundError('feedback_not_found');
		if (!row.consentToContact) throw new ValidationError('no_consent');
		const { id: replyId } = tx
			.insert(feedbackReply)
			.values({ feedbackId: id, text: text.trim(), authorId: actor.id, createdAt: now })
			.returning({ id: feedbackReply.id })
			.get();
		audit.record(tx, { actorId: actor.id, action: 'feedback.replied', subjectType: 'feedback', subjectId: id, at: now });
		return { replyId, email: row.contactEmail, phone: row.contactPhone, name: row.contactName };
	});
}

/**
 * Marks feedback as about the Local Offer, with the aspect, or as not about it (null): what the
 * sender said, corrected by a moderator. Works at any status (it counts in the yearly report).
 * Throws ForbiddenError, NotFoundError, ValidationError('bad_aspect').
 */
export function setLocalOffer(db: Db, actor: Actor, id: number, aspect: LocalOfferAspect | null, now = new Date()): void {
	if (!actor || !can(actor, 'feedback.moderate')) throw new ForbiddenError();
	if (aspect !== null && !LOCAL_OFFER_ASPECTS.includes(aspect)) throw new ValidationError('bad_aspect');
	writeTransaction(db, (tx) => {
		const row = tx.select({ localOffer: feedback.localOffer }).from(feedback).where(eq(feedback.id, id)).get();
		if (!row) throw new NotFoundError('feedback_not_found');
		if (row.localOffer === aspect) return;
		tx.update(feedback).set({ localOffer: aspect }).where(eq(feedback.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'feedback.local_offer_set', subjectType: 'feedback', subjectId: id, details: { from: row.localOffer, to: aspect }, at: now });
	});
}

/** Marks a reply as emailed (when SMTP sent it). */
export function markEmailed(db: Db, replyId: number): void {
	db.update(feedbackReply).set({ emailed: true }).where(eq(feedbackReply.id, replyId)).run();
}

/** Closes feedback with a reason (spam, already answered...). Throws ForbiddenError, NotFoundError, ConflictError, ValidationError. */
export function close(db: Db, actor: Actor, id: number, reason: string, now = new Date()): void {
	if (!actor || !can(actor, 'feedback.moderate')) throw new ForbiddenError();
	if (!reason.trim()) throw new ValidationError('reason_required');
	writeTransaction(db, (tx) => {
		openFeedback(tx, id);
		tx.update(feedback).set({ status: 'closed', closedReason: reason.trim() }).where(eq(feedback.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'feedback.closed', subjectType: 'feedback', subjectId: id, details: { reason: reason.trim() }, at: now });
	});
}
