import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../errors';
import * as services from '../services';
import { addPerson, testDb, thrown } from '../testing';
import * as standards from './service';

/** The staff pages' reads decide who may read them here, not in the routes. */
describe("standards' reads for the staff pages", () => {
	function setUp() {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const organiser = addPerson(db, ['organiser']);
		const lead = addPerson(db, ['service_lead']);
		const salt = services.create(db, admin, { name: 'Speech and language therapy', sector: 'health', description: '', leadIds: [lead.id] });
		const breaks = services.create(db, admin, { name: 'Short breaks', sector: 'social_care', description: '', leadIds: [] });
		const input = { measureKind: 'operational' as const, unit: 'percent' as const, direction: 'higher_better' as const, target: 80, amberFrom: 60 };
		const mine = standards.create(db, organiser, { ...input, serviceId: salt, statement: 'Seen within 12 weeks', measure: 'Share seen' });
		const theirs = standards.create(db, organiser, { ...input, serviceId: breaks, statement: 'Booked within 2 weeks', measure: 'Share booked' });
		standards.enterFigure(db, organiser, mine, { period: { start: '2026-04-01', end: '2026-06-30' }, value: 70, note: '' });
		return { db, organiser, lead, mine, theirs, board: addPerson(db, ['board_member']), parent: addPerson(db, ['parent_carer']), youngPerson: addPerson(db, ['young_person']) };
	}

	it('lists and opens standards for staff and board members, and refuses parents, young people and visitors', () => {
		const { db, organiser, lead, board, parent, youngPerson, mine } = setUp();
		for (const reader of [organiser, lead, board]) {
			expect(standards.listFor(db, reader).map((s) => s.statement)).toEqual(['Booked within 2 weeks', 'Seen within 12 weeks']);
			expect(standards.getFor(db, reader, mine).statement).toBe('Seen within 12 weeks');
		}
		for (const other of [parent, youngPerson, null]) {
			expect(thrown(() => standards.listFor(db, other))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => standards.getFor(db, other, mine))).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => standards.figuresToEnter(db, other))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => standards.getFor(db, organiser, 9999))).toBeInstanceOf(NotFoundError);
	});

	it('gives each person the standards whose figures they enter, with their figures: a lead only their own service', () => {
		const { db, organiser, lead, board, mine, theirs } = setUp();
		expect(standards.figuresToEnter(db, organiser).list.map((s) => s.id).sort()).toEqual([mine, theirs].sort());
		const forLead = standards.figuresToEnter(db, lead);
		expect(forLead.list.map((s) => s.id)).toEqual([mine]);
		expect(forLead.figures.map((f) => [f.standardId, f.value])).toEqual([[mine, 70]]);
		expect(standards.figuresToEnter(db, board)).toMatchObject({ list: [], figures: [], missing: [] });
	});

	it('offers the new standard form (with the live services) to organisers only', () => {
		const { db, organiser, lead, board, parent } = setUp();
		expect(standards.newStandardChoices(db, organiser).services.map((s) => s.name)).toEqual(['Speech and language therapy', 'Short breaks']);
		for (const other of [lead, board, parent, null]) expect(thrown(() => standards.newStandardChoices(db, other))).toBeInstanceOf(ForbiddenError);
	});
});
