import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { addDays, londonToInstant } from '$lib/time';
import type { Db } from '../db';
import { auditEntry, user } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';

export type AuditInput = {
	actorId: number | null;
	action: string;
	subjectType: string;
	subjectId: string | number;
	/** What an admin needs to understand the change: ids, counts, before/after. Never a password, token, code or free text. */
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
/** A search that matches more people than this is too wide to be useful: the first ones are used. */
export const AUDIT_PEOPLE_LIMIT = 50;

/**
 * What the audit log is narrowed to. `person`: words from a name or an email (entries where a
 * matching person acted, or that are about them). `from`/`to`: London days "YYYY-MM-DD", both
 * included. The route checks the days; a day that is not valid here is ignored.
 */
export type AuditFilter = { person?: string; action?: string; from?: string; to?: string };

/** The instant a London day starts, or null for something that is not a day. */
function dayStart(day: string | undefined): Date | null {
	return day ? londonToInstant(day, '00:00') : null;
}

/** People whose name or email holds the words (an exact email first), at most AUDIT_PEOPLE_LIMIT. */
function peopleMatching(db: Db, words: string) {
	const text = words.trim().toLowerCase();
	const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db
		.select({ id: user.id, name: user.name, email: user.email })
		.from(user)
		.where(sql`${user.name} like ${like} escape '\\' or ${user.email} like ${like} escape '\\'`)
		.orderBy(sql`${user.email} = ${text} desc`, user.name, user.id)
		.limit(AUDIT_PEOPLE_LIMIT)
		.all();
}

/** The actions present in the log, in order: one index step each, however long the log (audit_entry_action_idx). */
function actionsPresent(db: Db): string[] {
	const rows = db.all<{ action: string }>(sql`
		with recursive present(action) as (
			select min(action) from audit_entry
			union all
			select (select min(action) from audit_entry where action > present.action) from present where present.action is not null
		)
		select action from present where action is not null`);
	return rows.map((r) => r.action);
}

/**
 * One page of the audit log, newest first, narrowed by `filter`, with the names of who acted and
 * of the people entries are about. Also returns the actions present (for the filter's list) and
 * the people the person words matched. Throws ForbiddenError.
 */
export function list(db: Db, actor: Actor, filter: AuditFilter = {}, page = 1) {
	if (!can(actor, 'audit.read')) throw new ForbiddenError();
	const conditions: SQL[] = [];
	const words = filter.person?.trim() ?? '';
	const people = words ? peopleMatching(db, words) : [];
	if (words) {
		const ids = people.map((p) => p.id);
		// nobody matched: nothing to show (an empty IN list would be a syntax error)
		conditions.push(
			ids.length
				? or(inArray(auditEntry.actorId, ids), and(eq(auditEntry.subjectType, 'user'), inArray(auditEntry.subjectId, ids.map(String))))!
				: sql`0`
		);
	}
	if (filter.action) conditions.push(eq(auditEntry.action, filter.action));
	const from = dayStart(filter.from);
	if (from) conditions.push(gte(auditEntry.at, from));
	const end = filter.to ? dayStart(addDays(filter.to, 1)) : null;
	if (end) conditions.push(lt(auditEntry.at, end));
	const where = conditions.length ? and(...conditions) : undefined;

	const total = db.select({ n: count() }).from(auditEntry).where(where).get()?.n ?? 0;
	const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
	const current = Math.min(Math.max(1, page), pageCount);
	const actorUser = alias(user, 'actor_user');
	const rows = db
		.select({
			id: auditEntry.id,
			at: auditEntry.at,
			actorId: auditEntry.actorId,
			action: auditEntry.action,
			subjectType: auditEntry.subjectType,
			subjectId: auditEntry.subjectId,
			details: auditEntry.details,
			actorName: actorUser.name,
			actorEmail: actorUser.email
		})
		.from(auditEntry)
		.leftJoin(actorUser, eq(actorUser.id, auditEntry.actorId))
		.where(where)
		.orderBy(desc(auditEntry.at), desc(auditEntry.id))
		.limit(AUDIT_PAGE_SIZE)
		.offset((current - 1) * AUDIT_PAGE_SIZE)
		.all();
	// the people entries on this page are about, by name
	const subjectIds = [...new Set(rows.filter((r) => r.subjectType === 'user').map((r) => Number(r.subjectId)).filter(Number.isSafeInteger))];
	const names = new Map(
		subjectIds.length
			? db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, subjectIds)).all().map((u) => [String(u.id), u.name] as const)
			: []
	);
	return {
		entries: rows.map((r) => ({
			...r,
			subjectName: r.subjectType === 'user' ? (names.get(r.subjectId) ?? null) : null,
			details: JSON.parse(r.details) as Record<string, unknown>
		})),
		total,
		page: current,
		pageCount,
		actions: actionsPresent(db),
		people: people.map((p) => ({ id: p.id, name: p.name, email: p.email }))
	};
}

/**
 * The newest entries of some actions (for a feature's own summary, such as the grants admins
 * see on the People page), with their details. Not permission-checked: the calling service is.
 * Served by audit_entry_action_idx.
 */
export function entriesOf(db: Db, actions: readonly string[], limit: number) {
	return db
		.select({ at: auditEntry.at, action: auditEntry.action, actorId: auditEntry.actorId, subjectType: auditEntry.subjectType, subjectId: auditEntry.subjectId, details: auditEntry.details })
		.from(auditEntry)
		.where(inArray(auditEntry.action, [...actions]))
		.orderBy(desc(auditEntry.at), desc(auditEntry.id))
		.limit(limit)
		.all()
		.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
