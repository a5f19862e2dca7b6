import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_DISCLOSURE,
	isSmallCount,
	showCount,
	showPercentage,
	suppressBreakdown,
	suppressTable,
	type TableSuppression
} from './disclosure';

/** Counts like real SEND data: mostly 0..4, now and then up to 30. */
const count = fc.oneof(
	{ weight: 3, arbitrary: fc.integer({ min: 0, max: 4 }) },
	{ weight: 2, arbitrary: fc.integer({ min: 0, max: 30 }) }
);

describe('showPercentage', () => {
	it('shows a percentage from 10 responses, not from 9', () => {
		expect(showPercentage(9)).toBe(false);
		expect(showPercentage(10)).toBe(true);
		expect(showPercentage(250)).toBe(true);
	});

	it('follows other rules, but never for no responses', () => {
		expect(showPercentage(4, { minimumForPercentage: 5, smallCountBelow: 5 })).toBe(false);
		expect(showPercentage(5, { minimumForPercentage: 5, smallCountBelow: 5 })).toBe(true);
		expect(showPercentage(0, { minimumForPercentage: 0, smallCountBelow: 5 })).toBe(false);
	});

	it('throws RangeError for an impossible number of responses or rule', () => {
		expect(() => showPercentage(-1)).toThrow(RangeError);
		expect(() => showPercentage(2.5)).toThrow(RangeError);
		expect(() => showPercentage(10, { minimumForPercentage: -1, smallCountBelow: 5 })).toThrow(RangeError);
	});
});

describe('showCount', () => {
	it('shows zero as none, 1 to 4 as fewer than 5, and 5 upwards as the number', () => {
		expect(showCount(0)).toEqual({ kind: 'none' });
		for (const small of [1, 2, 3, 4]) expect(showCount(small)).toEqual({ kind: 'fewer_than', limit: 5 });
		expect(showCount(5)).toEqual({ kind: 'value', value: 5 });
		expect(showCount(123)).toEqual({ kind: 'value', value: 123 });
	});

	it('follows a stricter rule', () => {
		const rules = { minimumForPercentage: 10, smallCountBelow: 10 };
		expect(showCount(9, rules)).toEqual({ kind: 'fewer_than', limit: 10 });
		expect(showCount(10, rules)).toEqual({ kind: 'value', value: 10 });
	});

	it('throws RangeError for a count that cannot be', () => {
		expect(() => showCount(-3)).toThrow(RangeError);
		expect(() => showCount(1.5)).toThrow(RangeError);
	});

	it('calls only 1 to 4 small by default', () => {
		expect([0, 1, 4, 5].map((n) => isSmallCount(n))).toEqual([false, true, true, false]);
		expect(DEFAULT_DISCLOSURE).toEqual({ minimumForPercentage: 10, smallCountBelow: 5 });
	});
});

const cells = (...counts: number[]) => counts.map((c, i) => ({ key: `k${i}`, count: c }));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const hiddenKeys = (result: ReturnType<typeof suppressBreakdown>) =>
	result.cells.filter((cell) => !cell.shown).map((cell) => `${cell.key}:${cell.reason}`);

