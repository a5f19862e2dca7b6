/**
 * Disclosure control for published statistics about small groups of families and children.
 *
 * The rules, in plain words:
 *
 * 1. Percentages. A share of positive answers is shown only when it rests on at least
 *    `minimumForPercentage` responses (10 by default). "100% of 3 families" tells each of the
 *    three what the other two said.
 *
 * 2. Small counts (primary suppression). A count from 1 to `smallCountBelow - 1` (1 to 4 by
 *    default) is never shown as a number: on its own it is written "fewer than 5"; inside a
 *    table it is hidden. Totals follow the same rule: a total of 3 is hidden like a cell of 3.
 *
 * 3. Zeros are always shown, as 0, and never hidden, not even to protect another figure. A zero
 *    tells nobody anything about a person, and "no family reported this" is often the finding
 *    people most need. A hidden zero could serve as a complement (a visitor could not tell it
 *    from a small count), sometimes more cheaply than a larger cell, but then "hidden" would
 *    mean "1 or more" in some tables and "maybe 0" in others, which a methods note cannot
 *    explain simply. We chose the plain rule and pay for it: since it is public, a visitor knows
 *    that every hidden figure is at least 1, and the protection below is worked out against
 *    that better-informed visitor (which is why two hidden 1s are not always enough).
 *
 * 4. No subtraction (secondary suppression). A hidden figure must not be recoverable from the
 *    figures that are shown. If a row shows its total and hides one cell, the cell is the total
 *    minus the others, so a second figure is hidden with it ("complementary suppression").
 *    Two hidden cells are not always enough: if both are 1 and their sum is known to be 2, each
 *    must be 1 (nobody hides a zero), so then a third figure goes too.
 *    - One-dimensional breakdown (cells plus a total): while the total is shown and the hidden
 *      cells could be worked out, also hide the smallest non-zero shown cell (the cheapest loss
 *      of information; ties go to the first). If only zeros are left shown, hide the total.
 *    - Two-way table (cells, row totals, column totals, grand total): the totals are treated as
 *      one more row and one more column, so a hidden total is protected like a hidden cell (a
 *      small row total is otherwise just the grand total minus the other row totals). While any
 *      hidden figure could be worked out exactly, hide a rectangle of figures through it (its own
 *      row and column plus one other row and column) chosen to hide as few totals as possible,
 *      then the smallest sum. Within a rectangle the hidden figures can all move by one together
 *      (+1, -1, -1, +1) and every shown total still adds up, so none of them is pinned down.
 *      Totals are hidden only when no rectangle of cells will do (or when they are small).
 *      Last, each complement is tried shown again and stays shown if nothing becomes
 *      recoverable, so every complement left is needed.
 *
 * What "could be worked out" means here is exact and checked: the shown figures, the fact that
 * rows and columns add up to their totals, and the fact that every hidden figure is a whole
 * number of at least 1 are together consistent with some other value for that figure. It does
 * not defend against figures published in another table, nor against a visitor who can tell
 * a small hidden figure from a large one, so a page must show every hidden figure in a table the
 * same way (for example "[c]"), never "fewer than 5" for some and "hidden" for others. The reason
 * ('primary' or 'secondary') is returned for the method note and for audits, not for display.
 *
 * Pure maths with no database or framework imports.
 */

/** Thresholds for what may be published about small groups. */
export interface DisclosureRules {
	/** A percentage needs at least this many responses behind it. */
	minimumForPercentage: number;
	/** Counts from 1 up to (not including) this number are not shown. */
	smallCountBelow: number;
}

/** The partnership's standard rules: percentages from 10 responses, counts below 5 hidden. */
export const DEFAULT_DISCLOSURE: Readonly<DisclosureRules> = Object.freeze({ minimumForPercentage: 10, smallCountBelow: 5 });

/** How a single count may be written: its value, "none" (a zero, safe to show as 0), or "fewer than" the limit. */
export type CountDisplay = { kind: 'value'; value: number } | { kind: 'none' } | { kind: 'fewer_than'; limit: number };

/** Why a figure is hidden: it is small itself (primary), or it protects one that is (secondary). */
export type SuppressionReason = 'primary' | 'secondary';

/** One cell of a one-dimensional breakdown after suppression. */
export interface BreakdownCell {
	key: string;
	count: number;
	shown: boolean;
	reason: SuppressionReason | null;
}

/** A one-dimensional breakdown after suppression: each cell, and whether the total may be shown. */
export interface BreakdownSuppression {
	cells: BreakdownCell[];
	totalShown: boolean;
	totalReason: SuppressionReason | null;
}

