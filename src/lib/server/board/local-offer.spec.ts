import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { feedbackSchema, itemSchema, localOfferSchema } from '$lib/features/board/schemas';
import { addPerson, testDb, thrown } from '../testing';
import { auditEntry, boardItem, feedback } from '../db/schema';
import { itemDetails, feedbackDetails } from './testing';
import { createItem, updateItem } from './service';
import { makeItem, send, setLocalOffer } from './feedback';
import { itemInputFrom } from './form';
import { localOfferFeedbackCounts, localOfferItems } from './local-offer';

const NOW = new Date('2026-10-01T10:00:00Z');
const auditOf = (db: ReturnType<typeof testDb>, action: string) =>
	db.select().from(auditEntry).where(eq(auditEntry.action, action)).all().map((a) => JSON.parse(a.details ?? 'null'));

describe('about the Local Offer', () => {
	it('keeps the sender\'s answer, lets a moderator change it (audited), and carries it to the item made from it', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const { id } = send(db, feedbackDetails({ localOffer: 'accessibility' }), 'here', NOW);
		expect(db.select().from(feedback).where(eq(feedback.id, id)).get()!.localOffer).toBe('accessibility');

		setLocalOffer(db, organiser, id, 'content', NOW);
		setLocalOffer(db, organiser, id, 'content', NOW); // no change: nothing recorded
		expect(auditOf(db, 'feedback.local_offer_set')).toEqual([{ from: 'accessibility', to: 'content' }]);
		expect(thrown(() => setLocalOffer(db, addPerson(db, ['service_lead']), id, null, NOW))).toMatchObject({ code: 'forbidden' });
		expect(thrown(() => setLocalOffer(db, organiser, id, 'colour' as never, NOW))).toMatchObject({ code: 'bad_aspect' });

		// made into an item without saying otherwise: the item is about the same aspect
		const { localOffer: _omit, ...input } = itemDetails();
		const itemId = makeItem(db, organiser, id, input, NOW);
		expect(db.select().from(boardItem).where(eq(boardItem.id, itemId)).get()!.localOffer).toBe('content');
		// the form always says: a moderator's "no" wins
		const other = send(db, feedbackDetails({ localOffer: 'development' }), 'here', NOW).id;
		const otherItem = makeItem(db, organiser, other, itemInputFrom(itemSchema.parse({ youSaid: 'x', heardOn: '2026-09-01', localOffer: '' })), NOW);
		expect(db.select().from(boardItem).where(eq(boardItem.id, otherItem)).get()!.localOffer).toBeNull();
	});

	it('audits a change of aspect on a board item, and the board gives only published items and counts of feedback', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const id = createItem(db, organiser, itemDetails({ localOffer: 'content', heardOn: '2026-05-01' }), NOW);
		updateItem(db, organiser, id, itemDetails({ localOffer: 'development', heardOn: '2026-05-01' }), NOW);
		updateItem(db, organiser, id, itemDetails({ localOffer: 'development', heardOn: '2026-05-01' }), NOW);
		expect(auditOf(db, 'board.item_updated')).toEqual([{ localOffer: { from: 'content', to: 'development' } }, {}]);
		expect(auditOf(db, 'board.item_created')[0]).toMatchObject({ localOffer: 'content' });

		const year = { start: '2026-04-01', end: '2027-03-31' };
		expect(localOfferItems(db, year)).toEqual([]); // not published
		send(db, feedbackDetails({ localOffer: 'development' }), 'here', NOW);
		expect(localOfferFeedbackCounts(db, year)).toEqual([{ aspect: 'development', status: 'new', n: 1 }]);
		expect(JSON.stringify(localOfferFeedbackCounts(db, year))).not.toContain(feedbackDetails().whatHappened);
	});

	it('the feedback form\'s question: optional, one of the aspects, and a clear message for anything else', () => {
		const base = { whatHappened: 'The Local Offer search finds nothing.' };
		expect(feedbackSchema.parse(base).localOffer).toBe('');
		expect(feedbackSchema.parse({ ...base, localOffer: 'accessibility' }).localOffer).toBe('accessibility');
		const bad = feedbackSchema.safeParse({ ...base, localOffer: 'colour' });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues[0]).toMatchObject({ path: ['localOffer'], message: 'Choose one of the answers about the Local Offer.' });
		// the moderator's form and the item form take the same answers
		expect(localOfferSchema.parse({ localOffer: 'development' })).toEqual({ localOffer: 'development' });
		expect(localOfferSchema.safeParse({ localOffer: 'colour' }).success).toBe(false);
		expect(itemSchema.parse({ youSaid: 'x', heardOn: '2026-09-01' }).localOffer).toBe('');
	});
});
