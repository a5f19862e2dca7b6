import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { addPerson, testDb } from '../testing';
import { feedback as feedbackTable } from '../db/schema';
import * as feedback from './feedback';
import * as board from './service';
import { feedbackDetails, itemDetails } from './testing';
import { FOLLOW_TRIES_PER_ADDRESS_PER_DAY, follow, isReference, newReference, normaliseReference } from './follow';

const input = (over: Partial<feedback.FeedbackInput> = {}) =>
	feedbackDetails({ whatHappened: 'Nobody told us where we were on the waiting list. Jo Bloggs, 07700 900123', contactName: 'Jo Bloggs', contactEmail: 'jo@example.org', contactPhone: '07700 900123', consentToContact: true, ...over });

function setUp() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser']);
	return { db, organiser };
}

const found = (result: ReturnType<typeof follow>) => {
	if (result.state !== 'found') throw new Error(`expected found, got ${result.state}`);
	return result.progress;
};

describe('feedback references', () => {
	it('are random, readable and never the id', () => {
		const refs = new Set(Array.from({ length: 2000 }, newReference));
		expect(refs.size).toBe(2000);
		for (const ref of refs) {
			expect(isReference(ref)).toBe(true);
			expect(ref).toMatch(/^FB-[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}$/);
		}
	});

	it('are read however they are typed', () => {
		expect(normaliseReference(' fb 7k2q 9mxd ')).toBe('FB-7K2Q-9MXD');
		expect(normaliseReference('7K2Q9MXD')).toBe('FB-7K2Q-9MXD');
		expect(normaliseReference('ＦＢ－７Ｋ２Ｑ－９ＭＸＤ')).toBe('FB-7K2Q-9MXD');
	});
});

describe('following feedback', () => {
	it('shows where it got to, step by step, and never the words, the name or the contact details', () => {
		const { db, organiser } = setUp();
		const { id, reference } = feedback.send(db, input(), '192.0.2.1', new Date('2026-11-02T10:00:00Z'));
		const show = () => found(follow(db, reference.toLowerCase(), '192.0.2.9'));
		expect(show()).toEqual({ reference, receivedOn: '2026-11-02', state: 'received', closedReason: null, item: null });

		feedback.reply(db, organiser, id, 'Thank you, we will ask the service');
		expect(show().state).toBe('looked_at');

		const item = itemDetails({ youSaid: 'Families are not told where they are on waiting lists', voices: 1, topics: [], heardOn: '2026-11-02' });
		const itemId = feedback.makeItem(db, organiser, id, item);
		expect(show()).toMatchObject({ state: 'being_prepared', item: null });

		board.setPublished(db, organiser, itemId, true);
		expect(show()).toMatchObject({ state: 'on_the_board', item: { id: itemId, youSaid: 'Families are not told where they are on waiting lists', status: 'heard', latestWeDid: null } });

		board.respond(db, organiser, itemId, { text: 'Letters now say where you are on the list', status: 'working_on_it', reason: '', as: 'forum' });
		expect(show().item).toMatchObject({ status: 'working_on_it', latestWeDid: 'Letters now say where you are on the list' });

		const all = JSON.stringify(show());
		for (const secret of ['Jo Bloggs', 'jo@example.org', '07700', 'Nobody told us']) expect(all).not.toContain(secret);
	});

	it('says why it was closed', () => {
		const { db, organiser } = setUp();
		const { id, reference } = feedback.send(db, input(), '192.0.2.1');
		feedback.close(db, organiser, id, 'This is about a school, not a service we work with: we have told you who to ask.');
		expect(found(follow(db, reference, '192.0.2.9'))).toMatchObject({ state: 'closed', closedReason: expect.stringContaining('not a service we work with') });
	});

	it('finds nothing for a reference nobody was given, and slows down an address that keeps guessing', () => {
		const { db } = setUp();
		const { reference } = feedback.send(db, input(), '192.0.2.1');
		const now = new Date('2026-11-02T10:00:00Z');
		for (let i = 0; i < FOLLOW_TRIES_PER_ADDRESS_PER_DAY; i++) expect(follow(db, newReference(), '198.51.100.7', now).state).toBe('not_found');
		// the next guess, and even the right reference, must wait
		expect(follow(db, newReference(), '198.51.100.7', now)).toMatchObject({ state: 'too_many_tries' });
		expect(follow(db, reference, '198.51.100.7', now)).toMatchObject({ state: 'too_many_tries' });
		// another address is not held up
		expect(follow(db, reference, '198.51.100.8', now).state).toBe('found');
	});

	it('gives feedback sent before references existed one each (the migration’s backfill)', () => {
		const { db } = setUp();
		for (let i = 0; i < 50; i++) feedback.send(db, input(), `192.0.2.${i}`);
		db.update(feedbackTable).set({ reference: sql`'old-' || id` }).run();
		const migration = readFileSync('drizzle/0013_feedback_reference.sql', 'utf8');
		const backfill = migration.split('--> statement-breakpoint').find((s) => s.includes('UPDATE'))!;
		db.$client.exec(backfill);
		const refs = db.select({ reference: feedbackTable.reference }).from(feedbackTable).all().map((r) => r.reference);
		expect(new Set(refs).size).toBe(50);
		for (const ref of refs) expect(ref).toMatch(/^FB-[0-9A-F]{4}-[0-9A-F]{4}$/);
		expect(follow(db, refs[7], '192.0.2.200').state).toBe('found');
	});
});
