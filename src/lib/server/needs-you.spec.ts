/**
 * "What needs you" (the home page): every feature's counts through the registry, on a real
 * database, for each role. A count is only of what the person may see and act on, and equals what
 * the page it links to shows them.
 */
import { describe, expect, it } from 'vitest';
import * as board from './board';
import { feedbackDetails, itemDetails } from './board/testing';
import * as meetings from './meetings';
import { needsYou } from './registry';
import * as reports from './reports';
import * as safeguarding from './safeguarding';
import * as services from './services';
import * as standards from './standards';
import * as surveys from './surveys';
import { addPerson, surveyDetails, testDb } from './testing';

const NOW = new Date('2026-11-20T12:00:00Z'); // today is 2026-11-20; the last whole quarter July to September
const LAST_QUARTER = { start: '2026-07-01', end: '2026-09-30' };

function setUp() {
	const db = testDb();
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const saltLead = addPerson(db, ['service_lead']);
	const breaksLead = addPerson(db, ['service_lead']);
	const member = addPerson(db, ['board_member']);
	const sgLead = addPerson(db, ['safeguarding_lead']);
	const parent = addPerson(db, ['parent_carer'], { name: 'Pat Parent' });
	const salt = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [saltLead.id] });
	const breaks = services.create(db, admin, { name: 'Short breaks', sector: 'social_care', description: '', leadIds: [breaksLead.id] });
	return { db, admin, organiser, saltLead, breaksLead, member, sgLead, parent, salt, breaks };
}

type SetUp = ReturnType<typeof setUp>;

/** Items whose first answer is due 8 weeks after they were heard (the default "reply within"). */
function addItems({ db, organiser, saltLead, salt, breaks }: SetUp) {
	const make = (serviceIds: number[], heardOn: string) => board.createItem(db, organiser, itemDetails({ serviceIds, heardOn }), NOW);
	const saltLate = make([salt], '2026-09-01'); // due 2026-10-27: overdue
	make([salt], '2026-09-29'); // due 2026-11-24: due within 7 days
	make([salt], '2026-10-20'); // due 2026-12-15: neither
	make([breaks], '2026-09-01'); // overdue, Short breaks'
	make([], '2026-09-01'); // overdue, about no service
	const answered = make([salt], '2026-08-01'); // would be overdue, but answered
	board.respond(db, saltLead, answered, { text: 'We called every family back.', status: 'done', reason: '', as: salt }, NOW);
	return { saltLate };
}

const byId = (needs: ReturnType<typeof needsYou>) => Object.fromEntries(needs.map((n) => [n.id, n.count]));

describe('what needs you: answers on the board', () => {
	it('counts overdue and due-soon answers for the services a lead leads, and every item for organisers', () => {
		const s = setUp();
		addItems(s);
		expect(byId(needsYou(s.db, s.organiser, NOW))).toMatchObject({ 'board.overdue': 3, 'board.due_soon': 1 });
		expect(byId(needsYou(s.db, s.saltLead, NOW))).toEqual({ 'board.overdue': 1, 'board.due_soon': 1 });
		// the other lead counts their own overdue item only, however public SALT's is
		for (const id of board.listTracked(s.db, s.organiser).map((i) => i.id)) board.setPublished(s.db, s.organiser, id, true, NOW);
		expect(byId(needsYou(s.db, s.breaksLead, NOW))).toEqual({ 'board.overdue': 1 });
		// a board member follows items up but answers none
		expect(byId(needsYou(s.db, s.member, NOW))['board.overdue']).toBeUndefined();
	});

	it('links each count to the follow-up list that shows exactly those items', () => {
		const s = setUp();
		addItems(s);
		for (const person of [s.organiser, s.saltLead, s.breaksLead]) {
			for (const need of needsYou(s.db, person, NOW).filter((n) => n.id.startsWith('board.') && n.id !== 'board.feedback_waiting')) {
				const url = new URL(need.href, 'https://chorus.test');
				expect(url.pathname).toBe('/manage/board');
				const when = url.searchParams.get('show') === 'overdue' ? 'overdue' : 'due_soon';
				const shown = board.listTracked(s.db, person, { when, yours: url.searchParams.has('yours') }, '2026-11-20');
				expect(shown, need.id).toHaveLength(need.count);
				expect(shown.every((i) => i.mayRespond)).toBe(true);
			}
		}
		expect(needsYou(s.db, s.saltLead, NOW).find((n) => n.id === 'board.overdue')).toMatchObject({ text: '1 answer is overdue', href: '/manage/board?show=overdue&yours' });
		expect(needsYou(s.db, s.organiser, NOW).find((n) => n.id === 'board.overdue')).toMatchObject({ text: '3 answers are overdue', href: '/manage/board?show=overdue' });
	});

	it('counts feedback waiting in the queue for organisers only', () => {
		const s = setUp();
		board.send(s.db, feedbackDetails(), '192.0.2.1', NOW);
		board.send(s.db, feedbackDetails(), '192.0.2.2', NOW);
		expect(needsYou(s.db, s.organiser, NOW).find((n) => n.id === 'board.feedback_waiting')).toMatchObject({
			count: 2,
			text: '2 pieces of feedback are waiting for you',
			href: '/manage/feedback'
		});
		for (const other of [s.saltLead, s.member, s.sgLead, s.parent]) expect(byId(needsYou(s.db, other, NOW))['board.feedback_waiting']).toBeUndefined();
	});
});