/** A two-way table after suppression; `hidden[row][col]` is true for a cell that must not be shown. */
export interface TableSuppression {
	hidden: boolean[][];
	cellReason: (SuppressionReason | null)[][];
	rowTotals: number[];
	colTotals: number[];
	grandTotal: number;
	rowTotalShown: boolean[];
	colTotalShown: boolean[];
	grandTotalShown: boolean;
}

function checkRules(rules: DisclosureRules): void {
	for (const [name, value] of Object.entries(rules)) {
		if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of 0 or more, got ${value}`);
	}
}

function checkCount(count: number, what: string): void {
	if (!Number.isInteger(count) || count < 0) throw new RangeError(`${what} must be a whole number of 0 or more, got ${count}`);
}

/** True for a count that may not be shown as a number: 1 up to smallCountBelow - 1 (zero is not small). */
export function isSmallCount(count: number, rules: DisclosureRules = DEFAULT_DISCLOSURE): boolean {
	return count >= 1 && count < rules.smallCountBelow;
}

/** Whether a percentage computed from n responses may be shown; throws RangeError for an impossible n. */
export function showPercentage(n: number, rules: DisclosureRules = DEFAULT_DISCLOSURE): boolean {
	checkRules(rules);
	checkCount(n, 'n');
	// A share of no responses is not a number, whatever the rules say.
	return n >= Math.max(1, rules.minimumForPercentage);
}

/** How a count on its own may be shown: 0 as none, 1 to 4 as "fewer than 5", others as they are; throws RangeError for a bad count. */
export function showCount(count: number, rules: DisclosureRules = DEFAULT_DISCLOSURE): CountDisplay {
	checkRules(rules);
	checkCount(count, 'count');
	if (count === 0) return { kind: 'none' };
	if (isSmallCount(count, rules)) return { kind: 'fewer_than', limit: rules.smallCountBelow };
	return { kind: 'value', value: count };
}

/**
 * Whether the hidden (non-zero) cells of a breakdown whose total is shown can be worked out. The
 * visitor knows they add up to their sum and each is at least 1, so each lies in 1..sum - (k - 1):
 * that leaves a choice exactly when k >= 2 and sum > k. No hidden cell: nothing to work out.
 */
export function hiddenCanBeWorkedOut(hiddenCounts: readonly number[]): boolean {
	const k = hiddenCounts.length;
	const sum = hiddenCounts.reduce((acc, n) => acc + n, 0);
	return k > 0 && !(k >= 2 && sum > k);
}

/**
 * Hides small cells of a breakdown and enough others that none can be recovered from the total;
 * the cells must add up to the total (else RangeError). See rule 4 at the top of this file.
 */
export function suppressBreakdown(
	cells: readonly { key: string; count: number }[],
	total: number,
	rules: DisclosureRules = DEFAULT_DISCLOSURE
): BreakdownSuppression {
	checkRules(rules);
	checkCount(total, 'total');
	let sum = 0;
	for (const cell of cells) {
		checkCount(cell.count, `count for ${cell.key}`);
		sum += cell.count;
	}
	// The guarantee rests on "total = sum of the cells". A breakdown that does not add up
	// (several answers per person, or an unlisted "not known" group) needs its missing part as a cell.
	if (sum !== total) throw new RangeError(`the cells add up to ${sum}, not to the total ${total}`);

	const result: BreakdownCell[] = cells.map((cell) => {
		const small = isSmallCount(cell.count, rules);
		return { key: cell.key, count: cell.count, shown: !small, reason: small ? 'primary' : null };
	});
	let totalShown = !isSmallCount(total, rules);
	let totalReason: SuppressionReason | null = totalShown ? null : 'primary';

	while (totalShown) {
		if (!hiddenCanBeWorkedOut(result.filter((cell) => !cell.shown).map((cell) => cell.count))) break;
		let next: BreakdownCell | undefined;
		for (const cell of result) {
			if (cell.shown && cell.count > 0 && (next === undefined || cell.count < next.count)) next = cell;
		}
		if (next === undefined) {
			totalShown = false;
			totalReason = 'secondary';
		} else {
			next.shown = false;
			next.reason = 'secondary';
		}
	}
	return { cells: result, totalShown, totalReason };
}

/**
 * The table with its totals as one more row (column totals, then the grand total in the corner)
 * and one more column (row totals). In that frame every row and column says "the figures before
 * the last add up to the last one", which is all a visitor can use.
 */
type Grid = number[][];

/**
 * +1 for a cell or the grand total, -1 for a row or column total. With the totals negated every
 * row and column of the extended table sums to zero, so the changes a visitor cannot rule out
 * are exactly the zero-sum changes on hidden figures: circulations on the graph whose nodes are
 * rows and columns and whose edges are hidden figures.
 */
function sign(i: number, j: number, rows: number, cols: number): 1 | -1 {
	return i === rows !== (j === cols) ? -1 : 1;
}

/**
 * Whether each hidden figure can take another whole value (all hidden figures staying >= 1) while
 * every shown figure still adds up. A change of +1 on (i, j) in the signed frame is a unit of
 * flow from row node i to column node j; it can be undone elsewhere only along a path back from
 * column j to row i through other hidden figures. A step that lowers a figure's real value is
 * allowed only while that figure is at least 2. Integer flows suffice: the constraint matrix is a
 * network matrix, so if any other value is possible, one differing by exactly 1 is.
 */
function pinnedFigures(grid: Grid, hidden: boolean[][], rows: number, cols: number): [number, number][] {
	const nodeCount = rows + 1 + cols + 1;
	const colNode = (j: number) => rows + 1 + j;
	type Arc = { to: number; edge: number };
	const out: Arc[][] = Array.from({ length: nodeCount }, () => []);
	const edges: { i: number; j: number; up: boolean; down: boolean }[] = [];
	for (let i = 0; i <= rows; i++) {
		for (let j = 0; j <= cols; j++) {
			if (!hidden[i][j]) continue;
			const s = sign(i, j, rows, cols);
			const value = grid[i][j];
			// up: +1 in the signed frame (row -> column); down: -1 (column -> row).
			const up = s === 1 || value >= 2;
			const down = s === -1 || value >= 2;
			const edge = edges.length;
			edges.push({ i, j, up, down });
			if (up) out[i].push({ to: colNode(j), edge });
			if (down) out[colNode(j)].push({ to: i, edge });
		}
	}
	const reaches = (from: number, to: number, skip: number): boolean => {
		const seen = new Uint8Array(nodeCount);
		const queue = [from];
		seen[from] = 1;
		while (queue.length > 0) {
			const node = queue.pop()!;
			if (node === to) return true;
			for (const arc of out[node]) {
				if (arc.edge !== skip && !seen[arc.to]) {
					seen[arc.to] = 1;
					queue.push(arc.to);
				}
			}
		}
		return false;
	};
	const pinned: [number, number][] = [];
	edges.forEach((e, index) => {
		const free =
			(e.up && reaches(colNode(e.j), e.i, index)) || (e.down && reaches(e.i, colNode(e.j), index));
		if (!free) pinned.push([e.i, e.j]);
	});
	return pinned;
}

/**
 * The cheapest rectangle through (i, j) whose four corners are non-zero and can move by one
 * together without any hidden figure dropping below 1: it costs first the totals it would newly
 * hide, then the sum of the figures it would newly hide. Returns the corners to hide, or null.
 */
function cheapestRectangle(grid: Grid, hidden: boolean[][], rows: number, cols: number, i: number, j: number): [number, number][] | null {
	let best: [number, number][] | null = null;
	let bestCost: [number, number] = [Infinity, Infinity];
	for (let i2 = 0; i2 <= rows; i2++) {
		if (i2 === i) continue;
		for (let j2 = 0; j2 <= cols; j2++) {
			if (j2 === j) continue;
			const corners: [number, number, 1 | -1][] = [
				[i, j, 1],
				[i, j2, -1],
				[i2, j, -1],
				[i2, j2, 1]
			];
			if (corners.some(([a, b]) => grid[a][b] === 0)) continue;
			// The change in each real value for one unit around the rectangle, one way or the other.
			const fits = (way: 1 | -1) =>
				corners.every(([a, b, turn]) => way * turn * sign(a, b, rows, cols) === 1 || grid[a][b] >= 2);
			if (!fits(1) && !fits(-1)) continue;
			const added = corners.filter(([a, b]) => !hidden[a][b]);
			// A movable rectangle of figures already hidden would mean (i, j) was not pinned; the
			// guard keeps every pass hiding something new, so the loop in suppressTable must end.
			if (added.length === 0) continue;
			const totals = added.filter(([a, b]) => a === rows || b === cols).length;
			const sum = added.reduce((acc, [a, b]) => acc + grid[a][b], 0);
			if (totals < bestCost[0] || (totals === bestCost[0] && sum < bestCost[1])) {
				bestCost = [totals, sum];
				best = added.map(([a, b]) => [a, b]);
			}
		}
	}
	return best;
}

/**
 * Hides small cells and totals of a two-way table, then more, until no hidden figure can be
 * worked out from the shown ones (rule 4 at the top of this file); throws RangeError for a
 * ragged table or a bad count.
 */
export function suppressTable(
	rows: readonly string[],
	cols: readonly string[],
	counts: readonly (readonly number[])[],
	rules: DisclosureRules = DEFAULT_DISCLOSURE
): TableSuppression {
	checkRules(rules);
	const r = rows.length;
	const c = cols.length;
	if (counts.length !== r) throw new RangeError(`expected ${r} rows of counts, got ${counts.length}`);
	counts.forEach((row, i) => {
		if (row.length !== c) throw new RangeError(`row ${rows[i]} has ${row.length} counts, expected ${c}`);
		row.forEach((count, j) => checkCount(count, `count for ${rows[i]} / ${cols[j]}`));
	});

	const grid: Grid = Array.from({ length: r + 1 }, () => new Array<number>(c + 1).fill(0));
	for (let i = 0; i < r; i++) {
		for (let j = 0; j < c; j++) {
			const value = counts[i][j];
			grid[i][j] = value;
			grid[i][c] += value;
			grid[r][j] += value;
			grid[r][c] += value;
		}
	}
	const reason: (SuppressionReason | null)[][] = grid.map((line) =>
		line.map((value) => (isSmallCount(value, rules) ? 'primary' : null))
	);
	const hidden = reason.map((line) => line.map((why) => why !== null));

	// Each pass hides at least one more non-zero figure, so this ends; and once every non-zero
	// figure is hidden nothing is pinned (doubling every hidden figure fits all the shown zeros).
	for (;;) {
		const pinned = pinnedFigures(grid, hidden, r, c);
		if (pinned.length === 0) break;
		const [i, j] = pinned[0];
		let toHide = cheapestRectangle(grid, hidden, r, c, i, j);
		if (toHide === null) {
			// No rectangle can move (its corners are all 1s, say): hide the smallest shown non-zero
			// figure, cells before totals, in the same line if there is one, and try again.
			const candidates: [number, number][] = [];
			for (let a = 0; a <= r; a++) {
				for (let b = 0; b <= c; b++) if (!hidden[a][b] && grid[a][b] > 0) candidates.push([a, b]);
			}
			const key = ([a, b]: [number, number]) => [a === i || b === j ? 0 : 1, a === r || b === c ? 1 : 0, grid[a][b]];
			candidates.sort((x, y) => {
				const [kx, ky] = [key(x), key(y)];
				return kx[0] - ky[0] || kx[1] - ky[1] || kx[2] - ky[2];
			});
			if (candidates.length === 0) throw new Error('suppressTable: a figure stays pinned with everything hidden');
			toHide = [candidates[0]];
		}
		for (const [a, b] of toHide) {
			hidden[a][b] = true;
			reason[a][b] = 'secondary';
		}
	}

	// Greedy choices made early can become unnecessary once later ones are in place. Try showing
	// each complementary figure again, totals first and then the largest cells, and keep it shown
	// when nothing becomes pinned; repeat until no pass shows anything more, so every complement
	// left is needed. The protection check is exact, so this loses nothing.
	const isTotal = ([a, b]: [number, number]) => (a === r || b === c ? 1 : 0);
	for (let changed = true; changed; ) {
		changed = false;
		const complements: [number, number][] = [];
		for (let a = 0; a <= r; a++) {
			for (let b = 0; b <= c; b++) if (reason[a][b] === 'secondary') complements.push([a, b]);
		}
		complements.sort((x, y) => isTotal(y) - isTotal(x) || grid[y[0]][y[1]] - grid[x[0]][x[1]]);
		for (const [a, b] of complements) {
			hidden[a][b] = false;
			if (pinnedFigures(grid, hidden, r, c).length > 0) {
				hidden[a][b] = true;
			} else {
				reason[a][b] = null;
				changed = true;
			}
		}
	}

	return {
		hidden: hidden.slice(0, r).map((line) => line.slice(0, c)),
		cellReason: reason.slice(0, r).map((line) => line.slice(0, c)),
		rowTotals: grid.slice(0, r).map((line) => line[c]),
		colTotals: grid[r].slice(0, c),
		grandTotal: grid[r][c],
		rowTotalShown: hidden.slice(0, r).map((line) => !line[c]),
		colTotalShown: hidden[r].slice(0, c).map((h) => !h),
		grandTotalShown: !hidden[r][c]
	};
}
