import { describe, expect, it } from 'vitest';
import { auditEntry, boardResponse } from '../db/schema';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as services from '../services';
import * as settings from '../settings';
import { addPerson, testDb, thrown } from '../testing';
import * as board from './service';
import { itemDetails } from './testing';

function setUp() {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const saltLead = addPerson(db, ['service_lead']);
	const camhsLead = addPerson(db, ['service_lead']);
	const salt = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [saltLead.id] });
	const camhs = services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [camhsLead.id] });
	const shortBreaks = services.create(db, admin, { name: 'Short breaks', sector: 'social_care', description: '', leadIds: [] });
	return { db, admin, organiser, saltLead, camhsLead, salt, camhs, shortBreaks };
}

const item = itemDetails;

describe('board items', () => {
	it('are due the area\'s "reply within" weeks after they were heard', () => {
		const { db, admin, organiser, salt } = setUp();
		const first = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		expect(board.getItem(db, organiser, first).dueOn).toBe('2026-10-27'); // default 8 weeks
		settings.update(db, admin, { replyWithinWeeks: 4 });
		const second = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		expect(board.getItem(db, organiser, second).dueOn).toBe('2026-09-29');
	});

	it('are overdue only while nobody has answered and the due day has passed', () => {
		expect(board.isOverdue({ firstAnsweredOn: null, dueOn: '2026-10-27' }, '2026-10-27')).toBe(false);
		expect(board.isOverdue({ firstAnsweredOn: null, dueOn: '2026-10-27' }, '2026-10-28')).toBe(true);
		expect(board.isOverdue({ firstAnsweredOn: '2026-11-01', dueOn: '2026-10-27' }, '2026-12-01')).toBe(false);
	});

	it('stay off the public board until published; only organisers make and publish them', () => {
		const { db, organiser, saltLead, salt } = setUp();
		expect(() => board.createItem(db, saltLead, item())).toThrow(ForbiddenError);
		expect(() => board.createItem(db, null, item())).toThrow(ForbiddenError);
		const id = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		expect(board.listPublic(db, {}).total).toBe(0);
		expect(() => board.getItem(db, null, id)).toThrow(NotFoundError);
		expect(board.getItem(db, saltLead, id).mayRespond).toBe(true);
		board.setPublished(db, organiser, id, true);
		expect(board.listPublic(db, {}).items.map((i) => i.id)).toEqual([id]);
		expect(board.getItem(db, null, id).youSaid).toContain('referral');
		expect(() => board.setPublished(db, saltLead, id, false)).toThrow(ForbiddenError);
	});
});

describe('we did: responses and status', () => {
	it('lets the lead of one of the item\'s services answer for that service and move its status', () => {
		const { db, organiser, saltLead, salt } = setUp();
		const id = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		board.respond(db, saltLead, id, { text: 'We now send a letter within a week.', status: 'working_on_it', reason: '', as: salt }, new Date('2026-09-10T10:00:00Z'));
		board.respond(db, saltLead, id, { text: 'Letters go out within 5 days.', status: 'done', reason: '', as: salt }, new Date('2026-10-01T10:00:00Z'));
		const after = board.getItem(db, organiser, id);
		expect(after.status).toBe('done');
		expect(after.firstAnsweredOn).toBe('2026-09-10');
		expect(after.responses.map((r) => [r.statusBefore, r.statusAfter, r.serviceName])).toEqual([
			['heard', 'working_on_it', 'SALT'],
			['working_on_it', 'done', 'SALT']
		]);
		expect(db.select().from(auditEntry).all().filter((e) => e.action === 'board.responded')).toHaveLength(2);
	});

	it('refuses the lead of another service, a lead answering for a service not on the item, and visitors', () => {
		const { db, organiser, saltLead, camhsLead, salt, camhs } = setUp();
		const id = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		const answer = { text: 'We did it.', status: 'done' as const, reason: '' };
		expect(() => board.respond(db, camhsLead, id, { ...answer, as: camhs })).toThrow(ForbiddenError);
		expect(() => board.respond(db, camhsLead, id, { ...answer, as: salt })).toThrow(ForbiddenError);
		expect(() => board.respond(db, saltLead, id, { ...answer, as: 'forum' })).toThrow(ForbiddenError);
		expect(() => board.respond(db, null, id, { ...answer, as: 'forum' })).toThrow(ForbiddenError);
		expect(db.select().from(boardResponse).all()).toHaveLength(0);
		board.respond(db, organiser, id, { ...answer, as: 'forum' });
		expect(board.getItem(db, organiser, id).responses[0].responder).toBe('forum');
	});

	it('needs a reason for "not possible" and refuses a move the rules do not allow', () => {
		const { db, organiser, saltLead, salt } = setUp();
		const id = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		expect(() => board.respond(db, saltLead, id, { text: 'Sorry.', status: 'not_possible', reason: '  ', as: salt })).toThrow(ValidationError);
		board.respond(db, saltLead, id, { text: 'Sorry.', status: 'not_possible', reason: 'The funding ended in March.', as: salt });
		expect(() => board.respond(db, saltLead, id, { text: 'Done after all', status: 'done', reason: '', as: salt })).toThrow(ValidationError);
		// reopening is allowed, with a response
		board.respond(db, saltLead, id, { text: 'New funding found.', status: 'working_on_it', reason: '', as: salt });
		const history = board.getItem(db, organiser, id).responses;
		expect(history.map((r) => r.reason)).toEqual(['The funding ended in March.', null]);
		expect(() => board.respond(db, saltLead, id, { text: ' ', status: 'done', reason: '', as: salt })).toThrow(ValidationError);
	});
});

