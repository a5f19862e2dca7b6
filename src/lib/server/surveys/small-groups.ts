/**
 * Which filtered views of a survey's results may be shown, so that nobody can work out what a
 * group of fewer than T people answered, T being the area's "fewest responses for a
 * percentage" (10 by default, in /admin/settings). Pure: it works on each response's "about you"
 * answers, language and group, and uses the disclosure maths of the board's reports
 * (../disclosure.ts) rather than a second copy.
 *
 * What a reader of the results pages can see: the whole survey, and any filtered view this file
 * allows, each with its number of responses and its counts. What they could then work out, and
 * the rule that stops each:
 *
 * R1. The whole survey is a group too. With fewer than T responses no filtered view is shown
 *     (the whole-survey page still shows counts, with small ones hidden and no percentages).
 * R2. A filter on one thing (one "about you" answer, one language, one group): its group must
 *     have at least T people, and it must not be the way to work out a smaller group by
 *     subtraction. In the breakdown of the whole survey by that question (every answer, and
 *     "no answer", which nobody can filter on but anyone can work out), groups of 1 to T - 1 are
 *     hidden, and then more until the hidden groups together have at least T people and none of
 *     them can be worked out on its own (`hiddenCanBeWorkedOut`, the reports' rule). A hidden
 *     group's view is refused: "too few to show".
 * R3. Two groups from different questions can give a third: "North" plus "Turkish" minus
 *     everyone is "in the North and Turkish" when nobody is neither; "parent carers" minus "a
 *     parent or carer" is whoever skipped "who is answering?" (a group is worked out from that
 *     answer, so one lies inside the other). For every two groups a reader can see or work out,
 *     each of the four parts of their 2 x 2 table that subtraction gives (a part whose opposite
 *     part is empty) must be empty or have at least T people; otherwise both are hidden, R2 runs
 *     again for their questions, and this repeats until nothing is left to hide.
 * R4. Filters on several things at once ("North" and "aged 5 to 10"): every part of the table
 *     of the questions filtered on (every combination of their answers) must be empty or have at
 *     least T people, each filter must be allowed alone, and the group must pass R3 against every
 *     group of R2. Then anything worked out from views on those questions is a sum of such parts.
 *     On a few hundred responses some combination is nearly always small, so this is refused.
 *
 * What this does not claim: it reasons about groups (who is in a view), not about single counts
 * inside two views (a count of 1 to 4 among at least T people can differ between two pages);
 * and it checks pairs of groups, not every sum of three or more views of different questions
 * that happens to cancel out. Both would need knowledge of empty combinations that the pages do
 * not show directly; rounding or noise would be the next step if that risk were judged real.
 */
import { hiddenCanBeWorkedOut, suppressBreakdown } from '../disclosure';

/** One thing responses can be filtered on, and each response's value ('' = no answer). */
export type Dimension = {
	key: string;
	/** Values a filter may ask for (a dimension's "no answer", or a pick-any option's "not chosen", may not be asked for). */
	filterable: readonly string[];
	/** Each response's value, by response index. */
	values: readonly string[];
};

export type Condition = { dimension: string; value: string };

/** A set of responses as bits, by response index. */
type Bits = Uint32Array;

function bitsOf(values: readonly string[], value: string, words: number): Bits {
	const b = new Uint32Array(words);
	values.forEach((v, i) => {
		if (v === value) b[i >>> 5] |= 1 << (i & 31);
	});
	return b;
}

