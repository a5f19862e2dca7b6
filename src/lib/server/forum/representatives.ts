/**
 * Who represents the forum on which board or group (issue 18, point 2): organisers keep the list;
 * the public page shows current representatives by group and role, with their name only when they
 * agreed to it ("a forum member" otherwise).
 */
import { and, asc, eq, gte, isNotNull, isNull, lt, lte, or } from 'drizzle-orm';
import { londonDate, addDays } from '$lib/time';
import { REPRESENTATIVE_KEEP_DAYS } from '$lib/features/forum/model';
import * as audit from '../audit';
import { writeTransaction, type Db } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { user } from '../db/schema';
import { can, type Actor } from '../permissions';
import { forumMember, forumRepresentative } from './schema';

export type RepresentativeInput = { name: string; userId: number | null; role: string; body: string; startsOn: string; endsOn: string | null; namePublic: boolean };
export type Representative = typeof forumRepresentative.$inferSelect;
/** A current representative as the public sees them: `name` is null when it may not be shown. */
export type PublicRepresentative = { body: string; role: string; name: string | null; startsOn: string; endsOn: string | null };

const current = (today: string) =>
	and(lte(forumRepresentative.startsOn, today), or(isNull(forumRepresentative.endsOn), gte(forumRepresentative.endsOn, today)));

/** Current representatives, by group then role, names only with consent. Anyone may read them. */
export function publicRepresentatives(db: Db, actor: Actor, now = new Date()): PublicRepresentative[] {
	if (!can(actor, 'forum.readRepresentatives')) throw new ForbiddenError();
	return db
		.select()
		.from(forumRepresentative)
		.where(current(londonDate(now)))
		.orderBy(asc(forumRepresentative.body), asc(forumRepresentative.role), asc(forumRepresentative.id))
		.all()
		.map((r) => ({ body: r.body, role: r.role, name: r.namePublic ? r.name : null, startsOn: r.startsOn, endsOn: r.endsOn }));
}

/** Every representative record (current, future and past still kept), for organisers. */
export function listRepresentatives(db: Db, actor: Actor): Representative[] {
	if (!can(actor, 'forum.manageRepresentatives')) throw new ForbiddenError();
	return db.select().from(forumRepresentative).orderBy(asc(forumRepresentative.body), asc(forumRepresentative.startsOn), asc(forumRepresentative.id)).all();
}

/** The members with an account a representative may be linked to (their names), for organisers. */
export function linkableMembers(db: Db, actor: Actor): { id: number; name: string }[] {
	if (!can(actor, 'forum.manageRepresentatives')) throw new ForbiddenError();
	return db
		.select({ id: user.id, name: user.name })
		.from(forumMember)
		.innerJoin(user, eq(user.id, forumMember.userId))
		.where(isNotNull(forumMember.confirmedAt))
		.orderBy(asc(user.name))
		.all();
}

/** One representative's record, for organisers. Throws NotFoundError. */
export function getRepresentative(db: Db, actor: Actor, id: number): Representative {
	if (!can(actor, 'forum.manageRepresentatives')) throw new ForbiddenError();
	const row = db.select().from(forumRepresentative).where(eq(forumRepresentative.id, id)).get();
	if (!row) throw new NotFoundError('not_found');
	return row;
}

/** A link to an account must be to a member's (or stay as it was). */
function checkLink(tx: Db, input: RepresentativeInput, before: number | null = null): void {
	if (input.userId === null || input.userId === before) return;
	const member = tx.select({ id: forumMember.id }).from(forumMember).where(and(eq(forumMember.userId, input.userId), isNotNull(forumMember.confirmedAt))).get();
	if (!member) throw new ValidationError('not_a_member');
}

/** Records a representative. Returns its id. Throws ValidationError('not_a_member') for a link to an account that is not a member's. */
export function addRepresentative(db: Db, actor: Actor, input: RepresentativeInput, now = new Date()): number {
	if (!actor || !can(actor, 'forum.manageRepresentatives')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		checkLink(tx, input);
		const row = tx.insert(forumRepresentative).values({ ...input, createdAt: now }).returning().get();
		audit.record(tx, { actorId: actor.id, action: 'forum.representative_added', subjectType: 'forum_representative', subjectId: row.id, details: {}, at: now });
		return row.id;
	});
}

/** Changes a representative's record. Throws NotFoundError when there is none. */
export function updateRepresentative(db: Db, actor: Actor, id: number, input: RepresentativeInput, now = new Date()): void {
	if (!actor || !can(actor, 'forum.manageRepresentatives')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const before = tx.select().from(forumRepresentative).where(eq(forumRepresentative.id, id)).get();
		if (!before) throw new NotFoundError('not_found');
		checkLink(tx, input, before.userId);
		tx.update(forumRepresentative).set(input).where(eq(forumRepresentative.id, id)).run();
		audit.record(tx, { actorId: actor.id, action: 'forum.representative_changed', subjectType: 'forum_representative', subjectId: id, details: {}, at: now });
	});
}

/** Removes a representative's record (entered by mistake). Throws NotFoundError when there is none. */
export function removeRepresentative(db: Db, actor: Actor, id: number, now = new Date()): void {
	if (!actor || !can(actor, 'forum.manageRepresentatives')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const removed = tx.delete(forumRepresentative).where(eq(forumRepresentative.id, id)).run().changes;
		if (removed === 0) throw new NotFoundError('not_found');
		audit.record(tx, { actorId: actor.id, action: 'forum.representative_removed', subjectType: 'forum_representative', subjectId: id, details: {}, at: now });
	});
}

/** Deletes representatives' records whose term ended more than REPRESENTATIVE_KEEP_DAYS ago. Returns how many went. */
export function forgetEndedRepresentatives(tx: Db, now: Date): number {
	const before = addDays(londonDate(now), -REPRESENTATIVE_KEEP_DAYS);
	return tx.delete(forumRepresentative).where(and(isNotNull(forumRepresentative.endsOn), lt(forumRepresentative.endsOn, before))).run().changes;
}
