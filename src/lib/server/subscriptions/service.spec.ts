/**
 * Subscriptions (issue 16, point 2), end to end through the outbox and a real SMTP server: double
 * opt-in, news reaching the right subscribers in their language, the weekly digest, one-click
 * unsubscribe, feedback followers, retention, and the attacks (a guessed link, a flood of
 * confirmation emails to someone else's address, learning who subscribes).
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { DAY_MS } from '$lib/time';
import { addPerson, testDb, useSmtpSink } from '../testing';
import { outboxDelivery, outboxEvent, subscriber, subscription } from '../db/schema';
import { EVENT_KINDS } from '../registry';
import * as board from '../board';
import * as outbox from '../outbox';
import * as services from '../services';
import { runRetention } from '../retention';
import * as subscriptions from '.';

const smtp = useSmtpSink();
const ORIGIN = 'https://chorus.example.org';
const NET = '192.0.2.10';

function world() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser', 'admin']);
	const salt = services.create(db, organiser, { name: 'Speech and language therapy', sector: 'health', description: '', leadIds: [] });
	const buses = services.create(db, organiser, { name: 'School transport', sector: 'education', description: '', leadIds: [] });
	let clock = new Date('2026-03-02T10:00:00Z'); // a Monday
	const options = { kinds: EVENT_KINDS, subscribers: subscriptions.addressBook, send: smtp.send, origin: ORIGIN, now: () => clock };
	const run = () => outbox.runOnce(db, options);
	const item = (serviceIds: number[], topics: string[] = []) => {
		const id = board.createItem(db, organiser, { youSaid: 'The letters are late', easyRead: '', easyReadSymbol: null, voices: 1, source: 'other', sourceDetail: '', serviceIds, topics, heardOn: '2026-03-01' }, clock);
		board.setPublished(db, organiser, id, true, clock);
		return id;
	};
	const subscribe = (email: string, topics: subscriptions.SubscribeInput['topics'], more: Partial<subscriptions.SubscribeInput> = {}) =>
		subscriptions.subscribe(db, { email, topics, language: 'en', frequency: 'immediately', ...more }, NET, clock);
	return { db, organiser, salt, buses, run, item, subscribe, now: () => clock, later: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

/** The link of a given path in an email's text, as `?s=…&t=…`. */
function linkIn(mail: ParsedMail, path: string): URLSearchParams {
	const found = (mail.text ?? '').match(new RegExp(`${ORIGIN}${path}\\?(s=\\d+&t=[A-Za-z0-9_-]+)`));
	expect(found, `a ${path} link`).not.toBeNull();
	return new URLSearchParams(found![1]);
}

const to = (address: string) => (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '') === address;

