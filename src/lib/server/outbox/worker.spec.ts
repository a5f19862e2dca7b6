import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { locales } from '$lib/paraglide/runtime';
import { RETRY_BACKOFF_MS } from '$lib/features/outbox/model';
import { DAY_MS } from '$lib/time';
import { addPerson, surveyDetails, testDb, thrown, useSmtpSink } from '../testing';
import { writeTransaction, type Db } from '../db';
import { boardItem, outboxDelivery, outboxEvent, user } from '../db/schema';
import { ForbiddenError } from '../errors';
import * as safeguarding from '../safeguarding';
import * as board from '../board';
import * as forum from '../forum';
import * as meetings from '../meetings';
import * as reports from '../reports';
import * as services from '../services';
import * as subscriptions from '../subscriptions';
import * as surveys from '../surveys';
import type { Actor } from '../permissions';
import { EVENT_KINDS } from '../registry';
import { claimDue, expandStep, runOnce, type OutgoingEmail, type WorkerOptions } from './worker';
import { renderEmail } from './email';
import { emit } from './emit';
import * as outbox from './service';

const WORRYING = 'I want to kill myself';
const ORIGIN = 'https://chorus.example.org';

const smtp = useSmtpSink();

/**
 * Does, through the features' own services, one of everything that emits an event, and returns the
 * subject of the latest event of each kind: what each kind's email is about.
 */
function everyEvent(db: Db, organiser: Actor): Map<string, string> {
	const serviceId = services.create(db, organiser, { name: 'Speech and language therapy', sector: 'health', description: '', leadIds: [] });
	const itemId = board.createItem(db, organiser, { youSaid: 'The letters are late', easyRead: '', easyReadSymbol: null, voices: 1, source: 'other', sourceDetail: '', serviceIds: [serviceId], topics: ['letters'], heardOn: '2026-03-01' });
	board.setPublished(db, organiser, itemId, true);
	board.respond(db, organiser, itemId, { text: 'We now send them within a week.', status: 'working_on_it', reason: '', as: 'forum' });
	// feedback with an address and consent (its reference), and worrying words (a flag)
	board.send(db, { whatHappened: 'We had to sleep in the car', serviceId: null, contactName: '', contactEmail: 'sender@example.org', contactPhone: '', consentToContact: true, aboutWho: null }, '192.0.2.1');
	safeguarding.remindAboutFlags(db, new Date(Date.now() + 30 * DAY_MS));
	// another item nobody answers: due soon, then late
	const waiting = board.createItem(db, organiser, { youSaid: 'Nobody calls back', easyRead: '', easyReadSymbol: null, voices: 1, source: 'other', sourceDetail: '', serviceIds: [], topics: [], heardOn: '2026-03-01' });
	board.setPublished(db, organiser, waiting, true);
	const dueOn = db.select({ dueOn: boardItem.dueOn }).from(boardItem).where(eq(boardItem.id, waiting)).get()!.dueOn;
	board.remindAboutItems(db, new Date(`${dueOn}T09:00:00Z`));
	board.remindAboutItems(db, new Date(new Date(`${dueOn}T09:00:00Z`).getTime() + 2 * DAY_MS));
	const closed = surveys.create(db, organiser, surveyDetails({ title: 'Short breaks' }));
	surveys.addQuestion(db, organiser, closed, 'yes_no', 'Did you get one?');
	surveys.publish(db, organiser, closed);
	surveys.close(db, organiser, closed);
	const young = surveys.create(db, organiser, surveyDetails({ title: 'Your school', audience: 'young_people' }));
	surveys.addQuestion(db, organiser, young, 'yes_no', 'Do you like school?');
	surveys.publish(db, organiser, young);
	const meetingId = meetings.create(db, organiser, {
		title: 'Forum meeting', startsAt: new Date('2026-03-10T18:00:00Z'), endsAt: new Date('2026-03-10T20:00:00Z'),
		place: 'Town Hall', onlineLink: '', access: [], accessNotes: '', audience: 'open_to_all'
	});
	meetings.addItem(db, organiser, meetingId, { title: 'Welcome', lead: 'Chair', minutesAllotted: 10, kind: 'information' });
	for (const state of ['agenda_published', 'minutes_drafted', 'minutes_published'] as const) meetings.setState(db, organiser, meetingId, state);
	const reportId = reports.createDraft(db, organiser, { title: 'Spring', period: { start: '2026-01-01', end: '2026-03-31' }, scope: 'area' });
	reports.publish(db, organiser, reportId);
	const address = subscriptions.subscribe(db, { email: 'reader@example.org', topics: [{ topic: 'board', ref: '' }], language: 'en', frequency: 'immediately' }, '192.0.2.9');
	expect(address).toBe('sent');
	subscriptions.sendManageLink(db, 'reader@example.org', '192.0.2.9');
	// the forum: a member who confirmed asks for their link; a second join waits for its confirmation
	const join = (email: string) => forum.joinByEmail(db, null, { email, news: false, counted: false, about: { need_area: null, phase: null, support: null, area: null, ethnicity: null, language: null }, locale: 'en' }, '192.0.2.9');
	join('member@example.org');
	forum.confirmJoin(db, subscriptions.linkKeyFrom(new URLSearchParams(subscriptions.linkQueryOf(db, subscriptions.subscriberIdOf(db, 'member@example.org')!)!)));
	join('joiner@example.org');
	forum.sendManageLink(db, 'member@example.org', '192.0.2.9');
	const rows = db.select({ kind: outboxEvent.kind, subject: outboxEvent.subjectId }).from(outboxEvent).orderBy(outboxEvent.id).all();
	return new Map(rows.map((r) => [r.kind, r.subject ?? '']));
}

