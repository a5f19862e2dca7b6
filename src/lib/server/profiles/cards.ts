/**
 * The sign-in card page a supporter prints for a young person. A card code exists in the clear
 * only when it is made (it is stored hashed), so the page is handed the code it was just given
 * and shows it only while it is still the young person's current code.
 */
import { eq } from 'drizzle-orm';
import { normaliseCode } from '$lib/features/profiles/model';
import type { Db } from '../db';
import { user, youngPerson } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError } from '../errors';
import { profileResource } from './access';
import { codeHash } from './signin';

export type CardView = {
	id: number;
	name: string;
	yearGroup: string | null;
	hasPasscode: boolean;
	/** The card locked after too many wrong pictures (a reset or a new card unlocks it). */
	locked: boolean;
	/** The card code (normalised) when `freshCode` is still the current one; otherwise null. */
	code: string | null;
};

/**
 * What a linked supporter's card page shows for a young person. `freshCode` is the code the page
 * was just given (made moments ago); a stale or made-up one is not shown. Throws NotFoundError or
 * ForbiddenError.
 */
export function card(db: Db, actor: Actor, youngPersonId: number, freshCode: string | null = null): CardView {
	if (!can(actor, 'profiles.signInCard', profileResource(db, youngPersonId))) throw new ForbiddenError();
	const row = db
		.select({
			name: user.name,
			yearGroup: youngPerson.yearGroup,
			passcodeHash: youngPerson.passcodeHash,
			lockedAt: youngPerson.lockedAt,
			signInCodeHash: youngPerson.signInCodeHash
		})
		.from(youngPerson)
		.innerJoin(user, eq(user.id, youngPerson.userId))
		.where(eq(youngPerson.userId, youngPersonId))
		.get();
	if (!row) throw new NotFoundError('young_person', 'There is no such young person.');
	const current = freshCode !== null && normaliseCode(freshCode).length > 0 && codeHash(freshCode) === row.signInCodeHash;
	return {
		id: youngPersonId,
		name: row.name,
		yearGroup: row.yearGroup,
		hasPasscode: row.passcodeHash !== null,
		locked: row.lockedAt !== null,
		code: current ? normaliseCode(freshCode) : null
	};
}
