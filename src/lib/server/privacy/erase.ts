/**
 * Erasure on request (UK GDPR right to erasure): an admin erases a person. Their account and
 * everything that is theirs goes; what others need keeps its words but loses the link to them
 * (minutes, "we did" answers, report comments, the audit log, safeguarding flags). Afterwards no
 * row in any table refers to them, and one audit entry records the erasure under a random
 * reference with counts only.
 *
 * Each feature erases the person from its own tables in its `contributes.ts`; this module runs
 * those steps in one transaction, in the registry's erasure order. The features' "My data" kinds
 * say what happens to each column that points at a person (their `personColumns`, which a test
 * checks against the database), and a step carries out the plain decisions, delete and unlink,
 * through `ctx.asDecided`.
 *
 * Left as they are: anonymous survey responses (they hold no link, so they cannot be found),
 * feedback (it holds no account), and totals (survey tallies are brought down by the erased
 * person's named answers, so they stay true).
 */
import { writeTransaction, type Db } from '../db';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import * as audit from '../audit';
import { squash, type EraseContext } from '../contributions';
import { ERASURE_ORDER } from '../registry';
import { PERSON_COLUMNS } from './coverage';
import { isLastAdmin } from '../accounts';
import { isYoungPerson } from '../profiles';

export type Erased = {
	/** The erasure's reference (not the person's id): in the audit log and shown to the admin. */
	reference: string;
	/** Rows deleted, by table. */
	deleted: Record<string, number>;
	/** Rows kept for others with the link to the person removed (or their words blanked), by table. */
	anonymised: Record<string, number>;
};

export { ERASED_TEXT } from '../contributions';

const REFERENCE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random reference like ER-7KQ2M9XD: 40 bits, no letters that look alike. */
export function newReference(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return 'ER-' + [...bytes].map((b) => REFERENCE_LETTERS[b % REFERENCE_LETTERS.length]).join('');
}

/** Whether what the admin typed to confirm is the person's name or email (case and spaces aside). */
export function confirmationMatches(person: { name: string; email: string | null }, typed: string): boolean {
	const t = squash(typed);
	return t !== '' && (t === squash(person.name) || (person.email !== null && t === squash(person.email)));
}

/** Who would be erased: for the confirm page. Throws ForbiddenError (also for oneself), NotFoundError. */
export function whoToErase(db: Db, actor: Actor, userId: number): { id: number; name: string; email: string | null; youngPerson: boolean } {
	if (!can(actor, 'people.erase', { userId })) throw new ForbiddenError();
	const row = db.$client.prepare('select id, name, email from user where id = ?').get(userId) as { id: number; name: string; email: string | null } | undefined;
	if (!row) throw new NotFoundError('person_not_found');
	return { ...row, youngPerson: isYoungPerson(db, userId) };
}

/**
 * Erases a person (admins only; never oneself), in one transaction: deletes their account and
 * what is theirs, unlinks what stays for others, then records one 'person.erased' audit entry
 * under a random reference with the counts. A dangerous step: the admin must have proved who they
 * are in the last 15 minutes. Returns the reference and the counts.
 * Throws ForbiddenError, ConfirmIdentityError, NotFoundError, ConflictError('last_admin').
 */
export function erase(db: Db, actor: Actor, userId: number, now = new Date()): Erased {
	if (!actor || !can(actor, 'people.erase', { userId })) throw new ForbiddenError();
	requireRecentSignIn(actor, now);
	const client = db.$client;
	return writeTransaction(db, (tx) => {
		const person = client.prepare('select id, name, email from user where id = ?').get(userId) as
			| { id: number; name: string; email: string | null }
			| undefined;
		if (!person) throw new NotFoundError('person_not_found');
		if (isLastAdmin(tx, userId)) throw new ConflictError('last_admin', 'This is the only admin: give someone else the admin role first.');

		const reference = newReference();
		const deleted: Record<string, number> = {};
		const anonymised: Record<string, number> = {};
		const add = (into: Record<string, number>, table: string, n: number) => {
			if (n > 0) into[table] = (into[table] ?? 0) + n;
		};
		const run = (sql: string, ...params: unknown[]) => client.prepare(sql).run(...params).changes;
		const all = <T>(sql: string, ...params: unknown[]) => client.prepare(sql).all(...params) as T[];
		const del: EraseContext['del'] = (table, sql, ...params) => add(deleted, table, run(sql, ...params));
		const unlink: EraseContext['unlink'] = (table, sql, ...params) => add(anonymised, table, run(sql, ...params));
		const ctx: EraseContext = {
			tx,
			person: { id: person.id, name: person.name, email: person.email?.toLowerCase() ?? null },
			reference,
			run,
			all,
			del,
			unlink,
			asDecided: (...columns) => {
				for (const column of columns) {
					// the names come from PERSON_COLUMNS, which a test checks against the database
					const [table, name] = column.split('.');
					const handling = PERSON_COLUMNS[column];
					if (handling === 'delete') del(table, `delete from "${table}" where "${name}" = ?`, person.id);
					else if (handling === 'unlink') unlink(table, `update "${table}" set "${name}" = null where "${name}" = ?`, person.id);
					else throw new Error(`Erasure cannot carry out "${handling}" for ${column} by itself: its feature's step must`);
				}
			},
			quotedWords: new Set()
		};
		for (const contribution of ERASURE_ORDER) contribution.erase?.(ctx);

		audit.record(tx, {
			actorId: actor.id,
			action: 'person.erased',
			subjectType: 'erasure',
			subjectId: reference,
			details: { deleted, anonymised },
			at: now
		});
		return { reference, deleted, anonymised };
	});
}
