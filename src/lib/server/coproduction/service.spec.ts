import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { partnershipYear } from '$lib/time';
import { auditEntry, coproductionEntry } from '../db/schema';
import { addPerson, testDb, thrown } from '../testing';
import type { Db } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import * as services from '../services';
import * as board from '../board';
import * as meetings from '../meetings';
import { seedDemo } from '../seed';
import * as coproduction from '.';
import type { EntryInput } from '.';

const NOW = new Date('2026-06-15T12:00:00Z');

function area(db: Db) {
	const admin = addPerson(db, ['admin']);
	const organiser = addPerson(db, ['organiser']);
	const lead = addPerson(db, ['service_lead']);
	const salt = services.create(db, admin, { name: 'Speech and language therapy', sector: 'health', description: '', leadIds: [lead.id] }, NOW);
	const camhs = services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] }, NOW);
	return { admin, organiser, lead, salt, camhs };
}

const entry = (over: Partial<EntryInput> = {}): EntryInput => ({
	title: 'Short breaks summer programme',
	body: 'forum',
	bodyServiceId: null,
	bodyName: '',
	decidedOn: '2026-05-20',
	level: 'consult',
	parentCarers: 12,
	youngPeople: 3,
	forumReps: 2,
	serviceIds: [],
	changed: 'Two more Saturday clubs.',
	agendaItemId: null,
	surveyId: null,
	boardItemId: null,
	standardId: null,
	...over
});

const audits = (db: Db, action: string) => db.select().from(auditEntry).where(eq(auditEntry.action, action)).all();

