/**
 * Who we hear from, against who lives here: the pure comparison. For one characteristic, the
 * people we heard from (survey respondents, forum members...) counted by category beside the
 * local SEND population baseline, with each group's share on both sides, the ratio of the two and
 * the "under-heard" flag (ratio below UNDER_HEARD_BELOW). No database, no framework.
 *
 * Small numbers are protected with the reports' rules (../disclosure.ts): the respondents' counts
 * are a one-dimensional breakdown whose total is the sum of its categories ("Prefer not to say"
 * and no answer are left out before they get here), so a count from 1 to 4 is hidden and enough
 * others with it that none can be worked out from the total. A share, ratio or flag is hidden
 * whenever its count is (share × total would give the count back, the ratio is the share over a
 * published figure, and the flag bounds the count), and shares are shown only when the total is
 * shown and large enough for percentages. The baseline's figures are published statistics and
 * are shown as they are.
 */
import { CATEGORIES, UNDER_HEARD_BELOW, type Category, type Characteristic, type ReachRowView, type ReachView } from '$lib/features/reach/model';
import { DEFAULT_DISCLOSURE, hiddenCanBeWorkedOut, showPercentage, suppressBreakdown, type DisclosureRules } from '../disclosure';

export type CategoryCounts<C extends Characteristic = Characteristic> = Partial<Record<Category<C>, number>>;

/** One group of a comparison (features/reach/model.ts). */
export type ReachRow = ReachRowView;

/** A comparison before it is told what baseline it was measured against. */
export type ReachComparison = Omit<ReachView, 'baseline'>;

/** The under-heard rule: heard at under two thirds of the group's local share. Exactly 2/3 is not under-heard. */
export const isUnderHeard = (ratio: number): boolean => ratio < UNDER_HEARD_BELOW;

/** The ratio of the two shares, or null when the group has no one locally (a share of nothing is no yardstick). */
export function reachRatio(share: number, localShare: number): number | null {
	return localShare > 0 ? share / localShare : null;
}

function whole(n: number | undefined): number {
	if (n === undefined) return 0;
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count must be a whole number of 0 or more, got ${n}`);
	return n;
}

/**
 * What another table on the same page already hides of the same counts (a survey's "about you"
 * question, say): `hidden` groups must be hidden here too, and `hideTotal` when that table hides
 * an answer that is not a group here ("Prefer not to say"), since our total would then give its
 * hidden groups' sum away. Hiding more here than there is safe: what that table shows is known.
 */
export type AlsoProtect = { hidden?: readonly string[]; hideTotal?: boolean };

/**
 * Compares what we heard with the baseline for one characteristic, protected. Groups with no one
 * on either side are left out (they would be rows of nothing). Throws RangeError for a count that
 * is not a whole number of 0 or more.
 */
export function compareCounts<C extends Characteristic>(
	characteristic: C,
	heard: CategoryCounts<C>,
	baseline: CategoryCounts<C>,
	rules: DisclosureRules = DEFAULT_DISCLOSURE,
	also: AlsoProtect = {}
): ReachComparison {
	const categories = CATEGORIES[characteristic] as readonly Category<C>[];
	const cells = categories.map((category) => ({ key: category as string, count: whole(heard[category]) }));
	const local = categories.map((category) => whole(baseline[category]));
	const total = cells.reduce((sum, cell) => sum + cell.count, 0);
	const localTotal = local.reduce((sum, n) => sum + n, 0);
	const protectedCells = suppressBreakdown(cells, total, rules);
	// Hidden in the other table too: hidden here, then complements as suppressBreakdown chooses
	// them (the smallest shown non-zero group; the total when only zeros are left).
	for (const cell of protectedCells.cells) if (cell.shown && cell.count > 0 && also.hidden?.includes(cell.key)) Object.assign(cell, { shown: false, reason: 'secondary' });
	if (also.hideTotal) Object.assign(protectedCells, { totalShown: false, totalReason: 'secondary' });
	while (protectedCells.totalShown && hiddenCanBeWorkedOut(protectedCells.cells.filter((cell) => !cell.shown).map((cell) => cell.count))) {
		const next = protectedCells.cells.filter((cell) => cell.shown && cell.count > 0).sort((a, b) => a.count - b.count)[0];
		if (next) Object.assign(next, { shown: false, reason: 'secondary' });
		else Object.assign(protectedCells, { totalShown: false, totalReason: 'secondary' });
	}
	const shares = protectedCells.totalShown && showPercentage(total, rules);

	const rows: ReachRow[] = [];
	protectedCells.cells.forEach((cell, i) => {
		if (cell.count === 0 && local[i] === 0) return;
		const localShare = localTotal > 0 ? local[i] / localTotal : null;
		const share = cell.shown && shares ? cell.count / total : null;
		const ratio = share !== null && localShare !== null ? reachRatio(share, localShare) : null;
		rows.push({
			category: categories[i],
			count: cell.shown ? cell.count : null,
			share,
			localShare,
			ratio,
			underHeard: ratio === null ? null : isUnderHeard(ratio)
		});
	});
	return {
		characteristic,
		rows,
		total: protectedCells.totalShown ? total : null,
		suppressed: protectedCells.cells.some((cell) => !cell.shown),
		localTotal
	};
}
