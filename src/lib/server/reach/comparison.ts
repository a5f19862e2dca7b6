/**
 * Who we hear from against the local baseline, for any feature that counts people by the reach
 * characteristics (survey results, the board report, forum members): give it the counts, get the
 * protected rows. No permission check: the caller has checked that its reader may see the counts,
 * and the baseline is published statistics (as `reports.buildReport`, callers decide who sees it).
 */
import type { Characteristic, ReachView } from '$lib/features/reach/model';
import type { Db } from '../db';
import type { DisclosureRules } from '../disclosure';
import * as settings from '../settings';
import { baselineFigures } from './baseline';
import { compareCounts, type AlsoProtect, type CategoryCounts } from './compare';

/** A comparison with what it was measured against (null: no baseline, so every local figure is null). */
export type ReachSection = ReachView;

/** The area's small-number rules (/admin/settings). */
export function areaRules(db: Db): DisclosureRules {
	const area = settings.get(db);
	return { minimumForPercentage: area.disclosureMinimumResponses, smallCountBelow: area.disclosureSmallCountBelow };
}

/**
 * The protected comparison of `counts` (people per category of one characteristic, with "Prefer
 * not to say" and no answer left out) with the local baseline. `rules` default to the area's;
 * `also` names what another table of the same counts on the page hides (see AlsoProtect).
 * Throws RangeError for a count that is not a whole number of 0 or more.
 */
export function comparison<C extends Characteristic>(
	db: Db,
	characteristic: C,
	counts: CategoryCounts<C>,
	rules?: DisclosureRules,
	also: AlsoProtect = {}
): ReachSection {
	const base = baselineFigures(db);
	const compared = compareCounts(characteristic, counts, base ? (base.counts[characteristic] as CategoryCounts<C>) : {}, rules ?? areaRules(db), also);
	return { ...compared, baseline: base ? { asOf: base.asOf, source: base.source } : null };
}