/** A world with `leads` safeguarding leads, a parent and an admin; the clock starts at `t0`. */
function world(leads = 2) {
	const db = testDb();
	const lead = Array.from({ length: leads }, () => addPerson(db, ['safeguarding_lead']));
	const parent = addPerson(db, ['parent_carer']);
	const admin = addPerson(db, ['admin']);
	let clock = new Date('2026-03-02T10:00:00Z');
	const options = (more: Partial<WorkerOptions> = {}): WorkerOptions => ({ kinds: EVENT_KINDS, send: smtp.send, origin: ORIGIN, now: () => clock, ...more });
	return {
		db,
		lead,
		parent,
		admin,
		options,
		later: (ms: number) => (clock = new Date(clock.getTime() + ms)),
		deliveries: () => db.select().from(outboxDelivery).orderBy(outboxDelivery.id).all()
	};
}

const counted = (n: Partial<Record<string, number>>) => ({ deliveriesWritten: 0, sent: 0, failed: 0, dead: 0, dropped: 0, ...n });

describe('emitting an event', () => {
	it('writes one row, with no words and no time, in the transaction of the change', () => {
		const { db, parent } = world();
		safeguarding.tell(db, parent, WORRYING);
		const events = db.select().from(outboxEvent).all();
		expect(events).toEqual([expect.objectContaining({ kind: 'safeguarding.flag_raised', subjectId: null, expanded: false })]);
		expect(JSON.stringify(events)).not.toContain('kill');
		expect(events[0].happenedOn).toMatch(/^\d{4}-\d\d-\d\d$/);
	});

	it('emits nothing when the change is rolled back', () => {
		const { db } = world();
		expect(() =>
			writeTransaction(db, (tx) => {
				emit(tx, 'safeguarding.flag_raised', null);
				throw new Error('the change failed');
			})
		).toThrow('the change failed');
		expect(db.select().from(outboxEvent).all()).toEqual([]);
	});

	it('costs the change one row however many people it reaches', () => {
		const { db, parent } = world(300);
		safeguarding.tell(db, parent, WORRYING);
		expect(db.select().from(outboxEvent).all()).toHaveLength(1);
		expect(db.select().from(outboxDelivery).all()).toHaveLength(0);
	});
});