describe('the public board', () => {
	it('filters by service, sector, status, topic and words, newest activity first', () => {
		const { db, organiser, saltLead, salt, camhs, shortBreaks } = setUp();
		const t = (s: string) => new Date(`2026-10-${s}T09:00:00Z`);
		const a = board.createItem(db, organiser, item({ youSaid: 'Speech therapy waits', serviceIds: [salt], topics: ['waiting times'] }), t('01'));
		const b = board.createItem(db, organiser, item({ youSaid: 'Nobody listened at CAMHS', serviceIds: [camhs], topics: ['being listened to'] }), t('02'));
		const c = board.createItem(db, organiser, item({ youSaid: '100% full short breaks_clubs', serviceIds: [shortBreaks], topics: ['activities'] }), t('03'));
		for (const id of [a, b, c]) board.setPublished(db, organiser, id, true, t('04'));
		board.respond(db, saltLead, a, { text: 'Extra therapist from January', status: 'working_on_it', reason: '', as: salt }, t('05'));
		const ids = (f: board.BoardFilters) => board.listPublic(db, f).items.map((i) => i.id);
		expect(ids({})[0]).toBe(a);
		expect(ids({ serviceId: camhs })).toEqual([b]);
		expect(ids({ sector: 'health' }).sort()).toEqual([a, b].sort());
		expect(ids({ status: 'working_on_it' })).toEqual([a]);
		expect(ids({ topic: 'activities' })).toEqual([c]);
		expect(ids({ q: 'therapist' })).toEqual([a]);
		expect(ids({ q: '100%' })).toEqual([c]);
		expect(ids({ q: '_' })).toEqual([c]);
		expect(board.topics(db)).toEqual(['activities', 'being listened to', 'waiting times']);
	});

	it('counts the year\'s items heard, answered on time, done and not possible', () => {
		const { db, organiser, saltLead, salt } = setUp();
		const onTime = board.createItem(db, organiser, item({ serviceIds: [salt], heardOn: '2026-01-10' }));
		const late = board.createItem(db, organiser, item({ serviceIds: [salt], heardOn: '2026-01-10' }));
		const lastYear = board.createItem(db, organiser, item({ serviceIds: [salt], heardOn: '2025-12-10' }));
		for (const id of [onTime, late, lastYear]) board.setPublished(db, organiser, id, true);
		board.respond(db, saltLead, onTime, { text: 'Done', status: 'done', reason: '', as: salt }, new Date('2026-02-01T12:00:00Z'));
		board.respond(db, saltLead, late, { text: 'No', status: 'not_possible', reason: 'No budget', as: salt }, new Date('2026-06-01T12:00:00Z'));
		expect(board.figures(db, 2026)).toEqual({ heard: 2, answeredOnTime: 1, done: 1, notPossible: 1 });
	});

	it('pages through many items', () => {
		const { db, organiser } = setUp();
		for (let i = 0; i < board.BOARD_PAGE_SIZE + 3; i++) board.setPublished(db, organiser, board.createItem(db, organiser, item()), true);
		expect(board.listPublic(db, { page: 1 }).items).toHaveLength(board.BOARD_PAGE_SIZE);
		expect(board.listPublic(db, { page: 2 })).toMatchObject({ pageCount: 2, total: board.BOARD_PAGE_SIZE + 3 });
		expect(board.listPublic(db, { page: 2 }).items).toHaveLength(3);
	});
});

