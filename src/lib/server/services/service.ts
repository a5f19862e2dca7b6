import { and, asc, eq, gt, inArray, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Sector } from '$lib/sectors';
import { writeTransaction, type Db } from '../db';
import { service, serviceLead, user, userRole } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as accounts from '../accounts';

export type ServiceInput = {
	name: string;
	sector: Sector;
	description: string;
	/** People who lead the service; each must hold the service lead role. */
	leadIds: number[];
};

export type ServiceWithLeads = typeof service.$inferSelect & {
	leads: { id: number; name: string; email: string | null }[];
};

function leadsOf(db: Db, serviceIds: number[]) {
	if (!serviceIds.length) return [];
	return db
		.select({ serviceId: serviceLead.serviceId, id: user.id, name: user.name, email: user.email })
		.from(serviceLead)
		.innerJoin(user, eq(user.id, serviceLead.userId))
		.where(inArray(serviceLead.serviceId, serviceIds))
		.orderBy(asc(user.name))
		.all();
}

/** The area's services by sector and name, with their leads; archived ones only if asked. */
export function list(db: Db, options: { includeArchived?: boolean } = {}): ServiceWithLeads[] {
	const rows = db
		.select()
		.from(service)
		.where(options.includeArchived ? undefined : isNull(service.archivedAt))
		.orderBy(asc(service.sector), asc(service.name))
		.all();
	const leads = leadsOf(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => ({
		...r,
		leads: leads.filter((l) => l.serviceId === r.id).map(({ id, name, email }) => ({ id, name, email }))
	}));
}

/** The people an admin may choose as a service's leads (those with the service lead role). Throws ForbiddenError. */
export function leadChoices(db: Db, actor: Actor): { id: number; name: string; email: string }[] {
	if (!can(actor, 'services.manage')) throw new ForbiddenError();
	return accounts.listPeopleWithRole(db, actor, 'service_lead');
}

/** Every service, live and archived, for the admins' services page. Throws ForbiddenError. */
export function forManaging(db: Db, actor: Actor): { active: ServiceWithLeads[]; archived: ServiceWithLeads[] } {
	if (!can(actor, 'services.manage')) throw new ForbiddenError();
	const all = list(db, { includeArchived: true });
	return { active: all.filter((s) => !s.archivedAt), archived: all.filter((s) => s.archivedAt) };
}

/** One service with its leads. Throws NotFoundError. */
export function get(db: Db, id: number): ServiceWithLeads {
	const row = db.select().from(service).where(eq(service.id, id)).get();
	if (!row) throw new NotFoundError('service_not_found');
	return { ...row, leads: leadsOf(db, [id]).map(({ id, name, email }) => ({ id, name, email })) };
}

/**
 * The people who lead any of `serviceIds` and can be emailed (an address, not turned off), by id:
 * the ids above `after`, in order, at most `limit`. Read a page at a time by the outbox.
 */
export function leadsToEmail(db: Db, serviceIds: readonly number[], after: number, limit: number): number[] {
	if (serviceIds.length === 0) return [];
	return db
		.selectDistinct({ id: user.id })
		.from(serviceLead)
		.innerJoin(user, eq(user.id, serviceLead.userId))
		.where(and(inArray(serviceLead.serviceId, [...serviceIds]), isNull(user.disabledAt), isNotNull(user.email), gt(user.id, after)))
		.orderBy(asc(user.id))
		.limit(limit)
		.all()
		.map((r) => r.id);
}

/** Ids of the services a person leads (for permission checks in other features). */
export function ledBy(db: Db, userId: number): number[] {
	return db
		.select({ id: serviceLead.serviceId })
		.from(serviceLead)
		.where(eq(serviceLead.userId, userId))
		.all()
		.map((r) => r.id);
}

function checkInput(db: Db, input: ServiceInput, exceptId?: number) {
	const name = input.name.trim();
	const clash = db
		.select({ id: service.id })
		.from(service)
		.where(and(eq(service.name, name), exceptId ? ne(service.id, exceptId) : undefined))
		.get();
	if (clash) throw new ConflictError('service_name_taken');
	const leadIds = [...new Set(input.leadIds)];
	if (leadIds.length) {
		const leads = db
			.select({ id: userRole.userId })
			.from(userRole)
			.where(and(inArray(userRole.userId, leadIds), eq(userRole.role, 'service_lead')))
			.all();
		if (leads.length !== leadIds.length) throw new ValidationError('lead_not_service_lead');
	}
	return { name, leadIds };
}

function setLeads(db: Db, serviceId: number, leadIds: number[]) {
	db.delete(serviceLead).where(eq(serviceLead.serviceId, serviceId)).run();
	if (leadIds.length) db.insert(serviceLead).values(leadIds.map((userId) => ({ serviceId, userId }))).run();
}

/** Adds a service. Returns its id. Throws ForbiddenError, ConflictError('service_name_taken'), ValidationError. */
export function create(db: Db, actor: Actor, input: ServiceInput, now = new Date()): number {
	if (!can(actor, 'services.manage')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const { name, leadIds } = checkInput(tx, input);
		const id = tx
			.insert(service)
			.values({ name, sector: input.sector, description: input.description.trim(), createdAt: now, updatedAt: now })
			.returning({ id: service.id })
			.get().id;
		setLeads(tx, id, leadIds);
		audit.record(tx, {
			actorId: actor!.id,
			action: 'service.created',
			subjectType: 'service',
			subjectId: id,
			details: { name, sector: input.sector, leadIds },
			at: now
		});
		return id;
	});
}

/** Changes a service's details and leads. Throws ForbiddenError, NotFoundError, ConflictError, ValidationError. */
export function update(db: Db, actor: Actor, id: number, input: ServiceInput, now = new Date()): void {
	if (!can(actor, 'services.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const before = get(tx, id);
		const { name, leadIds } = checkInput(tx, input, id);
		tx.update(service)
			.set({ name, sector: input.sector, description: input.description.trim(), updatedAt: now })
			.where(eq(service.id, id))
			.run();
		setLeads(tx, id, leadIds);
		audit.record(tx, {
			actorId: actor!.id,
			action: 'service.updated',
			subjectType: 'service',
			subjectId: id,
			details: {
				before: { name: before.name, sector: before.sector, leadIds: before.leads.map((l) => l.id) },
				after: { name, sector: input.sector, leadIds }
			},
			at: now
		});
	});
}

/** Archives a service (kept for history, no longer offered) or brings it back. Throws ForbiddenError, NotFoundError. */
export function setArchived(db: Db, actor: Actor, id: number, archived: boolean, now = new Date()): void {
	if (!can(actor, 'services.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const before = get(tx, id);
		if (Boolean(before.archivedAt) === archived) return;
		tx.update(service)
			.set({ archivedAt: archived ? now : null, updatedAt: now })
			.where(eq(service.id, id))
			.run();
		audit.record(tx, {
			actorId: actor!.id,
			action: archived ? 'service.archived' : 'service.restored',
			subjectType: 'service',
			subjectId: id,
			at: now
		});
	});
}
