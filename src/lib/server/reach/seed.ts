/**
 * The demo area's local SEND population baseline: about 9,000 children and young people with
 * SEND, in proportions like England's (social, emotional and mental health and communication and
 * interaction the largest needs, about one in four with an EHC plan, two boys to every girl). The
 * demo surveys' answers (surveys' seed) hear from two groups at well under their local share:
 * families who speak Bengali at home and young people in post-16 settings.
 */
import { count } from 'drizzle-orm';
import type { Category, Characteristic } from '$lib/features/reach/model';
import { writeTransaction, type Db } from '../db';
import { reachBaseline, reachBaselineCount } from '../db/schema';

export const DEMO_BASELINE: { [C in Characteristic]: Partial<Record<Category<C>, number>> } = {
	need_area: { communication_interaction: 3150, cognition_learning: 1600, social_emotional_mental_health: 2950, sensory_physical: 1300 },
	phase: { early_years: 650, primary: 3700, secondary: 3050, post_16: 1400, not_in_education: 200 },
	support: { ehc_plan: 2250, sen_support: 6750 },
	sex: { female: 3000, male: 6000 },
	ethnicity: {
		asian_bangladeshi: 540,
		asian_chinese: 45,
		asian_indian: 270,
		asian_pakistani: 450,
		asian_other: 180,
		black_african: 360,
		black_caribbean: 180,
		black_other: 90,
		mixed_white_asian: 180,
		mixed_white_black_african: 90,
		mixed_white_black_caribbean: 225,
		mixed_other: 135,
		white_british: 5805,
		white_irish: 45,
		white_gypsy_traveller: 45,
		white_roma: 45,
		white_other: 225,
		other_arab: 45,
		other_any: 45
	},
	area: { north: 1900, south: 1650, east: 2100, west: 1700, centre: 1650 },
	language: {
		english: 6030,
		arabic: 180,
		bengali: 1080,
		gujarati: 90,
		kurdish: 180,
		polish: 270,
		punjabi: 180,
		romanian: 180,
		somali: 135,
		turkish: 405,
		urdu: 270,
		yiddish: 90,
		other: 90
	}
};

/** Adds the demo baseline if there is none. Returns how many figures it added. */
export function seedReachDemo(db: Db, now = new Date()): { figures: number } {
	if ((db.select({ n: count() }).from(reachBaseline).get()?.n ?? 0) > 0) return { figures: 0 };
	return writeTransaction(db, (tx) => {
		const { id } = tx
			.insert(reachBaseline)
			.values({ asOf: `${now.getUTCFullYear() - 1}-01-16`, source: 'Demo figures in the shape of SEN2 and the January school census', importedAt: now })
			.returning({ id: reachBaseline.id })
			.get();
		const rows = Object.entries(DEMO_BASELINE).flatMap(([characteristic, counts]) =>
			Object.entries(counts).map(([category, n]) => ({ baselineId: id, characteristic: characteristic as Characteristic, category, count: n as number }))
		);
		tx.insert(reachBaselineCount).values(rows).run();
		return { figures: rows.length };
	});
}
