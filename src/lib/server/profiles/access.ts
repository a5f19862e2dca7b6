import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { profileSupporter, user, youngPerson } from '../db/schema';
import { NotFoundError } from '../errors';
import type { Resource } from '../permissions';

/**
 * What the permission rules need to know about a young person's profile: whose it is and which
 * supporters they linked. Throws NotFoundError when there is no such young person.
 */
export function profileResource(db: Db, youngPersonId: number): Resource & { name: string } {
	const found = db
		.select({ id: youngPerson.userId, name: user.name })
		.from(youngPerson)
		.innerJoin(user, eq(user.id, youngPerson.userId))
		.where(eq(youngPerson.userId, youngPersonId))
		.get();
	if (!found) throw new NotFoundError('young_person', 'There is no such young person.');
	const linkedSupporterIds = db
		.select({ id: profileSupporter.supporterId })
		.from(profileSupporter)
		.where(eq(profileSupporter.youngPersonId, youngPersonId))
		.all()
		.map((r) => r.id);
	return { profileOf: found.id, linkedSupporterIds, name: found.name };
}