describe('recording co-production', () => {
	it('records an entry with its services, audits it without its words, and shows it publicly with counts only', () => {
		const db = testDb();
		const { organiser, salt } = area(db);
		const id = coproduction.create(db, organiser, entry({ body: 'service', bodyServiceId: salt, serviceIds: [salt], level: 'co_design' }), NOW);
		const [log] = audits(db, 'coproduction.created');
		expect(log.subjectId).toBe(String(id));
		expect(log.details).not.toContain('Saturday');
		const list = coproduction.listPublic(db, { serviceId: salt, level: null, year: null, page: 1 }, NOW);
		expect(list.total).toBe(1);
		expect(list.entries[0]).toMatchObject({ title: 'Short breaks summer programme', bodyService: 'Speech and language therapy', level: 'co_design', parentCarers: 12, services: [{ id: salt }] });
		expect(list.figures).toMatchObject({ year: 2026, share: { shared: 1, total: 1 } });
	});

	it('refuses links to things that do not exist, with a clear message on the field, and saves nothing', () => {
		const db = testDb();
		const { organiser } = area(db);
		for (const [field, code, words] of [
			['agendaItemId', 'entry_link_agendaItem', 'There is no such agenda item'],
			['surveyId', 'entry_link_survey', 'There is no such survey'],
			['boardItemId', 'entry_link_boardItem', 'There is no such "you said" item'],
			['standardId', 'entry_link_standard', 'There is no such standard']
		] as const) {
			const e = thrown(() => coproduction.create(db, organiser, entry({ [field]: 999 }), NOW)) as coproduction.EntryProblem;
			expect(e).toBeInstanceOf(coproduction.EntryProblem);
			expect([e.field, e.code]).toEqual([field, code]);
			expect(e.message).toContain(words);
		}
		expect(db.select().from(coproductionEntry).all()).toHaveLength(0);
	});

	it('links an agenda item and a "you said" item that exist, and names them on the public page only where it is public', () => {
		const db = testDb();
		const { organiser, salt } = area(db);
		const meetingId = meetings.create(db, organiser, { title: 'Forum meeting', startsAt: new Date('2026-05-20T17:00:00Z'), endsAt: new Date('2026-05-20T19:00:00Z'), place: 'Library', onlineLink: '', access: [], accessNotes: '', audience: 'open_to_all' }, NOW);
		const itemId = meetings.addItem(db, organiser, meetingId, { title: 'Waiting times', lead: '', minutesAllotted: 20, kind: 'discussion' }, NOW);
		const boardItemId = board.createItem(db, organiser, { youSaid: 'Waiting lists are too long.', easyRead: '', easyReadSymbol: null, voices: 3, source: 'meeting', sourceDetail: '', serviceIds: [salt], topics: [], heardOn: '2026-05-01' }, NOW);
		coproduction.create(db, organiser, entry({ agendaItemId: itemId, boardItemId }), NOW);
		// a draft meeting and an unpublished item: named, not linked, for a visitor
		const [shown] = coproduction.listPublic(db, { serviceId: null, level: null, year: null, page: 1 }, NOW).entries;
		expect(shown.links).toEqual([
			{ kind: 'agendaItem', id: itemId, title: 'Waiting times', context: 'Forum meeting, 2026-05-20', href: null },
			{ kind: 'boardItem', id: boardItemId, title: 'Waiting lists are too long.', context: null, href: null }
		]);
		// staff who manage them get their staff pages
		const [staff] = coproduction.listForStaff(db, organiser).entries;
		expect(staff.links.map((l) => l.href)).toEqual([`/manage/meetings/${meetingId}#item-${itemId}`, `/manage/board/${boardItemId}`]);
	});

	it('explains each wrong field', () => {
		const db = testDb();
		const { organiser } = area(db);
		const problem = (over: Partial<EntryInput>) => {
			const e = thrown(() => coproduction.create(db, organiser, entry(over), NOW)) as coproduction.EntryProblem;
			return [e.field, e.code];
		};
		expect(problem({ title: '  ' })).toEqual(['title', 'entry_title']);
		expect(problem({ body: 'service' })).toEqual(['bodyServiceId', 'entry_body_service']);
		expect(problem({ body: 'other', bodyName: '' })).toEqual(['bodyName', 'entry_body_name']);
		expect(problem({ decidedOn: '2026-02-30' })).toEqual(['decidedOn', 'entry_date']);
		expect(problem({ decidedOn: '2026-06-16' })).toEqual(['decidedOn', 'entry_date_future']);
		expect(problem({ parentCarers: NaN })).toEqual(['parentCarers', 'entry_people']);
		expect(problem({ youngPeople: -1 })).toEqual(['youngPeople', 'entry_people']);
		expect(problem({ serviceIds: [-1] })).toEqual(['serviceIds', 'entry_services']);
		expect(problem({ changed: 'x'.repeat(2001) })).toEqual(['changed', 'entry_changed']);
	});
});

describe('who may record co-production', () => {
	it('refuses families, board members and visitors', () => {
		const db = testDb();
		area(db);
		for (const roles of [['parent_carer'], ['board_member'], ['young_person']] as const) {
			expect(thrown(() => coproduction.create(db, addPerson(db, [...roles]), entry(), NOW))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => coproduction.create(db, null, entry(), NOW))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => coproduction.listForStaff(db, addPerson(db, ['board_member'])))).toBeInstanceOf(ForbiddenError);
	});

	it('lets a service lead record and change entries about their own service only', () => {
		const db = testDb();
		const { organiser, lead, salt, camhs } = area(db);
		const own = coproduction.create(db, lead, entry({ serviceIds: [salt] }), NOW);
		// another service only: refused on the services field, with the reason
		const e = thrown(() => coproduction.create(db, lead, entry({ body: 'service', bodyServiceId: camhs }), NOW)) as coproduction.EntryProblem;
		expect([e.field, e.code]).toEqual(['serviceIds', 'entry_not_your_service']);
		// nor may they take their own service out of their entry
		expect((thrown(() => coproduction.update(db, lead, own, entry({ serviceIds: [camhs] }), NOW)) as coproduction.EntryProblem).code).toBe('entry_not_your_service');
		coproduction.update(db, lead, own, entry({ serviceIds: [salt, camhs], level: 'co_produce' }), NOW);
		// the organiser's entry about another service is not theirs to change or remove
		const theirs = coproduction.create(db, organiser, entry({ serviceIds: [camhs] }), NOW);
		expect(thrown(() => coproduction.getForEditing(db, lead, theirs))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => coproduction.remove(db, lead, theirs, NOW))).toBeInstanceOf(ForbiddenError);
		const staff = coproduction.listForStaff(db, lead).entries;
		expect(staff.map((x) => [x.id, x.mayChange])).toEqual([
			[theirs, false],
			[own, true]
		]);
		expect(coproduction.mayRecordAbout(db, lead, [salt])).toBe(true);
		expect(coproduction.mayRecordAbout(db, lead, [camhs])).toBe(false);
	});

	it('removes an entry, audited, and then it is gone', () => {
		const db = testDb();
		const { organiser } = area(db);
		const id = coproduction.create(db, organiser, entry(), NOW);
		coproduction.remove(db, organiser, id, NOW);
		expect(audits(db, 'coproduction.removed')).toHaveLength(1);
		expect(thrown(() => coproduction.getForEditing(db, organiser, id))).toBeInstanceOf(NotFoundError);
	});
});

