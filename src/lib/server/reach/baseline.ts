/**
 * The local SEND population baseline: an admin imports it from a CSV file (one line per
 * characteristic, category and count), sees a preview with every line's problems, and confirming
 * replaces the baseline there was (who and when go to the audit log). The same preview-then-save
 * flow as the standards' figures import, with problems as codes the page puts in words.
 */
import { asc, desc, eq } from 'drizzle-orm';
import { CATEGORIES, CHARACTERISTICS, isCategoryOf, isCharacteristic, type Category, type Characteristic } from '$lib/features/reach/model';
import { categoryName, characteristicName } from '$lib/features/reach/labels';
import { locales } from '$lib/paraglide/runtime';
import { isIsoDate } from '$lib/time';
import { parseCsv } from '../csv';
import { writeTransaction, type Db } from '../db';
import { reachBaseline, reachBaselineCount } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';
import * as audit from '../audit';

/** The columns of a baseline file, in this order, under a header line naming them. */
export const BASELINE_COLUMNS = ['characteristic', 'category', 'count'] as const;
/** The most lines a file may have under its header (there are fewer than 50 categories in all). */
export const BASELINE_MAX_ROWS = 500;
/** The most characters a file may have. */
export const BASELINE_MAX_CHARS = 100_000;
/** The largest count a line may give (more children than live in any area). */
const MAX_COUNT = 10_000_000;

/** What is wrong with a whole file. */
export type FileProblem = 'empty' | 'too_big' | 'unclosed_quote' | 'header' | 'no_rows' | 'too_many_rows';
/** What is wrong with one line; `value` is what the line said, for the message. */
export type RowProblem =
	| { code: 'columns'; value: string }
	| { code: 'characteristic'; value: string }
	| { code: 'category'; value: string }
	| { code: 'count_missing' }
	| { code: 'count_number'; value: string }
	| { code: 'count_negative'; value: string }
	| { code: 'count_too_big'; value: string }
	| { code: 'duplicate' };

export type BaselineRow = {
	line: number;
	/** The cells as written (trimmed), for the preview. */
	cells: { characteristic: string; category: string; count: string };
	/** What the line would save; null when it has problems. */
	figure: { characteristic: Characteristic; category: Category; count: number } | null;
	problems: RowProblem[];
};

/** The details an admin gives with the file. */
export type BaselineDetails = { asOf: string; source: string };
export type DetailsProblems = Partial<Record<'asOf' | 'source', 'missing' | 'invalid' | 'too_long'>>;

export type BaselinePreview = { rows: BaselineRow[]; problems: number; fileProblem: FileProblem | null; details: DetailsProblems };

function mustImport(actor: Actor): void {
	if (!can(actor, 'reach.baseline.import')) throw new ForbiddenError();
}

