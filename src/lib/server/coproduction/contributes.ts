/**
 * What co-production gives the features that work across all of them (../contributions.ts): its
 * demo entries. It holds nothing about a person (counts of who took part, never who; the audit log
 * says who recorded an entry), so it has no "My data" rows, erasure or retention of its own.
 */
import type { Contribution } from '../contributions';
import { seedCoproductionDemo } from './seed';

export const contributes: Contribution = {
	feature: 'coproduction',
	seed: (db, now) => {
		seedCoproductionDemo(db, now);
	}
};
