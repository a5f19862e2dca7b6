import { describe, expect, it } from 'vitest';
import { eq, isNotNull } from 'drizzle-orm';
import { addPerson, testDb, useSmtpSink } from '../testing';
import { boardItem, outboxEvent } from '../db/schema';
import * as services from '../services';
import { EVENT_KINDS } from '../registry';
import * as outbox from '../outbox';
import { runOnce } from '../outbox';
import { ForbiddenError, ValidationError } from '../errors';
import * as board from './service';
import { feedbackDetails, itemDetails } from './testing';
import * as feedback from './feedback';
import { ITEM_DUE_SOON, ITEM_OVERDUE, remindAboutItems } from './reminders';

const smtp = useSmtpSink();

const at = (day: string) => new Date(`${day}T09:00:00Z`);

/** A published item about one service (or none), due on `dueOn`. */
function world(withService = true) {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['service_lead']);
	const otherLead = addPerson(db, ['service_lead']);
	const serviceId = services.create(db, admin, { name: 'Short breaks', sector: 'social_care', description: '', leadIds: [lead.id] });
	services.create(db, admin, { name: 'Transport', sector: 'education', description: '', leadIds: [otherLead.id] });
	const itemId = board.createItem(
		db,
		organiser,
		itemDetails({ youSaid: 'Nobody tells us when short break sessions are cancelled', serviceIds: withService ? [serviceId] : [], heardOn: '2026-03-01' })
	);
	board.setPublished(db, organiser, itemId, true);
	db.update(boardItem).set({ dueOn: '2026-03-20' }).where(eq(boardItem.id, itemId)).run();
	const send = (day: string) => runOnce(db, { kinds: EVENT_KINDS, send: smtp.send, origin: 'https://chorus.example.org', now: () => at(day) });
	const kinds = () => db.select({ kind: outboxEvent.kind, key: outboxEvent.onceKey }).from(outboxEvent).where(isNotNull(outboxEvent.onceKey)).all(); // the reminders, not the news of a publishing
	return { db, organiser, lead, otherLead, itemId, send, kinds };
}

describe('reminders about answers due', () => {
	it('remind 7 days before, the day after it is late, then weekly, each once, until someone answers', () => {
		const { db, organiser, itemId, kinds } = world();
		expect(remindAboutItems(db, at('2026-03-12'))).toBe(0); // 8 days before: nothing yet
		expect(remindAboutItems(db, at('2026-03-13'))).toBe(1);
		expect(remindAboutItems(db, at('2026-03-13'))).toBe(0); // looked again the same day
		expect(remindAboutItems(db, at('2026-03-20'))).toBe(0); // the due day: still the same reminder
		expect(remindAboutItems(db, at('2026-03-21'))).toBe(1); // late
		expect(remindAboutItems(db, at('2026-03-27'))).toBe(0);
		expect(remindAboutItems(db, at('2026-03-28'))).toBe(1); // a week late
		expect(kinds().map((k) => k.kind)).toEqual([ITEM_DUE_SOON, ITEM_OVERDUE, ITEM_OVERDUE]); // no feedback waits: no digest

		board.respond(db, organiser, itemId, { text: 'Texts now go out when a session is cancelled', status: 'done', reason: '', as: 'forum' });
		expect(remindAboutItems(db, at('2026-04-04'))).toBe(0);
	});

	it('email the leads of the item’s services, and no one else, with a link to answer it', async () => {
		const { db, lead, otherLead, itemId, send } = world();
		remindAboutItems(db, at('2026-03-21'));
		expect(await send('2026-03-21')).toMatchObject({ sent: 1 });
		const [mail] = await smtp.sink().waitFor(1);
		expect(JSON.stringify(mail.to)).toContain(lead.email);
		expect(JSON.stringify(mail.to)).not.toContain(otherLead.email);
		expect(mail.subject).toBe('An answer to families is overdue');
		expect(mail.text).toContain('Nobody tells us when short break sessions are cancelled');
		expect(mail.text).toContain(`https://chorus.example.org/manage/board/${itemId}`);
	});

	it('email the organisers when the item is about no service', async () => {
		const { db, organiser, send } = world(false);
		remindAboutItems(db, at('2026-03-13'));
		expect(await send('2026-03-13')).toMatchObject({ sent: 1 });
		const [mail] = await smtp.sink().waitFor(1);
		expect(JSON.stringify(mail.to)).toContain(organiser.email);
		expect(mail.subject).toMatch(/^An answer is due by /);
	});

	it('tell the organisers once a day while feedback waits, with the count when sent', async () => {
		const { db, organiser, lead, send } = world();
		const first = feedback.send(db, feedbackDetails(), '192.0.2.1').id;
		feedback.send(db, feedbackDetails(), '192.0.2.2');
		expect(remindAboutItems(db, at('2026-03-02'))).toBe(1);
		expect(remindAboutItems(db, at('2026-03-02'))).toBe(0);
		expect(await send('2026-03-02')).toMatchObject({ sent: 1 });
		const [mail] = await smtp.sink().waitFor(1);
		expect(JSON.stringify(mail.to)).toContain(organiser.email);
		expect(JSON.stringify(mail.to)).not.toContain(lead.email);
		expect(mail.subject).toBe('Feedback waiting for you: 2');
		expect(mail.text).toContain('https://chorus.example.org/manage/feedback');
		// the next day: again, with the count as it is then; once none waits, no digest
		feedback.close(db, organiser, first, 'Answered on the phone');
		expect(remindAboutItems(db, at('2026-03-03'))).toBe(1);
		expect(await send('2026-03-03')).toMatchObject({ sent: 1 });
		expect((await smtp.sink().waitFor(2))[1].subject).toBe('Feedback waiting for you: 1');
	});

	it('go to nobody who turned them off; a safeguarding lead cannot turn theirs off', async () => {
		const { db, lead, send } = world();
		const kinds = (person: typeof lead) => outbox.emailChoices(db, person, EVENT_KINDS).map((c) => `${c.kind} ${c.on ? 'on' : 'off'}`);
		expect(kinds(lead)).toEqual([`${ITEM_DUE_SOON} on`, `${ITEM_OVERDUE} on`]);
		outbox.setEmailChoices(db, lead, EVENT_KINDS, [ITEM_DUE_SOON]);
		expect(kinds(lead)).toEqual([`${ITEM_DUE_SOON} on`, `${ITEM_OVERDUE} off`]);
		remindAboutItems(db, at('2026-03-21'));
		expect(await send('2026-03-21')).toMatchObject({ deliveriesWritten: 0, sent: 0 });

		const sgLead = addPerson(db, ['safeguarding_lead']);
		expect(kinds(sgLead)).toEqual([]);
		expect(() => outbox.setEmailChoices(db, sgLead, EVENT_KINDS, ['safeguarding.flag_raised'])).toThrow(ValidationError);
		expect(() => outbox.setEmailChoices(db, lead, EVENT_KINDS, [ITEM_DUE_SOON, 'board.feedback_waiting'])).toThrow(ValidationError);
		expect(() => outbox.emailChoices(db, null, EVENT_KINDS)).toThrow(ForbiddenError);
	});

	it('drop a reminder not yet sent when the item is answered first', async () => {
		const { db, organiser, itemId, send } = world();
		remindAboutItems(db, at('2026-03-21'));
		board.respond(db, organiser, itemId, { text: 'Texts now go out', status: 'working_on_it', reason: '', as: 'forum' });
		expect(await send('2026-03-21')).toMatchObject({ sent: 0, dropped: 1 });
	});
});