describe('co-production figures', () => {
	it('counts by level in a period, for the area or a service, with the year’s edges at 31 March and 1 April', () => {
		const db = testDb();
		const { organiser, salt, camhs } = area(db);
		const later = new Date('2026-12-01T12:00:00Z');
		coproduction.create(db, organiser, entry({ decidedOn: '2026-03-31', level: 'co_design', serviceIds: [salt] }), later);
		coproduction.create(db, organiser, entry({ decidedOn: '2026-04-01', level: 'inform', serviceIds: [salt] }), later);
		coproduction.create(db, organiser, entry({ decidedOn: '2026-04-02', level: 'co_produce', body: 'service', bodyServiceId: camhs }), later);
		const y2025 = coproduction.figuresIn(db, partnershipYear(2025), null);
		expect(y2025.share).toEqual({ shared: 1, total: 1, percent: 100 });
		const y2026 = coproduction.figuresIn(db, partnershipYear(2026), null);
		expect(y2026.counts).toEqual({ inform: 1, consult: 0, engage: 0, co_design: 0, co_produce: 1 });
		expect(y2026.share).toEqual({ shared: 1, total: 2, percent: 50 });
		// a service's entries: those it decided or took part in
		expect(coproduction.figuresIn(db, partnershipYear(2026), [camhs]).share).toEqual({ shared: 1, total: 1, percent: 100 });
		expect(coproduction.figuresIn(db, partnershipYear(2026), [salt]).share).toEqual({ shared: 0, total: 1, percent: 0 });
		// the public list's year filter has the same edges
		const list = (year: number) => coproduction.listPublic(db, { serviceId: null, level: null, year, page: 1 }, later).entries.map((e) => e.decidedOn);
		expect(list(2025)).toEqual(['2026-03-31']);
		expect(list(2026)).toEqual(['2026-04-02', '2026-04-01']);
		expect(coproduction.filtersFrom(new URLSearchParams('year=2025&level=co_design&service=x&page=2'))).toEqual({ serviceId: null, level: 'co_design', year: 2025, page: 2 });
	});
});

describe('the ladder’s words', () => {
	it('lets an admin word the rungs, back to the usual words when both boxes are empty, and refuses half a rung', () => {
		const db = testDb();
		const { admin, organiser } = area(db);
		expect(coproduction.ladder(db).every((r) => r.name === null && r.meaning === null)).toBe(true);
		expect(thrown(() => coproduction.saveLadder(db, organiser, [], NOW))).toBeInstanceOf(ForbiddenError);
		coproduction.saveLadder(db, admin, [{ level: 'engage', name: 'Involve', meaning: 'Families helped shape the choices.' }], NOW);
		expect(coproduction.ladder(db).find((r) => r.level === 'engage')).toEqual({ level: 'engage', name: 'Involve', meaning: 'Families helped shape the choices.' });
		const half = thrown(() => coproduction.saveLadder(db, admin, [{ level: 'inform', name: 'Tell', meaning: '' }], NOW)) as coproduction.LadderProblem;
		expect([half.level, half.field, half.code]).toEqual(['inform', 'meaning', 'ladder_meaning']);
		coproduction.saveLadder(db, admin, [{ level: 'engage', name: '', meaning: '' }], NOW);
		expect(coproduction.ladder(db).find((r) => r.level === 'engage')).toEqual({ level: 'engage', name: null, meaning: null });
		expect(audits(db, 'coproduction.ladder_changed')).toHaveLength(2);
	});
});