describe('what needs you: safeguarding flags', () => {
	it('counts flags waiting and overdue for safeguarding leads only, never with their words', () => {
		const s = setUp();
		const words = 'Something at the club frightened my daughter.';
		safeguarding.tell(s.db, s.parent, words, new Date('2026-11-02T10:00:00Z')); // overdue by now
		safeguarding.tell(s.db, s.parent, words, NOW);
		safeguarding.tell(s.db, s.parent, words, NOW);
		const needs = needsYou(s.db, s.sgLead, NOW);
		expect(needs).toEqual([
			{ id: 'safeguarding.overdue', count: 1, text: '1 flag is overdue for review', href: '/safeguarding', urgency: 'overdue' },
			{ id: 'safeguarding.waiting', count: 2, text: '2 flags are waiting for review', href: '/safeguarding', urgency: 'waiting' }
		]);
		expect(JSON.stringify(needs)).not.toContain('frightened');
		// admins and organisers do not see flags, so their home page does not count them
		for (const other of [s.admin, s.organiser, s.parent]) expect(needsYou(s.db, other, NOW).some((n) => n.id.startsWith('safeguarding.'))).toBe(false);
	});
});

describe('what needs you: reports, figures, actions and surveys', () => {
	it('counts the draft reports a board member has not commented on yet', () => {
		const s = setUp();
		const first = reports.createDraft(s.db, s.organiser, { title: 'Autumn report', period: LAST_QUARTER, scope: 'area' }, NOW);
		reports.createDraft(s.db, s.organiser, { title: 'Short breaks report', period: LAST_QUARTER, scope: 'service', serviceId: s.breaks }, NOW);
		expect(byId(needsYou(s.db, s.member, NOW))['reports.to_comment']).toBe(2);
		reports.comment(s.db, s.member, first, 'Please add last year for comparison.', NOW);
		expect(needsYou(s.db, s.member, NOW).find((n) => n.id === 'reports.to_comment')).toMatchObject({ count: 1, href: '/manage/reports' });
		// another member's comment is not theirs; organisers write the drafts, so they are not asked
		expect(byId(needsYou(s.db, addPerson(s.db, ['board_member']), NOW))['reports.to_comment']).toBe(2);
		expect(byId(needsYou(s.db, s.organiser, NOW))['reports.to_comment']).toBeUndefined();
	});

	it('counts the standards a lead enters figures for that have none for the last quarter', () => {
		const s = setUp();
		const input = { measureKind: 'operational' as const, unit: 'percent' as const, direction: 'higher_better' as const, target: 80, amberFrom: 60 };
		const seen = standards.create(s.db, s.organiser, { ...input, serviceId: s.salt, statement: 'Seen within 12 weeks', measure: 'Share seen' });
		standards.create(s.db, s.organiser, { ...input, serviceId: s.salt, statement: 'Plans within 20 weeks', measure: 'Share issued' });
		const booked = standards.create(s.db, s.organiser, { ...input, serviceId: s.breaks, statement: 'Booked within 2 weeks', measure: 'Share booked' });
		standards.enterFigure(s.db, s.saltLead, seen, { period: LAST_QUARTER, value: 70, note: '' }, NOW);
		standards.enterFigure(s.db, s.breaksLead, booked, { period: LAST_QUARTER, value: 90, note: '' }, NOW);
		expect(needsYou(s.db, s.saltLead, NOW).find((n) => n.id === 'standards.figures_missing')).toMatchObject({
			count: 1,
			text: '1 standard has no figure for July to September 2026 yet',
			href: '/manage/standards/figures'
		});
		expect(byId(needsYou(s.db, s.breaksLead, NOW))['standards.figures_missing']).toBeUndefined();
		// the same count as the page it links to marks "not entered yet"
		expect(standards.figuresToEnter(s.db, s.saltLead, NOW).missing).toHaveLength(1);
		expect(byId(needsYou(s.db, s.member, NOW))['standards.figures_missing']).toBeUndefined();
	});

	it('counts the actions a person owns that are overdue, from published minutes, for anyone', () => {
		const s = setUp();
		const start = (title: string, day: string) =>
			meetings.create(s.db, s.organiser, { title, startsAt: new Date(`${day}T18:00:00Z`), endsAt: new Date(`${day}T20:00:00Z`), place: 'Town Hall', onlineLink: '', access: [], accessNotes: '', audience: 'open_to_all' }, NOW);
		const action = (itemId: number, ownerUserId: number | null, dueOn: string) =>
			meetings.addAction(s.db, s.organiser, itemId, { what: 'Write to the schools', ownerUserId, ownerServiceId: null, ownerName: ownerUserId ? '' : 'The chair', dueOn, status: 'open', droppedReason: '' }, NOW);
		const published = start('October forum', '2026-10-01');
		const publishedItem = meetings.addItem(s.db, s.organiser, published, { title: 'Transport', lead: 'Chair', minutesAllotted: 10, kind: 'discussion' }, NOW);
		action(publishedItem, s.parent.id, '2026-11-01'); // overdue
		action(publishedItem, s.parent.id, '2026-12-01'); // not yet due
		action(publishedItem, null, '2026-11-01'); // someone else's
		for (const state of ['agenda_published', 'minutes_drafted', 'minutes_published'] as const) meetings.setState(s.db, s.organiser, published, state, NOW);
		const drafted = start('November forum', '2026-11-05');
		const draftedItem = meetings.addItem(s.db, s.organiser, drafted, { title: 'Short breaks', lead: 'Chair', minutesAllotted: 10, kind: 'discussion' }, NOW);
		action(draftedItem, s.parent.id, '2026-11-10'); // minutes not published yet: not counted
		expect(needsYou(s.db, s.parent, NOW)).toEqual([
			{ id: 'meetings.actions_overdue', count: 1, text: '1 action you own is overdue', href: '/meetings/actions?owner=Pat%20Parent', urgency: 'overdue' }
		]);
		// the public tracker, filtered by that owner, shows that action as overdue
		expect(meetings.openActions(s.db, '2026-11-20').filter((a) => a.ownerLabel === 'Pat Parent' && a.overdue)).toHaveLength(1);
		expect(byId(needsYou(s.db, s.organiser, NOW))['meetings.actions_overdue']).toBeUndefined();
	});

	it('counts the open surveys that close within 7 days for organisers', () => {
		const s = setUp();
		const publish = (closesOn: string, opensOn = '2026-11-01') => {
			const id = surveys.create(s.db, s.organiser, surveyDetails({ title: `Closes ${closesOn}`, opensOn, closesOn }), NOW);
			surveys.addQuestion(s.db, s.organiser, id, 'yes_no', 'Is it good?');
			surveys.publish(s.db, s.organiser, id, NOW);
			return id;
		};
		publish('2026-11-20'); // closes at the end of today
		publish('2026-11-27');
		publish('2026-11-28'); // 8 days away
		publish('2026-11-25', '2026-11-21'); // not open yet
		surveys.close(s.db, s.organiser, publish('2026-11-24'), NOW); // closed early
		surveys.create(s.db, s.organiser, surveyDetails({ title: 'Still a draft', closesOn: '2026-11-24' }), NOW);
		expect(needsYou(s.db, s.organiser, NOW).find((n) => n.id === 'surveys.closing_soon')).toMatchObject({ count: 2, text: '2 surveys close in the next 7 days', urgency: 'due_soon' });
		expect(byId(needsYou(s.db, s.saltLead, NOW))['surveys.closing_soon']).toBeUndefined();
	});
});

