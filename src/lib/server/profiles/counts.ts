/**
 * "What matters to young people": how many young people chose each symbol on their profile, only
 * from those who ticked "count my symbols", and nothing at all when too few are counted for one of
 * them to be picked out.
 */
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { profile, profileItem, user } from '../db/schema';

/** Fewer consenting young people than this and no counts are given. */
export const PUPIL_VOICE_MINIMUM = 10;

export type SymbolCounts =
	| { shown: true; youngPeople: number; symbols: { symbolId: string; youngPeople: number }[] }
	| { shown: false; youngPeople: number };

/**
 * Counts, for each symbol, the consenting young people who have it on their profile (once each,
 * however many times they used it), most chosen first. Aggregate only, so no actor is needed;
 * callers that show it decide who may see the report it is part of.
 */
export function symbolCounts(db: Db, minimum = PUPIL_VOICE_MINIMUM): SymbolCounts {
	const counted = and(eq(profile.countMySymbols, true), isNull(user.disabledAt));
	const { youngPeople } = db
		.select({ youngPeople: sql<number>`count(*)` })
		.from(profile)
		.innerJoin(user, eq(user.id, profile.youngPersonId))
		.where(counted)
		.get()!;
	if (youngPeople < minimum) return { shown: false, youngPeople };
	const symbols = db
		.select({ symbolId: sql<string>`${profileItem.symbolId}`, youngPeople: sql<number>`count(DISTINCT ${profileItem.youngPersonId})` })
		.from(profileItem)
		.innerJoin(profile, eq(profile.youngPersonId, profileItem.youngPersonId))
		.innerJoin(user, eq(user.id, profileItem.youngPersonId))
		.where(and(counted, isNotNull(profileItem.symbolId)))
		.groupBy(profileItem.symbolId)
		.orderBy(sql`2 DESC`, profileItem.symbolId)
		.all();
	return { shown: true, youngPeople, symbols };
}
