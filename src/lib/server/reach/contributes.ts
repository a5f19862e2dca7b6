/**
 * What reach gives the features that work across all of them (../contributions.ts): the demo
 * area's baseline. The baseline holds nothing personal (who imported it is in the audit log).
 */
import type { Contribution } from '../contributions';
import { seedReachDemo } from './seed';

export const contributes: Contribution = {
	feature: 'reach',
	seed: (db, now) => {
		seedReachDemo(db, now);
	}
};