describe('what needs you: for each person', () => {
	it('puts what is overdue first, then what is due soon, then what waits', () => {
		const s = setUp();
		addItems(s);
		board.send(s.db, feedbackDetails(), '192.0.2.1', NOW);
		const urgencies = needsYou(s.db, s.organiser, NOW).map((n) => n.urgency);
		expect(urgencies).toEqual(['overdue', 'due_soon', 'waiting']);
	});

	it('gives a parent carer, a young person and a visitor none of the staff counts', () => {
		const s = setUp();
		addItems(s);
		board.send(s.db, feedbackDetails(), '192.0.2.1', NOW);
		safeguarding.tell(s.db, s.parent, 'I am worried about my son.', NOW);
		reports.createDraft(s.db, s.organiser, { title: 'Autumn report', period: LAST_QUARTER, scope: 'area' }, NOW);
		expect(needsYou(s.db, s.parent, NOW)).toEqual([]);
		expect(needsYou(s.db, addPerson(s.db, ['young_person']), NOW)).toEqual([]);
		expect(needsYou(s.db, addPerson(s.db, ['supporter']), NOW)).toEqual([]);
		expect(needsYou(s.db, null, NOW)).toEqual([]);
		// and nothing waiting is left out, not shown as 0
		expect(needsYou(s.db, s.member, NOW).every((n) => n.count > 0)).toBe(true);
	});
});