describe('following items up', () => {
	it('shows overdue items first, to organisers, the service lead and the board', () => {
		const { db, organiser, saltLead, camhsLead, salt, camhs } = setUp();
		const overdue = board.createItem(db, organiser, item({ serviceIds: [salt], heardOn: '2026-01-01' }));
		const fresh = board.createItem(db, organiser, item({ serviceIds: [salt], heardOn: '2026-11-20' }));
		const other = board.createItem(db, organiser, item({ serviceIds: [camhs], heardOn: '2026-01-01' }));
		const today = '2026-11-22';
		expect(board.listTracked(db, organiser, {}, today).map((i) => [i.id, i.overdue])).toEqual([[overdue, true], [other, true], [fresh, false]]);
		// unpublished: a lead sees only their services' items; a board member none yet
		expect(board.listTracked(db, saltLead, {}, today).map((i) => i.id)).toEqual([overdue, fresh]);
		expect(board.listTracked(db, camhsLead, { when: 'overdue' }, today).map((i) => i.id)).toEqual([other]);
		const member = addPerson(db, ['board_member']);
		expect(board.listTracked(db, member, {}, today)).toEqual([]);
		board.setPublished(db, organiser, other, true);
		expect(board.listTracked(db, member, {}, today).map((i) => i.id)).toEqual([other]);
		expect(() => board.listTracked(db, addPerson(db, ['parent_carer']))).toThrow(ForbiddenError);
	});

	it('says of each item whether its follow-up page opens for this person, as that page decides', () => {
		const { db, organiser, saltLead, camhsLead, salt, camhs } = setUp();
		const aboutSalt = board.createItem(db, organiser, item({ serviceIds: [salt] }));
		const aboutCamhs = board.createItem(db, organiser, item({ serviceIds: [camhs] }));
		const aboutNone = board.createItem(db, organiser, item());
		for (const id of [aboutSalt, aboutCamhs, aboutNone]) board.setPublished(db, organiser, id, true);
		const member = addPerson(db, ['board_member']);
		const opens = (actor: typeof organiser) =>
			Object.fromEntries(board.listTracked(db, actor).map((i) => [i.id, { respond: i.mayRespond, manage: i.mayManage }]));
		expect(opens(organiser)).toEqual({
			[aboutSalt]: { respond: true, manage: true },
			[aboutCamhs]: { respond: true, manage: true },
			[aboutNone]: { respond: true, manage: true }
		});
		// a lead sees the published items of other services too, but follows up only their own
		expect(opens(saltLead)).toEqual({
			[aboutSalt]: { respond: true, manage: false },
			[aboutCamhs]: { respond: false, manage: false },
			[aboutNone]: { respond: false, manage: false }
		});
		// a board member follows every published item but opens none of their follow-up pages
		expect(Object.values(opens(member)).every((o) => !o.respond && !o.manage)).toBe(true);
		// and the follow-up page agrees, item by item and person by person
		for (const actor of [organiser, saltLead, camhsLead, member]) {
			for (const i of board.listTracked(db, actor)) {
				if (i.mayRespond || i.mayManage) expect(board.itemToFollowUp(db, actor, i.id).id).toBe(i.id);
				else expect(() => board.itemToFollowUp(db, actor, i.id)).toThrow(ForbiddenError);
			}
		}
	});
});

describe('the new item form', () => {
	it('offers an organiser the live services, the surveys answered (none yet) and the "reply within" weeks, and refuses everyone else', () => {
		const { db, admin, organiser, saltLead } = setUp();
		settings.update(db, admin, { replyWithinWeeks: 6 });
		expect(board.newItemChoices(db, organiser)).toEqual({ services: [expect.objectContaining({ name: 'CAMHS' }), expect.objectContaining({ name: 'SALT' }), expect.objectContaining({ name: 'Short breaks' })], surveys: [], replyWithinWeeks: 6 });
		for (const other of [saltLead, addPerson(db, ['board_member']), addPerson(db, ['parent_carer']), null]) {
			expect(thrown(() => board.newItemChoices(db, other))).toBeInstanceOf(ForbiddenError);
		}
	});
});

describe('the latest answered items (the home page)', () => {
	it('are published items with a "we did", latest activity first, however many unanswered ones are newer', () => {
		const { db, organiser } = setUp();
		const day = (d: number) => new Date(Date.UTC(2026, 9, d, 12));
		const answered = [1, 2, 3, 4].map((d) => {
			const id = board.createItem(db, organiser, item({ youSaid: `Answered ${d}` }), day(d));
			board.setPublished(db, organiser, id, true, day(d));
			board.respond(db, organiser, id, { text: `We did ${d}`, status: 'working_on_it', reason: '', as: 'forum' }, day(d));
			return id;
		});
		for (let d = 5; d < 30; d++) board.setPublished(db, organiser, board.createItem(db, organiser, item({ youSaid: `Unanswered ${d}` }), day(d)), true, day(d));
		board.respond(db, organiser, board.createItem(db, organiser, item({ youSaid: 'Not published' }), day(30)), { text: 'Hidden', status: 'working_on_it', reason: '', as: 'forum' }, day(30));
		const latest = board.latestAnswered(db, 3);
		expect(latest.map((i) => i.id)).toEqual([answered[3], answered[2], answered[1]]);
		expect(latest.map((i) => i.responses.at(-1)!.text)).toEqual(['We did 4', 'We did 3', 'We did 2']);
	});
});