describe('suppressBreakdown', () => {
	it('shows everything when nothing is small', () => {
		const result = suppressBreakdown(cells(12, 30, 0, 8), 50);
		expect(hiddenKeys(result)).toEqual([]);
		expect(result.totalShown).toBe(true);
		expect(result.totalReason).toBeNull();
	});

	it('hides a small cell and the next smallest non-zero cell, never a zero', () => {
		const result = suppressBreakdown(cells(3, 20, 0, 12), 35);
		expect(hiddenKeys(result)).toEqual(['k0:primary', 'k3:secondary']);
		expect(result.totalShown).toBe(true);
		expect(result.cells[2]).toEqual({ key: 'k2', count: 0, shown: true, reason: null });
	});

	it('needs no complement when two small cells already hide each other', () => {
		expect(hiddenKeys(suppressBreakdown(cells(2, 3, 40), 45))).toEqual(['k0:primary', 'k1:primary']);
	});

	it('hides a third cell when the hidden cells could only be 1 and 1', () => {
		// 42 - 40 = 2 spread over two hidden cells of at least 1 each: both are 1.
		const result = suppressBreakdown(cells(1, 1, 40), 42);
		expect(hiddenKeys(result)).toEqual(['k0:primary', 'k1:primary', 'k2:secondary']);
		expect(result.totalShown).toBe(true);
	});

	it('hides the total when only zeros are left to hide', () => {
		const result = suppressBreakdown(cells(1, 1, 1, 1, 1, 0), 5);
		expect(result.cells.every((cell) => cell.shown === (cell.count === 0))).toBe(true);
		expect(result.totalShown).toBe(false);
		expect(result.totalReason).toBe('secondary');
	});

	it('hides a small total, which hides every non-zero cell with it', () => {
		const result = suppressBreakdown(cells(2, 1, 0), 3);
		expect(hiddenKeys(result)).toEqual(['k0:primary', 'k1:primary']);
		expect(result.totalShown).toBe(false);
		expect(result.totalReason).toBe('primary');
	});

	it('breaks a tie by taking the first of the smallest', () => {
		expect(hiddenKeys(suppressBreakdown(cells(9, 4, 8, 8), 29))).toEqual(['k1:primary', 'k2:secondary']);
	});

	it('shows an all-zero breakdown as it is', () => {
		const result = suppressBreakdown(cells(0, 0), 0);
		expect(hiddenKeys(result)).toEqual([]);
		expect(result.totalShown).toBe(true);
	});

	it('throws RangeError when the cells do not add up to the total, or a count is bad', () => {
		expect(() => suppressBreakdown(cells(3, 4), 8)).toThrow(RangeError);
		expect(() => suppressBreakdown(cells(3, -1), 2)).toThrow(RangeError);
		expect(() => suppressBreakdown(cells(3, 4), 7.5)).toThrow(RangeError);
	});

	it('hides at most one complementary cell, and only one that is needed', () => {
		fc.assert(
			fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), (counts) => {
				const result = suppressBreakdown(cells(...counts), sum(counts));
				const complements = result.cells.filter((cell) => cell.reason === 'secondary');
				expect(complements.length).toBeLessThanOrEqual(1);
				if (complements.length === 1) {
					// Without it the small cells would be pinned: a lone one is the total minus the
					// shown cells, and several 1s are forced when their sum equals their number.
					const primary = result.cells.filter((cell) => cell.reason === 'primary');
					expect(primary.length === 1 || primary.every((cell) => cell.count === 1)).toBe(true);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('leaves its input alone', () => {
		const input = cells(3, 20, 12);
		const copy = structuredClone(input);
		suppressBreakdown(input, 35);
		expect(input).toEqual(copy);
	});

	it('never leaves a hidden cell recoverable as the total minus the shown cells', () => {
		fc.assert(
			fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), (counts) => {
				const total = sum(counts);
				const result = suppressBreakdown(cells(...counts), total);
				const hidden = result.cells.filter((cell) => !cell.shown);
				for (const cell of result.cells) {
					if (isSmallCount(cell.count)) expect(cell.shown).toBe(false);
					if (cell.count === 0) expect(cell.shown).toBe(true);
					if (cell.shown) expect(cell.reason).toBeNull();
				}
				if (!result.totalShown) return;
				// The brief's property: a lone hidden cell would equal total minus the shown cells.
				expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
				// Stronger: each hidden cell can be moved by one against another hidden cell
				// while every hidden cell stays at least 1 and the total still adds up.
				for (const cell of hidden) {
					const moved = hidden.some(
						(other) => other !== cell && (other.count >= 2 || cell.count >= 2)
					);
					expect(moved, `hidden cell ${cell.key} of ${JSON.stringify(counts)} is pinned`).toBe(true);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('agrees with an exhaustive search of every completion on small breakdowns', () => {
		const small = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 });
		fc.assert(
			fc.property(small, (counts) => {
				const total = sum(counts);
				const result = suppressBreakdown(cells(...counts), total);
				if (!result.totalShown) return;
				const hiddenIndex = result.cells.flatMap((cell, i) => (cell.shown ? [] : [i]));
				const hiddenSum = total - sum(result.cells.filter((cell) => cell.shown).map((cell) => cell.count));
				// Every vector of whole numbers >= 1 on the hidden cells that adds up to what is missing.
				const seen = hiddenIndex.map(() => new Set<number>());
				const walk = (position: number, left: number, chosen: number[]) => {
					if (position === hiddenIndex.length) {
						if (left === 0) chosen.forEach((value, k) => seen[k].add(value));
						return;
					}
					for (let value = 1; value <= left; value++) walk(position + 1, left - value, [...chosen, value]);
				};
				walk(0, hiddenSum, []);
				seen.forEach((values, k) => {
					expect(values.has(counts[hiddenIndex[k]])).toBe(true);
					expect(values.size, `cell ${hiddenIndex[k]} of ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(2);
				});
			}),
			{ numRuns: 200 }
		);
	});
});

/**
 * The table with its totals: cells, then row totals as an extra column, column totals as an extra
 * row and the grand total in the corner. Built here from the counts, not taken from the result.
 */
/** Which figures of the extended table a result hides. */
function hiddenGrid(result: TableSuppression): boolean[][] {
	return [
		...result.hidden.map((row, i) => [...row, !result.rowTotalShown[i]]),
		[...result.colTotalShown.map((shown) => !shown), !result.grandTotalShown]
	];
}

/** The table as a visitor sees it: null where a figure is hidden. */
function published(actual: number[][], hidden: boolean[][]): (number | null)[][] {
	return actual.map((line, i) => line.map((value, j) => (hidden[i][j] ? null : value)));
}

/** Everything a visitor can check a candidate table against: shown figures match, hidden ones are >= 1, all sums hold. */
function consistent(candidate: number[][], view: (number | null)[][]): boolean {
	const r = candidate.length - 1;
	const c = candidate[0].length - 1;
	for (let i = 0; i <= r; i++) {
		for (let j = 0; j <= c; j++) {
			const shown = view[i][j];
			const value = candidate[i][j];
			if (shown === null ? value < 1 || !Number.isInteger(value) : value !== shown) return false;
		}
	}
	for (let i = 0; i <= r; i++) if (sum(candidate[i].slice(0, c)) !== candidate[i][c]) return false;
	for (let j = 0; j <= c; j++) if (sum(candidate.slice(0, r).map((row) => row[j])) !== candidate[r][j]) return false;
	return true;
}

function extended(counts: number[][]): number[][] {
	const rows = counts.map((row) => [...row, sum(row)]);
	const bottom = rows[0].map((_, j) => sum(rows.map((row) => row[j])));
	return [...rows, bottom];
}

/**
 * Another table that fits everything shown but differs at hidden figure (ti, tj), or null if the
 * search finds none. The search walks alternating paths through hidden figures (a change in a row
 * is undone in the same row, which moves a column, and so on) back to the start; whatever it
 * finds is then checked from scratch by `consistent`, so a wrong search can only fail the test.
 */
function otherCompletion(actual: number[][], view: (number | null)[][], ti: number, tj: number): number[][] | null {
	const r = actual.length - 1;
	const c = actual[0].length - 1;
	// Within a row the total (last column) counts against the others; the same within a column.
	const rowCoefficient = (j: number) => (j === c ? -1 : 1);
	const colCoefficient = (i: number) => (i === r ? -1 : 1);
	const hiddenAt = (i: number, j: number) => view[i][j] === null;
	for (const delta of [1, -1]) {
		if (actual[ti][tj] + delta < 1) continue;
		// State: at column node j, the column is off by `need` and must be fixed by a change in
		// column j; or at row node i likewise. Paths carry the list of changes made so far.
		type State = { kind: 'row' | 'col'; index: number; need: number; changes: [number, number, number][] };
		const start: State = { kind: 'col', index: tj, need: -colCoefficient(ti) * delta, changes: [[ti, tj, delta]] };
		const visited = new Set<string>([`col:${tj}`]);
		const queue: State[] = [start];
		while (queue.length > 0) {
			const state = queue.shift()!;
			const used = (i: number, j: number) => state.changes.some(([a, b]) => a === i && b === j);
			if (state.kind === 'col') {
				const j = state.index;
				for (let i = 0; i <= r; i++) {
					if (!hiddenAt(i, j) || used(i, j)) continue;
					const change = state.need * colCoefficient(i);
					if (actual[i][j] + change < 1) continue;
					const changes: [number, number, number][] = [...state.changes, [i, j, change]];
					const rowNeed = -rowCoefficient(j) * change;
					if (i === ti) {
						// Back at the start's row: it closes if the row now balances.
						if (rowNeed === rowCoefficient(tj) * delta) {
							const candidate = actual.map((row) => [...row]);
							for (const [a, b, d] of changes) candidate[a][b] += d;
							if (consistent(candidate, view)) return candidate;
						}
						continue;
					}
					if (visited.has(`row:${i}`)) continue;
					visited.add(`row:${i}`);
					queue.push({ kind: 'row', index: i, need: rowNeed, changes });
				}
			} else {
				const i = state.index;
				for (let j = 0; j <= c; j++) {
					if (!hiddenAt(i, j) || used(i, j)) continue;
					const change = state.need * rowCoefficient(j);
					if (actual[i][j] + change < 1) continue;
					if (visited.has(`col:${j}`)) continue;
					visited.add(`col:${j}`);
					const changes: [number, number, number][] = [...state.changes, [i, j, change]];
					queue.push({ kind: 'col', index: j, need: -colCoefficient(i) * change, changes });
				}
			}
		}
	}
	return null;
}

/** Every hidden figure, as [row, column] in the extended table, that a visitor could pin down. */
function recoverable(counts: number[][], hidden: boolean[][]): [number, number][] {
	const actual = extended(counts);
	const view = published(actual, hidden);
	expect(consistent(actual, view)).toBe(true);
	const found: [number, number][] = [];
	view.forEach((line, i) =>
		line.forEach((value, j) => {
			if (value === null && otherCompletion(actual, view, i, j) === null) found.push([i, j]);
		})
	);
	return found;
}

const labels = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
const run = (counts: number[][]) => suppressTable(labels(counts.length, 'r'), labels(counts[0].length, 'c'), counts);
/** Hides the small figures and nothing else, as a naive publisher would. */
const onlyPrimary = (counts: number[][]) => extended(counts).map((line) => line.map((value) => isSmallCount(value)));
const pattern = (result: TableSuppression) => result.hidden.map((row) => row.map((h) => (h ? 'x' : '.')).join(''));

describe('suppressTable', () => {
	it('shows a table with no small figures in full', () => {
		const result = run([
			[20, 15],
			[10, 0]
		]);
		expect(pattern(result)).toEqual(['..', '..']);
		expect(result.rowTotals).toEqual([35, 10]);
		expect(result.colTotals).toEqual([30, 15]);
		expect(result.grandTotal).toBe(45);
		expect([...result.rowTotalShown, ...result.colTotalShown, result.grandTotalShown].every(Boolean)).toBe(true);
	});

	it('protects one small cell with the cheapest rectangle of cells', () => {
		const counts = [
			[20, 3, 15],
			[10, 12, 8],
			[9, 11, 30]
		];
		const result = run(counts);
		// Rectangles through the 3: {15, 12, 8} costs 35, cheaper than 40, 42 or 56.
		expect(pattern(result)).toEqual(['.xx', '.xx', '...']);
		expect(result.cellReason[0][1]).toBe('primary');
		expect(result.cellReason[1][2]).toBe('secondary');
		expect([...result.rowTotalShown, ...result.colTotalShown, result.grandTotalShown].every(Boolean)).toBe(true);
		expect(recoverable(counts, hiddenGrid(result))).toEqual([]);
	});

	it('catches the subtraction that hiding only the small cell would allow', () => {
		// A test of the checker itself: with the 3 alone hidden, the checker must find it.
		const counts = [
			[20, 3, 15],
			[10, 12, 8]
		];
		const result = run(counts);
		expect(recoverable(counts, onlyPrimary(counts))).toEqual([[0, 1]]);
		expect(recoverable(counts, hiddenGrid(result))).toEqual([]);
	});

	it('hides another row total when one row total is small', () => {
		const counts = [
			[2, 0, 0],
			[10, 12, 8],
			[9, 11, 30]
		];
		const result = run(counts);
		expect(result.rowTotalShown[0]).toBe(false);
		// Otherwise the small total is the grand total minus the other two.
		expect(result.rowTotalShown.filter((shown) => !shown).length).toBeGreaterThanOrEqual(2);
		expect(result.hidden[0]).toEqual([true, false, false]);
		expect(recoverable(counts, hiddenGrid(result))).toEqual([]);
	});

	it('hides column totals in a one-row table, where each equals its cell', () => {
		const counts = [[3, 12, 20]];
		const result = run(counts);
		expect(pattern(result)).toEqual(['xx.']);
		expect(result.colTotalShown).toEqual([false, false, true]);
		expect(result.rowTotalShown).toEqual([true]);
		expect(recoverable(counts, hiddenGrid(result))).toEqual([]);
	});

	it('goes beyond a rectangle of ones, whose values would be forced', () => {
		const counts = [
			[1, 1, 20],
			[1, 1, 20],
			[30, 30, 30]
		];
		const result = run(counts);
		// Two 1s in each row and column look protected, but moving them would make a 0.
		expect(recoverable(counts, onlyPrimary(counts)).length).toBe(4);
		expect(result.hidden.flat().filter(Boolean).length).toBeGreaterThan(4);
		expect(recoverable(counts, hiddenGrid(result))).toEqual([]);
	});

	it('never hides a zero', () => {
		const result = run([
			[0, 4, 0],
			[0, 9, 7]
		]);
		expect(result.hidden[0][0] || result.hidden[0][2] || result.hidden[1][0]).toBe(false);
	});

	it('throws RangeError for a ragged table or a bad count', () => {
		expect(() => suppressTable(['a'], ['x', 'y'], [[1]])).toThrow(RangeError);
		expect(() => suppressTable(['a', 'b'], ['x'], [[1]])).toThrow(RangeError);
		expect(() => suppressTable(['a'], ['x'], [[-2]])).toThrow(RangeError);
	});

	it('leaves its input alone', () => {
		const counts = [
			[20, 3],
			[10, 12]
		];
		const copy = structuredClone(counts);
		run(counts);
		expect(counts).toEqual(copy);
	});

	const table = fc
		.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
		.chain(([r, c]) => fc.array(fc.array(count, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));

	it('leaves no hidden figure that a visitor could work out, for random tables', () => {
		fc.assert(
			fc.property(table, (counts) => {
				const result = run(counts);
				const actual = extended(counts);
				const view = published(actual, hiddenGrid(result));
				const r = counts.length;
				const c = counts[0].length;
				view.forEach((line, i) =>
					line.forEach((value, j) => {
						// Small figures are hidden, zeros never are.
						if (isSmallCount(actual[i][j])) expect(value).toBeNull();
						if (actual[i][j] === 0) expect(value).toBe(0);
					})
				);
				// The brief's property: a line whose total is shown hides no figure or at least two.
				for (let i = 0; i <= r; i++) {
					if (view[i][c] === null) continue;
					const hiddenCount = view[i].slice(0, c).filter((value) => value === null).length;
					expect(hiddenCount === 0 || hiddenCount >= 2, `row ${i} of ${JSON.stringify(counts)}`).toBe(true);
				}
				for (let j = 0; j <= c; j++) {
					if (view[r][j] === null) continue;
					const hiddenCount = view.slice(0, r).filter((line) => line[j] === null).length;
					expect(hiddenCount === 0 || hiddenCount >= 2, `column ${j} of ${JSON.stringify(counts)}`).toBe(true);
				}
				// Stronger: every hidden figure has another whole value consistent with all that is shown.
				expect(recoverable(counts, hiddenGrid(result)), JSON.stringify(counts)).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('hides no complement it does not need, for random tables', () => {
		fc.assert(
			fc.property(table, (counts) => {
				const result = run(counts);
				const actual = extended(counts);
				const hidden = hiddenGrid(result);
				hidden.forEach((line, i) =>
					line.forEach((isHidden, j) => {
						if (!isHidden || isSmallCount(actual[i][j])) return;
						if (i < counts.length && j < counts[0].length) expect(result.cellReason[i][j]).toBe('secondary');
						// Showing this complement again must expose some hidden figure.
						const again = hidden.map((row, a) => row.map((h, b) => h && !(a === i && b === j)));
						expect(recoverable(counts, again).length, `figure ${i},${j} of ${JSON.stringify(counts)}`).toBeGreaterThan(0);
					})
				);
			}),
			{ numRuns: 150 }
		);
	});

	it('hides no more than it must when nothing is small', () => {
		const big = fc.integer({ min: 5, max: 30 });
		fc.assert(
			fc.property(
				fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([r, c]) =>
					fc.array(fc.array(fc.oneof(big, fc.constant(0)), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
				),
				(counts) => {
					const result = run(counts);
					expect(result.hidden.flat().some(Boolean)).toBe(false);
				}
			)
		);
	});
});