describe('the worker', () => {
	it('emails every safeguarding lead once, saying only that a flag is waiting', async () => {
		const { db, parent, lead, options } = world(2);
		addPerson(db, ['organiser']); // not a lead: not told
		safeguarding.tell(db, parent, `${WORRYING}. My name is Priya Shah.`);
		expect(await runOnce(db, options())).toEqual(counted({ deliveriesWritten: 2, sent: 2 }));

		const mails = await smtp.sink().waitFor(2);
		expect(mails.map((m) => m.to && 'text' in m.to && m.to.text).sort()).toEqual(lead.map((l) => l.email).sort());
		for (const mail of mails) {
			expect(mail.subject).toBe('A safeguarding flag is waiting');
			expect(mail.text).toContain(`${ORIGIN}/safeguarding`);
			expect(mail.html).toContain(`href="${ORIGIN}/safeguarding"`);
			expect(mail.html).toContain('<html lang="en" dir="ltr">');
			expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
			for (const secret of ['kill', 'Priya', 'Shah', parent.email, 'message']) {
				expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toContain(secret);
			}
			// nothing fetched from anywhere: no images, no remote style sheets
			expect(mail.html).not.toMatch(/<img|<link|url\(/i);
		}
		expect(new Set(mails.map((m) => m.messageId)).size).toBe(2);
		expect(await runOnce(db, options())).toEqual(counted({}));
	});

	it('writes deliveries a page at a time, and a crash between pages writes none twice', () => {
		const { db, parent, deliveries } = world(5);
		safeguarding.tell(db, parent, WORRYING);
		expect(expandStep(db, EVENT_KINDS, 2)).toBe(2);
		expect(expandStep(db, EVENT_KINDS, 2)).toBe(2);
		// the process dies here and starts again: the cursor was saved with each page
		expect(expandStep(db, EVENT_KINDS, 2)).toBe(1);
		expect(expandStep(db, EVENT_KINDS, 2)).toBeNull();
		expect(deliveries()).toHaveLength(5);
		// writing a page again (as a crash inside a page would) adds nothing: one delivery per (event, person)
		db.update(outboxEvent).set({ expanded: false, expandAfter: 0, expandList: 0 }).run();
		while (expandStep(db, EVENT_KINDS, 2) !== null);
		expect(deliveries()).toHaveLength(5);
	});

	it('leaves deliveries another run claimed until its claim runs out, then sends them once', async () => {
		const { db, parent, options, later, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING);
		expandStep(db, EVENT_KINDS);
		const clock = options().now!;
		expect(claimDue(db, clock(), 10, 60_000)).toHaveLength(1);
		// that run dies before sending; a new one finds nothing due while the claim holds
		expect(await runOnce(db, options())).toEqual(counted({}));
		later(60_001);
		expect(await runOnce(db, options())).toEqual(counted({ sent: 1 }));
		await smtp.sink().waitFor(1);
		expect(deliveries()[0]).toMatchObject({ status: 'sent', attempts: 1, claimedUntil: null, nextTryAt: new Date(0) });
	});

	it('sends again, with the same Message-ID, when a run dies after sending and before marking it sent', async () => {
		const { db, parent, options, later, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING);
		// a run whose process dies as soon as the SMTP server has the email: it never marks it sent
		const dying = { ...options(), send: async (e: OutgoingEmail) => (await smtp.send(e), new Promise<void>(() => {})) };
		void runOnce(db, dying);
		await smtp.sink().waitFor(1);
		expect(deliveries()[0]).toMatchObject({ status: 'waiting', attempts: 0 });
		// the next run waits for the dead run's claim (5 minutes) to run out, then sends it again
		expect(await runOnce(db, options())).toEqual(counted({}));
		later(5 * 60_000 + 1);
		expect(await runOnce(db, options())).toEqual(counted({ sent: 1 }));
		const mails = await smtp.sink().waitFor(2);
		expect(mails[1].messageId).toBe(mails[0].messageId);
		expect(deliveries()[0]).toMatchObject({ status: 'sent', attempts: 1 });
	});

	it('tries again after 1 minute, then 5 minutes, and sends on the third try', async () => {
		const { db, parent, options, later, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING);
		smtp.sink().refuse(451, 2);
		expect(await runOnce(db, options())).toEqual(counted({ deliveriesWritten: 1, failed: 1 }));
		expect(deliveries()[0]).toMatchObject({ status: 'waiting', attempts: 1, lastError: 'smtp 451' });
		later(RETRY_BACKOFF_MS[0] - 1000);
		expect(await runOnce(db, options())).toEqual(counted({}));
		later(1000);
		expect(await runOnce(db, options())).toEqual(counted({ failed: 1 }));
		later(RETRY_BACKOFF_MS[1]);
		expect(await runOnce(db, options())).toEqual(counted({ sent: 1 }));
		expect(deliveries()[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
		expect(await smtp.sink().waitFor(1)).toHaveLength(1);
	});

	it('gives up after the last try; admins see the dead email and can try it again', async () => {
		const { db, parent, admin, lead, options, later, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING);
		smtp.sink().refuse(421, RETRY_BACKOFF_MS.length + 1);
		await runOnce(db, options());
		for (const wait of RETRY_BACKOFF_MS) {
			later(wait);
			await runOnce(db, options());
		}
		expect(deliveries()[0]).toMatchObject({ status: 'dead', attempts: RETRY_BACKOFF_MS.length + 1, lastError: 'smtp 421', nextTryAt: new Date(0) });
		expect(outbox.overview(db, admin)).toMatchObject({ dead: 1, waiting: 0, sent: 0 });
		const [dead] = outbox.deadLetters(db, admin);
		expect(dead).toMatchObject({ kind: 'safeguarding.flag_raised', name: db.select().from(user).where(eq(user.id, lead[0].id)).get()!.name });
		expect(smtp.sink().received).toHaveLength(0);

		expect(outbox.tryAgain(db, admin, dead.id)).toBe(1);
		expect(await runOnce(db, options())).toEqual(counted({ sent: 1 }));
		expect(await smtp.sink().waitFor(1)).toHaveLength(1);
	});

	it('gives up at once when the mail server refuses for good (5xx)', async () => {
		const { db, parent, options, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING);
		smtp.sink().refuse(550);
		expect(await runOnce(db, options())).toEqual(counted({ deliveriesWritten: 1, dead: 1 }));
		expect(deliveries()[0]).toMatchObject({ status: 'dead', attempts: 1, lastError: 'smtp 550' });
	});

	it('sends nothing to a person turned off or erased before the email went', async () => {
		const { db, parent, lead, options, deliveries } = world(2);
		safeguarding.tell(db, parent, WORRYING);
		expandStep(db, EVENT_KINDS);
		db.update(user).set({ disabledAt: new Date() }).where(eq(user.id, lead[0].id)).run();
		db.delete(user).where(eq(user.id, lead[1].id)).run();
		expect(await runOnce(db, options())).toEqual(counted({ dropped: 1 }));
		expect(deliveries()).toEqual([expect.objectContaining({ userId: lead[0].id, status: 'dropped' })]);
		expect(smtp.sink().received).toHaveLength(0);
	});

	it('keeps no exact time of a sent email', async () => {
		const { db, parent, options, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING);
		await runOnce(db, options());
		const [d] = deliveries();
		expect(d).toMatchObject({ nextTryAt: new Date(0), claimedUntil: null });
		expect(d.doneOn).toMatch(/^\d{4}-\d\d-\d\d$/);
	});
});

describe('tidying', () => {
	it('forgets emails sent 30 days ago and given up on 90 days ago, and events with no emails left', async () => {
		const { db, parent, options, deliveries } = world(1);
		safeguarding.tell(db, parent, WORRYING, options().now!());
		await runOnce(db, options());
		const sentOn = new Date(`${deliveries()[0].doneOn}T12:00:00Z`);
		expect(outbox.forgetOldDeliveries(db, new Date(sentOn.getTime() + 30 * DAY_MS))).toBe(0);
		expect(outbox.forgetOldDeliveries(db, new Date(sentOn.getTime() + 31 * DAY_MS))).toBe(1);
		expect(db.select().from(outboxEvent).all()).toEqual([]);

		safeguarding.tell(db, parent, WORRYING, options().now!());
		smtp.sink().refuse(550);
		await runOnce(db, options());
		const deadOn = new Date(`${deliveries()[0].doneOn}T12:00:00Z`);
		expect(outbox.forgetOldDeliveries(db, new Date(deadOn.getTime() + 31 * DAY_MS))).toBe(0);
		expect(outbox.forgetOldDeliveries(db, new Date(deadOn.getTime() + 91 * DAY_MS))).toBe(1);
	});
});

describe('what admins see', () => {
	it('is for admins only', () => {
		const db = testDb();
		for (const roles of [['organiser'], ['safeguarding_lead'], ['parent_carer']] as const) {
			const person = addPerson(db, [...roles]);
			expect(thrown(() => outbox.overview(db, person))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => outbox.deadLetters(db, person))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => outbox.tryAgain(db, person, 'all'))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => outbox.overview(db, null))).toBeInstanceOf(ForbiddenError);
	});
});

describe('every email', () => {
	it('renders every kind any feature emits in every language, with no message key left in it', () => {
		const db: Db = testDb();
		const organiser = addPerson(db, ['organiser', 'admin']);
		const subjects = everyEvent(db, organiser);
		expect(Object.keys(EVENT_KINDS).sort()).toEqual([...subjects.keys()].sort());
		for (const [kind, event] of Object.entries(EVENT_KINDS)) {
			for (const locale of locales) {
				const content = event.message(db, subjects.get(kind)!, locale);
				expect(content, `${kind} ${locale}`).not.toBeNull();
				const footer = { because: 'Because', managePath: '/subscriptions?s=1&t=x', unsubscribePath: '/unsubscribe?s=1&t=x' };
				const email = renderEmail(content!, ORIGIN, locale, footer);
				expect(`${email.subject}${email.text}${email.html}`, `${kind} ${locale}`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
				expect(email.html).toContain(`lang="${locale}"`);
				if (locale === 'ur') expect(email.html).toContain('dir="rtl"');
				if (locale !== 'en') expect(email.subject, `${kind} ${locale}`).not.toBe(event.message(db, subjects.get(kind)!, 'en')!.subject);
			}
		}
	});

	it('escapes what it is given', () => {
		const email = renderEmail({ subject: 'A <b>bold</b> "claim"', paragraphs: ['Tom & Jerry\u000b'], action: { label: 'Open', path: '/x?a=1&b=2' }, because: 'Why' }, ORIGIN, 'en');
		expect(email.html).toContain('A &lt;b&gt;bold&lt;/b&gt; &quot;claim&quot;');
		expect(email.html).toContain('Tom &amp; Jerry');
		expect(email.html).toContain('href="https://chorus.example.org/x?a=1&amp;b=2"');
		expect(email.html).not.toContain('\u000b');
	});
});