describe('subscribing', () => {
	it('sends nothing but a confirmation until the link is followed, then the news, with a one-click unsubscribe', async () => {
		const w = world();
		expect(w.subscribe('Parent@Example.org ', [{ topic: 'board', ref: '' }], { language: 'tr' })).toBe('sent');
		w.item([]);
		await w.run();
		// only the confirmation, in the language asked for: the unconfirmed address hears no news
		expect(smtp.sink().received).toHaveLength(1);
		const confirmation = smtp.sink().received[0];
		expect(confirmation.subject).toBe('Chorus e-postalarınızı onaylayın');
		expect(to('parent@example.org')(confirmation)).toBe(true);
		const key = subscriptions.linkKeyFrom(linkIn(confirmation, '/subscribe/confirm'));
		expect(subscriptions.confirm(w.db, key, w.now())).toBe('confirmed');
		expect(subscriptions.confirm(w.db, key, w.now())).toBe('nothing_to_confirm');

		const itemId = w.item([]);
		await w.run();
		const news = await smtp.sink().find((m) => m.subject === '"Siz söylediniz, biz yaptık" panosunda yeni');
		expect(news.text).toContain(`${ORIGIN}/board/${itemId}`);
		// RFC 8058: the mail program's own unsubscribe button posts to the link in the header
		const raw = (name: string) => news.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim() ?? '';
		const header = raw('list-unsubscribe');
		expect(header).toMatch(new RegExp(`^<${ORIGIN}/unsubscribe\\?s=\\d+&t=[A-Za-z0-9_-]{32}>$`));
		expect(raw('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
		expect(news.html).toContain('/unsubscribe?s=');
		expect(news.html).not.toMatch(/<img|https?:\/\/(?!chorus\.example\.org)/);

		// one click: the address and everything waiting for it go
		board.respond(w.db, w.organiser, itemId, { text: 'Sent this week', status: 'done', reason: '', as: 'forum' }, w.now());
		const unsubscribeKey = subscriptions.linkKeyFrom(new URL(header.slice(1, -1)).searchParams);
		expect(subscriptions.unsubscribe(w.db, unsubscribeKey)).toBe(true);
		smtp.sink().clear();
		await w.run();
		expect(smtp.sink().received).toHaveLength(0);
		expect(w.db.select().from(subscriber).all()).toHaveLength(0);
		expect(subscriptions.unsubscribe(w.db, unsubscribeKey)).toBe(false);
	});

	it('tells each subscriber only about what they follow: the whole board, one service, one topic tag', async () => {
		const w = world();
		const follow = (email: string, topic: subscriptions.SubscribeInput['topics'][number]) => {
			w.subscribe(email, [topic]);
			const s = w.db.select().from(subscriber).where(eq(subscriber.email, email)).get()!;
			subscriptions.update(w.db, { id: s.id, token: subscriptions.linkToken(s.id, s.linkNonce) }, { topics: [topic], language: 'en', frequency: 'immediately' });
		};
		follow('all@example.org', { topic: 'board', ref: '' });
		follow('salt@example.org', { topic: 'board_service', ref: String(w.salt) });
		follow('buses@example.org', { topic: 'board_service', ref: String(w.buses) });
		follow('letters@example.org', { topic: 'board_topic', ref: 'letters' });
		await w.run();
		smtp.sink().clear();
		w.item([w.salt], ['letters']);
		await w.run();
		const told = smtp.sink().received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')).sort();
		expect(told).toEqual(['all@example.org', 'letters@example.org', 'salt@example.org']);
	});

	it('holds a weekly subscriber’s news for Monday morning and sends it as one email', async () => {
		const w = world();
		w.subscribe('weekly@example.org', [{ topic: 'board', ref: '' }], { frequency: 'weekly' });
		await w.run();
		subscriptions.confirm(w.db, subscriptions.linkKeyFrom(linkIn(smtp.sink().received[0], '/subscribe/confirm')), w.now());
		smtp.sink().clear();
		const ids = [w.item([]), w.item([])];
		w.later(2 * DAY_MS);
		board.respond(w.db, w.organiser, ids[0], { text: 'Sent this week', status: 'done', reason: '', as: 'forum' }, w.now());
		await w.run();
		expect(smtp.sink().received).toHaveLength(0);
		// Monday 9 March, 8:00 in London: all three in one email
		w.later(5 * DAY_MS);
		await w.run();
		expect(smtp.sink().received).toHaveLength(1);
		const digest = smtp.sink().received[0];
		expect(digest.subject).toBe('This week: 3 changes you follow');
		for (const id of ids) expect(digest.text).toContain(`${ORIGIN}/board/${id}`);
		expect(w.db.select().from(outboxDelivery).where(eq(outboxDelivery.status, 'sent')).all()).toHaveLength(4); // the confirmation, and three
	});

	it('keeps an existing address’s language and frequency, and says the same whoever the address is', () => {
		const w = world();
		w.subscribe('known@example.org', [{ topic: 'board', ref: '' }], { language: 'ur', frequency: 'weekly' });
		expect(w.subscribe('known@example.org', [{ topic: 'meetings', ref: '' }], { language: 'en' })).toBe('sent');
		expect(w.subscribe('new@example.org', [{ topic: 'meetings', ref: '' }])).toBe('sent');
		const known = w.db.select().from(subscriber).where(eq(subscriber.email, 'known@example.org')).get()!;
		expect(known).toMatchObject({ locale: 'ur', frequency: 'weekly' });
		expect(subscriptions.sendManageLink(w.db, 'nobody@example.org', NET, w.now())).toBe('sent');
	});

	it('refuses a link whose key is wrong, or another subscriber’s', () => {
		const w = world();
		w.subscribe('a@example.org', [{ topic: 'board', ref: '' }]);
		w.subscribe('b@example.org', [{ topic: 'board', ref: '' }]);
		const [a, b] = w.db.select().from(subscriber).orderBy(subscriber.id).all();
		const tokenOfB = subscriptions.linkToken(b.id, b.linkNonce);
		for (const key of [{ id: a.id, token: tokenOfB }, { id: a.id, token: 'A'.repeat(32) }, null]) {
			expect(subscriptions.read(w.db, key)).toBeNull();
			expect(subscriptions.confirm(w.db, key)).toBe('bad_link');
			expect(subscriptions.unsubscribe(w.db, key)).toBe(false);
			expect(subscriptions.update(w.db, key, { topics: [], language: 'en', frequency: 'weekly' })).toBe(false);
		}
		expect(subscriptions.linkKeyFrom(new URLSearchParams(`s=${a.id}&t=${tokenOfB}x`))).toBeNull();
		expect(w.db.select().from(subscriber).all()).toHaveLength(2);
	});

	it('sends an address at most a few confirmation emails a day however often it is typed in', () => {
		const w = world();
		for (let i = 0; i < 20; i++) w.subscribe('victim@example.org', [{ topic: 'board', ref: '' }]);
		const emitted = w.db.select().from(outboxEvent).where(eq(outboxEvent.kind, subscriptions.CONFIRM)).all();
		expect(emitted).toHaveLength(subscriptions.EMAILS_PER_ADDRESS_PER_DAY);
	});

	it('lets a link expire after 7 days, and retention deletes what was never confirmed', async () => {
		const w = world();
		w.subscribe('late@example.org', [{ topic: 'board', ref: '' }]);
		await w.run();
		const key = subscriptions.linkKeyFrom(linkIn(smtp.sink().received[0], '/subscribe/confirm'));
		w.later(8 * DAY_MS);
		expect(subscriptions.confirm(w.db, key, w.now())).toBe('expired');
		expect(runRetention(w.db, w.now()).unconfirmedSubscriptions).toBe(1);
		expect(w.db.select().from(subscription).all()).toHaveLength(0);
		expect(w.db.select().from(subscriber).all()).toHaveLength(0);
	});
});

describe('feedback senders', () => {
	const feedback = (email: string, consent: boolean) => ({
		whatHappened: 'The letters are late',
		serviceId: null,
		contactName: '',
		contactEmail: email,
		contactPhone: '',
		consentToContact: consent,
		aboutWho: null,
		locale: 'en' as const
	});

	it('hear their reference, then each answer to the item their feedback joined; without consent, nothing', async () => {
		const w = world();
		const { id, reference } = board.send(w.db, feedback('sender@example.org', true), NET, w.now());
		board.send(w.db, feedback('quiet@example.org', false), NET, w.now());
		await w.run();
		expect(smtp.sink().received.map((m) => m.subject)).toEqual([`We got your feedback: ${reference}`]);
		expect(smtp.sink().received[0].text).toContain(`${ORIGIN}/follow?ref=${reference}`);
		smtp.sink().clear();
		const itemId = board.makeItem(w.db, w.organiser, id, { youSaid: 'Letters are late', easyRead: '', easyReadSymbol: null, voices: 1, source: 'direct_feedback', sourceDetail: '', serviceIds: [], topics: [], heardOn: '2026-03-01' }, w.now());
		board.setPublished(w.db, w.organiser, itemId, true, w.now());
		board.respond(w.db, w.organiser, itemId, { text: 'We send them within a week now.', status: 'done', reason: '', as: 'forum' }, w.now());
		await w.run();
		const subjects = smtp.sink().received.map((m) => m.subject);
		expect(subjects).toContain('An answer on the board: Done');
		expect(smtp.sink().received.every(to('sender@example.org'))).toBe(true);
	});

	it('stop hearing when their contact details are removed by retention', () => {
		const w = world();
		board.send(w.db, feedback('sender@example.org', true), NET, w.now());
		expect(w.db.select().from(subscription).where(eq(subscription.topic, 'feedback')).all()).toHaveLength(1);
		runRetention(w.db, new Date(w.now().getTime() + 5 * 365 * DAY_MS));
		expect(w.db.select().from(subscription).where(eq(subscription.topic, 'feedback')).all()).toHaveLength(0);
	});
});
