/**
 * Reminders about "you said" items (issue 16, point 4): the leads of an item's services are
 * emailed 7 days before its first answer is due, the day after it becomes overdue, then weekly
 * while nobody has answered; and the organisers once a day while feedback waits in their queue. Found by a look the server runs every hour (`remindAboutItems`); each
 * reminder is emitted once (`outbox.emitOnce`), so looking again sends nothing twice.
 */
import { and, count, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { addDays, daysBetween, formatDay, londonDate } from '$lib/time';
import type { EventKind } from '../contributions';
import { writeTransaction, type Db } from '../db';
import { boardItem, boardItemService, feedback } from '../db/schema';
import * as outbox from '../outbox';
import * as services from '../services';
import { peopleWithRole } from '../accounts';
import { DUE_SOON_DAYS } from './service';

export const ITEM_DUE_SOON = 'board.item_due_soon';
export const ITEM_OVERDUE = 'board.item_overdue';
export const FEEDBACK_WAITING = 'board.feedback_waiting';


/**
 * Emits the reminders due now: for each published item nobody has answered, due within
 * DUE_SOON_DAYS or overdue; and the organisers' daily digest when feedback is waiting for them.
 * Returns how many it emitted (0 when it ran already today).
 */
export function remindAboutItems(db: Db, now = new Date()): number {
	const today = londonDate(now);
	return writeTransaction(db, (tx) => {
		const items = tx
			.select({ id: boardItem.id, dueOn: boardItem.dueOn })
			.from(boardItem)
			.where(and(isNotNull(boardItem.publishedAt), isNull(boardItem.firstAnsweredOn), lte(boardItem.dueOn, addDays(today, DUE_SOON_DAYS))))
			.all();
		let emitted = 0;
		const waiting = tx.select({ n: count() }).from(feedback).where(eq(feedback.status, 'new')).get()?.n ?? 0;
		if (waiting > 0 && outbox.emitOnce(tx, FEEDBACK_WAITING, null, `feedback-waiting:${today}`, now)) emitted++;
		for (const item of items) {
			if (item.dueOn >= today) {
				if (outbox.emitOnce(tx, ITEM_DUE_SOON, item.id, `item-due:${item.id}:${item.dueOn}`, now)) emitted++;
			} else {
				// the day after the due day is week 0, a week later week 1...
				const week = Math.floor((daysBetween(item.dueOn, today) - 1) / 7);
				if (outbox.emitOnce(tx, ITEM_OVERDUE, item.id, `item-overdue:${item.id}:${item.dueOn}:${week}`, now)) emitted++;
			}
		}
		return emitted;
	});
}

/** The item's services, and whether it still waits for its first answer (a reminder that no longer applies is dropped). */
function itemFor(db: Db, id: string | null) {
	const item = db
		.select({ id: boardItem.id, youSaid: boardItem.youSaid, dueOn: boardItem.dueOn, firstAnsweredOn: boardItem.firstAnsweredOn })
		.from(boardItem)
		.where(eq(boardItem.id, Number(id)))
		.get();
	if (!item) return null;
	const serviceIds = db.select({ id: boardItemService.serviceId }).from(boardItemService).where(eq(boardItemService.itemId, item.id)).all().map((r) => r.id);
	return { ...item, serviceIds };
}

/**
 * Who is told: the leads of the item's services; organisers when it is about no service (or its
 * services have no lead who can be emailed), so a reminder always reaches someone who can act.
 */
const recipients: EventKind['recipients'] = [
	{ to: 'person', ids: (db, id, after, limit) => services.leadsToEmail(db, itemFor(db, id)?.serviceIds ?? [], after, limit) },
	{
		to: 'person',
		ids: (db, id, after, limit) => {
			const item = itemFor(db, id);
			return item && services.leadsToEmail(db, item.serviceIds, 0, 1).length === 0 ? peopleWithRole(db, 'organiser', after, limit) : [];
		}
	}
];

function reminder(db: Db, id: string | null, locale: Parameters<EventKind['message']>[2], overdue: boolean) {
	const item = itemFor(db, id);
	if (!item || item.firstAnsweredOn) return null;
	const day = formatDay(item.dueOn, locale);
	return {
		subject: overdue ? m.board_email_overdue_subject({}, { locale }) : m.board_email_due_subject({ day }, { locale }),
		paragraphs: [
			overdue ? m.board_email_overdue_body({ day }, { locale }) : m.board_email_due_body({ day }, { locale }),
			`“${item.youSaid}”`,
			m.board_email_due_how({}, { locale })
		],
		action: { label: m.board_email_due_action({}, { locale }), path: `/manage/board/${item.id}` },
		because: m.board_email_due_because({}, { locale })
	};
}

/** The organisers' digest: how much feedback waits, counted when it is sent (none by then: nothing is sent). */
function feedbackWaiting(db: Db, locale: Parameters<EventKind['message']>[2]) {
	const n = db.select({ n: count() }).from(feedback).where(eq(feedback.status, 'new')).get()?.n ?? 0;
	if (n === 0) return null;
	return {
		subject: m.board_email_waiting_subject({ count: n }, { locale }),
		paragraphs: [m.board_email_waiting_body({ count: n }, { locale })],
		action: { label: m.board_email_waiting_action({}, { locale }), path: '/manage/feedback' },
		because: m.board_email_waiting_because({}, { locale })
	};
}

/** Who may turn the reminders about answers off: the people they go to. */
const LEADS_AND_ORGANISERS: EventKind['choice'] = { roles: ['service_lead', 'organiser'] };

export const ITEM_EVENTS: Record<string, EventKind> = {
	[ITEM_DUE_SOON]: { name: m.board_event_item_due_soon, choice: LEADS_AND_ORGANISERS, recipients, message: (db, id, locale) => reminder(db, id, locale, false) },
	[ITEM_OVERDUE]: { name: m.board_event_item_overdue, choice: LEADS_AND_ORGANISERS, recipients, message: (db, id, locale) => reminder(db, id, locale, true) },
	[FEEDBACK_WAITING]: {
		name: m.board_event_feedback_waiting,
		choice: { roles: ['organiser'] },
		recipients: [{ to: 'person', ids: (db, _subject, after, limit) => peopleWithRole(db, 'organiser', after, limit) }],
		message: (db, _subject, locale) => feedbackWaiting(db, locale)
	}
};