/** Words in any case and spacing, without punctuation: "Social, emotional & mental-health" ~ "social emotional mental health". */
function plain(text: string): string {
	return text
		.toLocaleLowerCase('en')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.replace(/\b(and|or|ve|veya)\b/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

let wordsCache: { characteristics: Map<string, Characteristic>; categories: Map<string, Map<string, Category>> } | null = null;

/** Each characteristic's and category's key and its words in every language, made plain, to what they name. */
function words() {
	if (wordsCache) return wordsCache;
	const characteristics = new Map<string, Characteristic>();
	const categories = new Map<string, Map<string, Category>>();
	for (const c of CHARACTERISTICS) {
		characteristics.set(plain(c), c);
		const own = new Map<string, Category>();
		for (const k of CATEGORIES[c] as readonly Category[]) own.set(plain(k), k);
		for (const locale of locales) {
			characteristics.set(plain(characteristicName(c, locale)), c);
			for (const k of CATEGORIES[c] as readonly Category[]) own.set(plain(categoryName(c, k as Category<typeof c>, locale)), k);
		}
		categories.set(c, own);
	}
	wordsCache = { characteristics, categories };
	return wordsCache;
}

function checkDetails(details: BaselineDetails): DetailsProblems {
	const problems: DetailsProblems = {};
	const asOf = details.asOf.trim();
	if (!asOf) problems.asOf = 'missing';
	else if (!isIsoDate(asOf)) problems.asOf = 'invalid';
	const source = details.source.trim();
	if (!source) problems.source = 'missing';
	else if (source.length > 200) problems.source = 'too_long';
	return problems;
}

function readCount(text: string): { count: number } | { problem: RowProblem } {
	if (text === '') return { problem: { code: 'count_missing' } };
	const digits = text.replace(/[\s,]/g, '');
	if (/^-\d+(\.\d+)?$/.test(digits)) return { problem: { code: 'count_negative', value: text } };
	if (!/^\d+$/.test(digits)) return { problem: { code: 'count_number', value: text } };
	const count = Number(digits);
	if (count > MAX_COUNT) return { problem: { code: 'count_too_big', value: text } };
	return { count };
}

/**
 * Reads a baseline file into a preview: every line with what it would save and its problems, and
 * the details' problems. Saves nothing. A characteristic and a category may be written as their
 * key ("need_area", "post_16") or their words in any of Chorus's languages. Throws ForbiddenError
 * for anyone but an admin.
 */
export function previewBaseline(actor: Actor, csv: string, details: BaselineDetails): BaselinePreview {
	mustImport(actor);
	const detailProblems = checkDetails(details);
	const file = (fileProblem: FileProblem): BaselinePreview => ({ rows: [], problems: 1, fileProblem, details: detailProblems });
	if (csv.length > BASELINE_MAX_CHARS) return file('too_big');
	let table: string[][];
	try {
		table = parseCsv(csv);
	} catch {
		return file('unclosed_quote');
	}
	if (table.length === 0) return file('empty');
	const header = table[0].map((h) => h.trim().toLowerCase());
	if (header.length !== BASELINE_COLUMNS.length || BASELINE_COLUMNS.some((c, i) => header[i] !== c)) return file('header');
	if (table.length === 1) return file('no_rows');
	if (table.length - 1 > BASELINE_MAX_ROWS) return file('too_many_rows');

	const { characteristics, categories } = words();
	const seen = new Set<string>();
	const rows = table.slice(1).map((raw, i): BaselineRow => {
		const [characteristicText = '', categoryText = '', countText = ''] = raw.map((c) => c.trim());
		const cells = { characteristic: characteristicText, category: categoryText, count: countText };
		const problems: RowProblem[] = [];
		if (raw.length !== BASELINE_COLUMNS.length) problems.push({ code: 'columns', value: String(raw.length) });
		const characteristic = characteristics.get(plain(characteristicText)) ?? null;
		if (!characteristic) problems.push({ code: 'characteristic', value: characteristicText });
		const category = characteristic ? (categories.get(characteristic)!.get(plain(categoryText)) ?? null) : null;
		if (characteristic && !category) problems.push({ code: 'category', value: categoryText });
		const read = readCount(countText);
		if ('problem' in read) problems.push(read.problem);
		if (characteristic && category) {
			const key = `${characteristic}|${category}`;
			if (seen.has(key)) problems.push({ code: 'duplicate' });
			seen.add(key);
		}
		const figure = problems.length === 0 && characteristic && category && 'count' in read ? { characteristic, category, count: read.count } : null;
		return { line: i + 2, cells, figure, problems };
	});
	const problems = rows.filter((r) => r.problems.length).length + Object.keys(detailProblems).length;
	return { rows, problems, fileProblem: null, details: detailProblems };
}

/**
 * Replaces the baseline with the file's figures, or saves nothing and returns the preview when
 * anything has a problem (checked again here). Throws ForbiddenError.
 */
export function importBaseline(
	db: Db,
	actor: Actor,
	csv: string,
	details: BaselineDetails,
	now = new Date()
): { saved: number; preview: BaselinePreview } {
	const preview = previewBaseline(actor, csv, details);
	if (preview.problems > 0 || preview.fileProblem) return { saved: 0, preview };
	writeTransaction(db, (tx) => {
		const before = tx.select({ id: reachBaseline.id }).from(reachBaseline).all();
		tx.delete(reachBaselineCount).run();
		tx.delete(reachBaseline).run();
		const { id } = tx
			.insert(reachBaseline)
			.values({ asOf: details.asOf.trim(), source: details.source.trim(), importedAt: now })
			.returning({ id: reachBaseline.id })
			.get();
		tx.insert(reachBaselineCount)
			.values(preview.rows.map((r) => ({ baselineId: id, ...r.figure! })))
			.run();
		audit.record(tx, {
			actorId: actor!.id,
			action: 'reach.baseline_imported',
			subjectType: 'reach_baseline',
			subjectId: id,
			details: { figures: preview.rows.length, asOf: details.asOf.trim(), replaced: before.map((b) => b.id) },
			at: now
		});
	});
	return { saved: preview.rows.length, preview };
}

export type BaselineFigures = {
	asOf: string;
	source: string;
	importedAt: Date;
	counts: { [C in Characteristic]: Partial<Record<Category<C>, number>> };
};

/** The baseline as it stands, or null when none was imported; no permission check (for this feature's own modules). */
export function baselineFigures(db: Db): BaselineFigures | null {
	const head = db.select().from(reachBaseline).orderBy(desc(reachBaseline.id)).limit(1).get();
	if (!head) return null;
	const counts = Object.fromEntries(CHARACTERISTICS.map((c) => [c, {}])) as BaselineFigures['counts'];
	const rows = db
		.select()
		.from(reachBaselineCount)
		.where(eq(reachBaselineCount.baselineId, head.id))
		.orderBy(asc(reachBaselineCount.characteristic))
		.all();
	for (const r of rows) {
		if (isCharacteristic(r.characteristic) && isCategoryOf(r.characteristic, r.category)) {
			(counts[r.characteristic] as Record<string, number>)[r.category] = r.count;
		}
	}
	return { asOf: head.asOf, source: head.source, importedAt: head.importedAt, counts };
}

/** The baseline for staff who read reports (the baseline page). Throws ForbiddenError. */
export function currentBaseline(db: Db, actor: Actor): BaselineFigures | null {
	if (!can(actor, 'reach.baseline.read')) throw new ForbiddenError();
	return baselineFigures(db);
}

/** Whether the actor may import a baseline (to show the link). */
export const mayImportBaseline = (actor: Actor): boolean => can(actor, 'reach.baseline.import');
