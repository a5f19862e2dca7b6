/**
 * Disclosure control for a breakdown of a survey measure (by respondent group or by sector):
 * each cell is a share of positive answers from `n` responses, beside the overall share.
 *
 * A cell's percentage is shown only from `minimumForPercentage` responses (primary). A shown
 * percentage also tells its positive count (share × n), so when the overall share is shown a
 * single hidden cell could be worked out by subtraction: then the smallest shown cell is hidden
 * too (secondary). Two or more hidden cells are still pinned down if their positives add up to
 * none or to all of their responses (each must then be 0% or 100%), so another cell goes then as
 * well. When no shown cell is left to hide, the overall share is hidden instead.
 *
 * The responses count of each cell is protected separately, with `suppressBreakdown`
 * (counts 1 to 4 hidden, and enough others that none can be worked out from the total).
 */
import { DEFAULT_DISCLOSURE, showPercentage, suppressBreakdown, type DisclosureRules } from '../disclosure';

export type ShareCell = { key: string; n: number; positive: number };
export type ProtectedShareCell = ShareCell & {
	/** The percentage may be shown. */
	shareShown: boolean;
	/** The number of responses may be shown (else it is written the same way as every hidden figure). */
	nShown: boolean;
};
export type ProtectedShares = { cells: ProtectedShareCell[]; totalShareShown: boolean; totalNShown: boolean };

/** Which shares and counts of a breakdown may be shown. Cells must add up to the totals given. */
export function protectShares(cells: readonly ShareCell[], rules: DisclosureRules = DEFAULT_DISCLOSURE): ProtectedShares {
	const totalN = cells.reduce((a, c) => a + c.n, 0);
	let totalShareShown = showPercentage(totalN, rules);
	const shown = cells.map((c) => showPercentage(c.n, rules));
	const pinned = () => {
		const hidden = cells.filter((c, i) => !shown[i] && c.n > 0);
		if (hidden.length === 0) return false;
		if (hidden.length === 1) return true;
		const positives = hidden.reduce((a, c) => a + c.positive, 0);
		const responses = hidden.reduce((a, c) => a + c.n, 0);
		return positives === 0 || positives === responses;
	};
	while (totalShareShown && pinned()) {
		let smallest = -1;
		cells.forEach((c, i) => {
			if (shown[i] && c.n > 0 && (smallest === -1 || c.n < cells[smallest].n)) smallest = i;
		});
		if (smallest === -1) totalShareShown = false;
		else shown[smallest] = false;
	}
	const counts = suppressBreakdown(
		cells.map((c) => ({ key: c.key, count: c.n })),
		totalN,
		rules
	);
	return {
		cells: cells.map((c, i) => ({ ...c, shareShown: shown[i], nShown: counts.cells[i].shown })),
		totalShareShown,
		totalNShown: counts.totalShown
	};
}