describe('recording from an agenda item or a "you said" item', () => {
	it('fills the form in from the item, so saving is the only other step', () => {
		const db = testDb();
		const { organiser, lead, salt } = area(db);
		const meetingId = meetings.create(db, organiser, { title: 'Forum meeting', startsAt: new Date('2026-05-20T17:00:00Z'), endsAt: new Date('2026-05-20T19:00:00Z'), place: 'Library', onlineLink: '', access: [], accessNotes: '', audience: 'open_to_all' }, NOW);
		const itemId = meetings.addItem(db, organiser, meetingId, { title: 'Waiting times', lead: '', minutesAllotted: 20, kind: 'discussion' }, NOW);
		const fromAgenda = coproduction.newEntryChoices(db, organiser, { agendaItem: itemId }, NOW).prefill;
		expect(fromAgenda).toEqual({ title: 'Waiting times', body: 'forum', decidedOn: '2026-05-20', agendaItemId: itemId, serviceIds: [] });
		const boardItemId = board.createItem(db, organiser, { youSaid: 'Waiting lists are too long.', easyRead: '', easyReadSymbol: null, voices: 3, source: 'meeting', sourceDetail: '', serviceIds: [salt], topics: [], heardOn: '2026-05-01' }, NOW);
		const fromBoard = coproduction.newEntryChoices(db, lead, { boardItem: boardItemId }, NOW).prefill;
		expect(fromBoard).toMatchObject({ title: 'Waiting lists are too long.', body: 'service', bodyServiceId: salt, serviceIds: [salt], boardItemId, decidedOn: '2026-06-15' });
		// the lead saves it as it came, with a rung chosen
		const id = coproduction.create(db, lead, entry({ ...fromBoard, level: 'consult' } as EntryInput), NOW);
		expect(coproduction.countFrom(db, { boardItemId }).get(boardItemId)).toBe(1);
		expect(coproduction.viewForStaff(db, lead, id).links.map((l) => l.kind)).toEqual(['boardItem']);
		// an item that does not exist fills nothing in; a lead of one service starts with it chosen
		expect(coproduction.newEntryChoices(db, organiser, { agendaItem: 999 }, NOW).prefill).toEqual({ decidedOn: '2026-06-15' });
		expect(coproduction.newEntryChoices(db, lead, {}, NOW).prefill).toEqual({ decidedOn: '2026-06-15', serviceIds: [salt] });
	});
});

describe('demo co-production', () => {
	it('adds a year of entries across levels and services, some only "inform", some linked, and nothing the second time', async () => {
		const db = testDb();
		const now = new Date();
		await seedDemo(db, now);
		const rows = db.select().from(coproductionEntry).all();
		expect(rows.length).toBeGreaterThanOrEqual(20);
		expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['inform', 'consult', 'engage', 'co_design', 'co_produce']));
		expect(rows.filter((r) => r.level === 'inform').length).toBeGreaterThanOrEqual(3);
		expect(rows.filter((r) => r.agendaItemId !== null).length).toBeGreaterThanOrEqual(5);
		expect(rows.filter((r) => r.boardItemId !== null).length).toBeGreaterThanOrEqual(5);
		expect(rows.some((r) => r.surveyId !== null) && rows.some((r) => r.standardId !== null)).toBe(true);
		expect(coproduction.seedCoproductionDemo(db, now)).toBe(0);
	});
});
