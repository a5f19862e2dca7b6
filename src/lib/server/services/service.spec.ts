import { describe, expect, it } from 'vitest';
import { auditEntry } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { addPerson, testDb, thrown } from '../testing';
import * as services from './service';

describe('services', () => {
	it('lets an admin add a service with leads, and lists it by sector and name', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const lead = addPerson(db, ['service_lead'], { name: 'Sam' });
		const salt = services.create(db, admin, { name: ' Speech and language therapy ', sector: 'health', description: 'Talking', leadIds: [lead.id] });
		services.create(db, admin, { name: 'Short breaks', sector: 'social_care', description: '', leadIds: [] });
		services.create(db, admin, { name: 'EHC plans team', sector: 'education', description: '', leadIds: [] });
		expect(services.list(db).map((s) => s.name)).toEqual(['EHC plans team', 'Speech and language therapy', 'Short breaks']);
		expect(services.get(db, salt).leads.map((l) => l.name)).toEqual(['Sam']);
		expect(services.ledBy(db, lead.id)).toEqual([salt]);
		expect(db.select().from(auditEntry).all().map((e) => e.action)).toEqual(['service.created', 'service.created', 'service.created']);
	});

	it('refuses duplicate names, leads without the service lead role, and anyone but an admin', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const parent = addPerson(db, ['parent_carer']);
		services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] });
		expect(() => services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] })).toThrow(ConflictError);
		expect(() => services.create(db, admin, { name: 'Other', sector: 'health', description: '', leadIds: [parent.id] })).toThrow(ValidationError);
		for (const who of [parent, addPerson(db, ['organiser']), addPerson(db, ['service_lead']), null]) {
			expect(() => services.create(db, who, { name: 'X', sector: 'health', description: '', leadIds: [] })).toThrow(ForbiddenError);
		}
		expect(services.list(db)).toHaveLength(1);
	});

	it('changes a service and its leads, recording before and after', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const lead = addPerson(db, ['service_lead']);
		const id = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [] });
		services.update(db, admin, id, { name: 'Speech therapy', sector: 'education', description: 'New', leadIds: [lead.id] });
		expect(services.get(db, id)).toMatchObject({ name: 'Speech therapy', sector: 'education', description: 'New' });
		const details = JSON.parse(db.select().from(auditEntry).all()[1].details);
		expect(details.before).toEqual({ name: 'SALT', sector: 'health', leadIds: [] });
		expect(details.after).toEqual({ name: 'Speech therapy', sector: 'education', leadIds: [lead.id] });
		expect(() => services.update(db, admin, 999, { name: 'X', sector: 'health', description: '', leadIds: [] })).toThrow(NotFoundError);
	});

	it('archives a service out of the list without losing it, and restores it', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const id = services.create(db, admin, { name: 'Old', sector: 'health', description: '', leadIds: [] });
		services.setArchived(db, admin, id, true);
		expect(services.list(db)).toHaveLength(0);
		expect(services.list(db, { includeArchived: true })).toHaveLength(1);
		services.setArchived(db, admin, id, false);
		expect(services.list(db)).toHaveLength(1);
	});
});

describe('the admins’ services page', () => {
	it('gives an admin live and archived services apart, and refuses everyone else', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		services.create(db, admin, { name: 'CAMHS', sector: 'health', description: '', leadIds: [] });
		const old = services.create(db, admin, { name: 'Old team', sector: 'education', description: '', leadIds: [] });
		services.setArchived(db, admin, old, true);
		const page = services.forManaging(db, admin);
		expect([page.active.map((s) => s.name), page.archived.map((s) => s.name)]).toEqual([['CAMHS'], ['Old team']]);
		for (const roles of [['organiser'], ['service_lead'], ['parent_carer']] as const) {
			expect(thrown(() => services.forManaging(db, addPerson(db, [...roles])))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => services.forManaging(db, null))).toBeInstanceOf(ForbiddenError);
	});
});

describe('choosing leads', () => {
	it('offers an admin the people with the service lead role, and refuses everyone else', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const lead = addPerson(db, ['service_lead'], { name: 'Sam' });
		addPerson(db, ['parent_carer'], { name: 'Pat' });
		expect(services.leadChoices(db, admin).map((p) => p.id)).toEqual([lead.id]);
		for (const roles of [['organiser'], ['service_lead'], ['parent_carer']] as const) {
			expect(thrown(() => services.leadChoices(db, addPerson(db, [...roles])))).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => services.leadChoices(db, null))).toBeInstanceOf(ForbiddenError);
	});
});
