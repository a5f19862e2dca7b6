/**
 * The demo data: every feature's demo data (each feature's `contributes.ts`, `seed`), in the
 * registry's order, then the safeguarding flags, which are raised on the others' words the real
 * way and so need board, profiles and safeguarding at once (flags.ts), and the content
 * translations, which need settings, board, meetings and content at once (translations.ts).
 */
import type { Db } from '../db';
import { CONTRIBUTIONS } from '../registry';
import { seedSafeguardingDemo } from './flags';
import { seedTranslationsDemo } from './translations';

export { DEMO_PASSWORD, DEMO_PEOPLE, demoPresent, isEmpty } from '../accounts';
export { DEMO_SERVICES } from '../services';

/**
 * Adds the demo data that is not there yet. Safe to run again: nothing is duplicated and nothing
 * already there is changed. Returns how many people, services, board items and pieces of feedback it added.
 */
export async function seedDemo(
	db: Db,
	now = new Date()
): Promise<{ people: number; services: number; boardItems: number; feedback: number }> {
	const added = { people: 0, services: 0, boardItems: 0, feedback: 0 };
	for (const contribution of CONTRIBUTIONS) Object.assign(added, await contribution.seed?.(db, now));
	seedSafeguardingDemo(db, now);
	seedTranslationsDemo(db, now);
	return added;
}