function popcount(x: number): number {
	x -= (x >>> 1) & 0x55555555;
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function size(b: Bits): number {
	let n = 0;
	for (let i = 0; i < b.length; i++) n += popcount(b[i]);
	return n;
}

function overlap(a: Bits, b: Bits): number {
	let n = 0;
	for (let i = 0; i < a.length; i++) n += popcount(a[i] & b[i]);
	return n;
}

function union(parts: readonly Bits[], words: number): Bits {
	const u = new Uint32Array(words);
	for (const p of parts) for (let i = 0; i < words; i++) u[i] |= p[i];
	return u;
}

/**
 * Whether two groups of `total` responses, with `both` in common, let subtraction reach a part
 * of 1 to T - 1 people: a part is reached when the part opposite it in their 2 x 2 table is empty.
 */
export function pairGivesSmallPart(total: number, a: number, b: number, both: number, threshold: number): boolean {
	const onlyA = a - both;
	const onlyB = b - both;
	const neither = total - a - b + both;
	const small = (n: number) => n >= 1 && n < threshold;
	return (neither === 0 && small(both)) || (both === 0 && small(neither)) || (onlyB === 0 && small(onlyA)) || (onlyA === 0 && small(onlyB));
}

type Cell = { value: string; count: number; bits: Bits };

/**
 * R2 for one breakdown of `total` responses: which cells may stay shown, given cells that must be
 * hidden whatever their size. Cells of 1 to threshold - 1 are hidden, then more (smallest first)
 * until the hidden cells together are none or at least `threshold` and none of them can be worked
 * out from the others (../disclosure.ts). Also used for the service lead's CSV file.
 */
export function protectBreakdown(
	cells: readonly { value: string; count: number }[],
	total: number,
	threshold: number,
	forced: ReadonlySet<string> = new Set()
): Set<string> {
	const rules = { minimumForPercentage: threshold, smallCountBelow: threshold };
	const first = suppressBreakdown(
		cells.map((c) => ({ key: c.value, count: c.count })),
		total,
		rules
	);
	if (!first.totalShown) return new Set();
	const shown = new Set(first.cells.filter((c) => c.shown).map((c) => c.key));
	for (const f of forced) shown.delete(f);
	for (;;) {
		const hidden = cells.filter((c) => !shown.has(c.value) && c.count > 0).map((c) => c.count);
		const hiddenSum = hidden.reduce((a, n) => a + n, 0);
		// The hidden groups together are the whole survey minus the shown ones: they must be a group
		// of at least T, and no one of them may be worked out from the others (the reports' rule).
		if (!hiddenCanBeWorkedOut(hidden) && (hiddenSum === 0 || hiddenSum >= threshold)) return shown;
		let next: { value: string; count: number } | undefined;
		for (const c of cells) if (shown.has(c.value) && c.count > 0 && (!next || c.count < next.count)) next = c;
		if (!next) return new Set();
		shown.delete(next.value);
	}
}

export type Decision = {
	/** "dimension=value" of every filter on one thing that may be shown. */
	allowed: ReadonlySet<string>;
	/** Whether a filter (any number of conditions) may be shown (R1 to R4). */
	mayShow: (conditions: readonly Condition[]) => boolean;
};

const keyOf = (c: Condition) => `${c.dimension}=${c.value}`;

/**
 * Decides which filtered views of `total` responses may be shown, with groups of fewer than
 * `threshold` protected (rules R1 to R4 at the top of this file).
 */
export function decide(dimensions: readonly Dimension[], total: number, threshold: number): Decision {
	const words = Math.max(1, Math.ceil(total / 32));
	const everyone = new Uint32Array(words);
	for (let i = 0; i < total; i++) everyone[i >>> 5] |= 1 << (i & 31);

	// Each question's cells: every value a response has, with its members.
	const cellsOf = new Map<string, Cell[]>();
	for (const d of dimensions) {
		const values = [...new Set([...d.values, ...d.filterable])];
		cellsOf.set(
			d.key,
			values.map((value) => {
				const bits = bitsOf(d.values, value, words);
				return { value, count: size(bits), bits };
			})
		);
	}
	const filterable = new Map(dimensions.map((d) => [d.key, new Set(d.filterable)]));

	// R1
	if (total < threshold) return { allowed: new Set(), mayShow: (conditions) => conditions.length === 0 };

	// R2 then R3, until nothing more needs hiding.
	const forced = new Map<string, Set<string>>(dimensions.map((d) => [d.key, new Set()]));
	const shown = new Map<string, Set<string>>();
	let changed = true;
	while (changed) {
		changed = false;
		for (const d of dimensions) shown.set(d.key, protectBreakdown(cellsOf.get(d.key)!, total, threshold, forced.get(d.key)!));
		// Every group a reader can see or work out: each shown cell (a view, or "no answer" worked
		// out as everyone minus the views), and each question's hidden cells together.
		type Group = { dimension: string; cell: Cell | null; bits: Bits; count: number };
		const groups: Group[] = [];
		for (const d of dimensions) {
			const cells = cellsOf.get(d.key)!;
			const visible = shown.get(d.key)!;
			for (const c of cells) if (visible.has(c.value) && c.count > 0 && c.count < total) groups.push({ dimension: d.key, cell: c, bits: c.bits, count: c.count });
			const hidden = cells.filter((c) => !visible.has(c.value) && c.count > 0);
			const hiddenCount = hidden.reduce((a, c) => a + c.count, 0);
			if (hidden.length && hiddenCount < total) {
				groups.push({ dimension: d.key, cell: null, bits: union(hidden.map((c) => c.bits), words), count: hiddenCount });
			}
		}
		const hide = (g: Group) => {
			const f = forced.get(g.dimension)!;
			if (g.cell) {
				if (!f.has(g.cell.value)) {
					f.add(g.cell.value);
					changed = true;
				}
				return;
			}
			// A question's hidden cells are worked out together: hide one more (the smallest shown).
			const visible = shown.get(g.dimension)!;
			const next = cellsOf
				.get(g.dimension)!
				.filter((c) => visible.has(c.value) && c.count > 0 && !f.has(c.value))
				.sort((a, b) => a.count - b.count)[0];
			if (next) {
				f.add(next.value);
				changed = true;
			}
		};
		for (let i = 0; i < groups.length; i++) {
			for (let j = i + 1; j < groups.length; j++) {
				const a = groups[i];
				const b = groups[j];
				if (pairGivesSmallPart(total, a.count, b.count, overlap(a.bits, b.bits), threshold)) {
					hide(a);
					hide(b);
				}
			}
		}
	}

	const allowed = new Set<string>();
	for (const d of dimensions) for (const v of shown.get(d.key)!) if (filterable.get(d.key)!.has(v)) allowed.add(keyOf({ dimension: d.key, value: v }));
	const singles: Bits[] = [];
	for (const d of dimensions) for (const c of cellsOf.get(d.key)!) if (c.count > 0 && c.count < total && shown.get(d.key)!.has(c.value)) singles.push(c.bits);

	const byDimension = new Map(dimensions.map((d) => [d.key, d]));
	const mayShow = (conditions: readonly Condition[]): boolean => {
		if (conditions.length === 0) return true;
		// A value nobody has (a language nobody answered in): no responses, which says nothing about anyone.
		if (conditions.length === 1 && !byDimension.get(conditions[0].dimension)?.values.includes(conditions[0].value)) return true;
		if (!conditions.every((c) => allowed.has(keyOf(c)))) return false;
		const keys = [...new Set(conditions.map((c) => c.dimension))];
		// Two different answers to the same question: nobody, which says nothing about anyone.
		if (keys.length < conditions.length) return true;
		if (conditions.length === 1) return true;
		// R4: every combination of the filtered questions' answers is empty or has at least T people.
		const parts = new Map<string, number>();
		const columns = keys.map((k) => byDimension.get(k)!.values);
		let matched = 0;
		const matching = new Uint32Array(words);
		for (let i = 0; i < total; i++) {
			const tuple = columns.map((col) => col[i]).join('\u0000');
			parts.set(tuple, (parts.get(tuple) ?? 0) + 1);
			if (conditions.every((c) => byDimension.get(c.dimension)!.values[i] === c.value)) {
				matched++;
				matching[i >>> 5] |= 1 << (i & 31);
			}
		}
		for (const n of parts.values()) if (n < threshold) return false;
		if (matched === 0) return true;
		// ...and it gives no small part with any group of R2.
		return singles.every((g) => !pairGivesSmallPart(total, matched, size(g), overlap(matching, g), threshold));
	};
	return { allowed, mayShow };
}

/** The responses a filter matches, by index (for the property test and the pages' own counts). */
export function matches(dimensions: readonly Dimension[], conditions: readonly Condition[], total: number): number[] {
	const byKey = new Map(dimensions.map((d) => [d.key, d]));
	const out: number[] = [];
	for (let i = 0; i < total; i++) if (conditions.every((c) => byKey.get(c.dimension)?.values[i] === c.value)) out.push(i);
	return out;
}
