import { describe, expect, it } from 'vitest';
import { auditEntry, feedback } from '../db/schema';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import * as board from './service';
import { addPerson, testDb } from '../testing';
import * as feedbackService from './feedback';
import { feedbackDetails } from './testing';

const input = feedbackDetails;

const itemInput: board.ItemInput = {
	youSaid: 'Families have to tell their story again and again.',
	easyRead: '',
	easyReadSymbol: null,
	voices: 1,
	source: 'direct_feedback',
	sourceDetail: '',
	serviceIds: [],
	topics: [],
	heardOn: '2026-11-01'
};

describe('direct feedback', () => {
	it('goes to the moderation queue with no address, no account and only the day', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		feedbackService.send(db, input(), '203.0.113.5', new Date('2026-11-02T15:47:12Z'));
		const [row] = db.select().from(feedback).all();
		expect(row.receivedOn).toBe('2026-11-02');
		expect(JSON.stringify(row)).not.toContain('203.0.113.5');
		expect(JSON.stringify(row)).not.toContain('15:47');
		expect(feedbackService.listQueue(db, organiser).map((f) => f.id)).toEqual([row.id]);
		expect(board.listPublic(db, {}).total).toBe(0);
	});

	it('limits how much one address can send in an hour, with a clear error', () => {
		const db = testDb();
		const at = new Date('2026-11-02T10:00:00Z');
		for (let i = 0; i < feedbackService.FEEDBACK_PER_HOUR; i++) feedbackService.send(db, input(), '198.51.100.1', at);
		expect(() => feedbackService.send(db, input(), '198.51.100.1', at)).toThrow(feedbackService.RateLimitedError);
		feedbackService.send(db, input(), '198.51.100.2', at);
		feedbackService.send(db, input(), '198.51.100.1', new Date('2026-11-02T11:00:00Z'));
	});

	it('ignores consent to contact when no contact details were given', () => {
		const db = testDb();
		const id = feedbackService.send(db, input({ consentToContact: true }), '192.0.2.1').id;
		expect(db.select().from(feedback).all().find((f) => f.id === id)?.consentToContact).toBe(false);
	});

	it('becomes a new board item, or merges into one and adds a voice while its text stays private', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const first = feedbackService.send(db, input(), '192.0.2.1').id;
		const second = feedbackService.send(db, input({ whatHappened: 'Same here: private words' }), '192.0.2.2').id;
		const itemId = feedbackService.makeItem(db, organiser, first, itemInput);
		feedbackService.merge(db, organiser, second, itemId);
		board.setPublished(db, organiser, itemId, true);
		const shown = board.getItem(db, null, itemId);
		expect(shown.voices).toBe(2);
		expect(shown.source).toBe('direct_feedback');
		expect(JSON.stringify(board.listPublic(db, {}))).not.toContain('private words');
		expect(() => feedbackService.merge(db, organiser, second, itemId)).toThrow(ConflictError);
		expect(db.select().from(auditEntry).all().map((e) => e.action)).toEqual(
			expect.arrayContaining(['feedback.made_item', 'feedback.merged', 'board.item_created'])
		);
	});

	it('replies only to senders who left contact details and consent; closes with a reason', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const silent = feedbackService.send(db, input({ contactEmail: 'p@example.org', consentToContact: false }), '192.0.2.1').id;
		const willing = feedbackService.send(db, input({ contactEmail: 'q@example.org', consentToContact: true }), '192.0.2.1').id;
		expect(() => feedbackService.reply(db, organiser, silent, 'Thank you')).toThrow(ValidationError);
		expect(feedbackService.reply(db, organiser, willing, 'Thank you')).toMatchObject({ email: 'q@example.org' });
		expect(feedbackService.get(db, organiser, willing).replies).toHaveLength(1);
		expect(() => feedbackService.close(db, organiser, silent, ' ')).toThrow(ValidationError);
		feedbackService.close(db, organiser, silent, 'Passed to the school, not a local service');
		expect(feedbackService.listQueue(db, organiser, 'closed').map((f) => f.id)).toEqual([silent]);
	});

	it('can be moderated only by organisers and admins', () => {
		const db = testDb();
		const id = feedbackService.send(db, input(), '192.0.2.1').id;
		for (const who of [null, addPerson(db, ['service_lead']), addPerson(db, ['board_member']), addPerson(db, ['parent_carer'])]) {
			expect(() => feedbackService.listQueue(db, who)).toThrow(ForbiddenError);
			expect(() => feedbackService.close(db, who, id, 'x')).toThrow(ForbiddenError);
		}
		expect(feedbackService.listQueue(db, addPerson(db, ['admin']))).toHaveLength(1);
	});

	it('records in the audit log each opening of feedback that holds contact details (never the details themselves)', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const withContact = feedbackService.send(db, input({ contactName: 'Jo Zanzibar', contactEmail: 'jo.z@example.org', consentToContact: true }), '192.0.2.1').id;
		const without = feedbackService.send(db, input(), '192.0.2.2').id;
		feedbackService.get(db, organiser, withContact);
		feedbackService.get(db, organiser, withContact);
		feedbackService.get(db, organiser, without);
		const opened = db.select().from(auditEntry).all().filter((e) => e.action === 'feedback.contact_opened');
		expect(opened.map((e) => [e.actorId, e.subjectId])).toEqual([
			[organiser.id, String(withContact)],
			[organiser.id, String(withContact)]
		]);
		expect(JSON.stringify(opened)).not.toMatch(/Zanzibar|jo\.z@/);
	});
});
