import { count, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db';
import { auditEntry, user } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';

export type AuditInput = {
	actorId: number | null;
	action: string;
	subjectType: string;
	subjectId: string | number;
	details?: Record<string, unknown>;
	at?: Date;
};

/** Writes one audit entry. Call it inside the transaction that makes the change it records. */
export function record(db: Db, entry: AuditInput): void {
	db.insert(auditEntry)
		.values({
			at: entry.at ?? new Date(),
			actorId: entry.actorId,
			action: entry.action,
			subjectType: entry.subjectType,
			subjectId: String(entry.subjectId),
			details: JSON.stringify(entry.details ?? {})
		})
		.run();
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log, newest first, with the names of who acted and on whom. Throws ForbiddenError. */
export function list(db: Db, actor: Actor, page = 1) {
	if (!can(actor, 'audit.read')) throw new ForbiddenError();
	const actorUser = alias(user, 'actor_user');
	const offset = (Math.max(1, page) - 1) * AUDIT_PAGE_SIZE;
	const rows = db
		.select({
			id: auditEntry.id,
			at: auditEntry.at,
			action: auditEntry.action,
			subjectType: auditEntry.subjectType,
			subjectId: auditEntry.subjectId,
			details: auditEntry.details,
			actorName: actorUser.name,
			actorEmail: actorUser.email
		})
		.from(auditEntry)
		.leftJoin(actorUser, eq(actorUser.id, auditEntry.actorId))
		.orderBy(desc(auditEntry.at), desc(auditEntry.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset(offset)
		.all();
	const total = db.select({ n: count() }).from(auditEntry).get()?.n ?? 0;
	return {
		entries: rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
		page: Math.max(1, page),
		pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
	};
}
