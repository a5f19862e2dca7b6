/**
 * A language's messages as a translator's sheet, and a sheet read back (decision 0058). Pure:
 * the service gives it the language's uploaded texts and saves what it finds.
 *
 * One row per message, or per plural form of the language for a number-dependent message
 * (`board_results#few`), with four columns: key, English, current text (uploaded, else shipped,
 * else empty: the message falls back to English), status (draft or reviewed).
 */
import { parseCsv, type CsvCell } from '../csv';
import { normaliseMessageText as normaliseText } from '$lib/text';
import { MAX_SHEET_BYTES, parsePattern, placeholdersOf, pluralForms, STATUSES, type MessageText, type Status } from '$lib/features/translations/model';
import { XlsxError, readXlsx } from '../xlsx';
import { english as englishOf, messageKeys, shipped, englishRowText, rowKeysOf, rowText } from './catalogue';

export const SHEET_COLUMNS = ['key', 'English', 'current text', 'status'] as const;
export { MAX_SHEET_BYTES };

/** A language's uploaded texts by sheet row. */
export type Uploaded = ReadonlyMap<string, { text: string; status: Status }>;

/** A row's text and status today: the uploaded one, else the shipped text as a draft, else '' (English is shown). */
export function current(locale: string, row: string, uploaded: Uploaded): { text: string; status: Status } {
	return uploaded.get(row) ?? { text: rowText(shipped()[locale][row.split('#')[0]], row) ?? '', status: 'draft' };
}

/** The sheet a translator downloads: the header, then every message's rows in key order. */
export function sheetRows(locale: string, uploaded: Uploaded): CsvCell[][] {
	const rows: CsvCell[][] = [[...SHEET_COLUMNS]];
	for (const key of messageKeys()) {
		for (const row of rowKeysOf(locale, key)) {
			const now = current(locale, row, uploaded);
			rows.push([row, englishRowText(row), now.text, now.status]);
		}
	}
	return rows;
}

/** A message's text in a language as the override registry takes it, from its rows today. */
export function messageText(locale: string, key: string, uploaded: Uploaded): MessageText {
	const english = englishOf()[key];
	if (typeof english === 'string') return current(locale, key, uploaded).text;
	const ours = shipped()[locale][key];
	const input = typeof ours === 'object' ? ours.input : english.input;
	return { input, forms: Object.fromEntries(rowKeysOf(locale, key).map((row) => [row.slice(row.indexOf('#') + 1), current(locale, row, uploaded).text])) };
}

export type FileProblem = 'too_big' | 'not_a_sheet' | 'no_sheet' | 'columns' | 'empty';
export type RowProblem =
	| { code: 'unknown_key'; key: string }
	| { code: 'twice'; key: string }
	| { code: 'empty_text' }
	| { code: 'braces'; at: string }
	| { code: 'placeholder_missing'; names: string[] }
	| { code: 'placeholder_added'; names: string[] }
	| { code: 'status'; value: string }
	| { code: 'plural_unknown'; form: string; forms: string[] }
	| { code: 'plural_missing'; forms: string[] };

export type SheetRow = { line: number; key: string; text: string; status: string; problems: RowProblem[] };
export type Change = { line: number; key: string; before: string; after: string; statusBefore: Status; statusAfter: Status };
export type SheetPreview = { fileProblem: FileProblem | null; rows: SheetRow[]; changes: Change[]; unchanged: number; problems: number };

/** Undoes the CSV download's guard against formulas: an apostrophe before `=`, `+`, `-`, `@`. */
const unguard = (cell: string) => (/^'[=+\-@\t\r\n]/.test(cell) ? cell.slice(1) : cell);

/** A file's cells: an .xlsx file (it starts as a zip does), else CSV. */
export function readSheet(file: Uint8Array): string[][] | FileProblem {
	if (file.length > MAX_SHEET_BYTES) return 'too_big';
	if (file[0] === 0x50 && file[1] === 0x4b) {
		try {
			return readXlsx(file);
		} catch (e) {
			if (!(e instanceof XlsxError)) throw e;
			return e.reason === 'too_big' ? 'too_big' : e.reason === 'no_sheet' ? 'no_sheet' : 'not_a_sheet';
		}
	}
	const text = new TextDecoder('utf-8', { fatal: false }).decode(file);
	try {
		return parseCsv(text).map((row) => row.map(unguard));
	} catch {
		return 'not_a_sheet';
	}
}

const fileFailure = (fileProblem: FileProblem): SheetPreview => ({ fileProblem, rows: [], changes: [], unchanged: 0, problems: 1 });

/**
 * What a sheet would change in a language, row by row, with each row's problems. Rows are
 * numbered as the spreadsheet numbers them (the header is row 1). A message left out of the
 * sheet stays as it is; a row whose text and status are as they are today is unchanged.
 */
export function previewSheet(locale: string, cells: string[][] | FileProblem, uploaded: Uploaded): SheetPreview {
	if (typeof cells === 'string') return fileFailure(cells);
	const [header, ...body] = cells;
	if (!header) return fileFailure('empty');
	if (SHEET_COLUMNS.some((name, i) => (header[i] ?? '').trim().toLowerCase() !== name.toLowerCase())) return fileFailure('columns');
	const forms = pluralForms(locale);
	const englishMessages = englishOf();
	const rows: SheetRow[] = [];
	const seen = new Map<string, SheetRow>();
	body.forEach((cellsOfRow, i) => {
		const [rawKey = '', , rawText = '', rawStatus = ''] = cellsOfRow;
		const key = rawKey.trim();
		if (!key && cellsOfRow.every((c) => c.trim() === '')) return;
		const row: SheetRow = { line: i + 2, key, text: normaliseText(rawText), status: rawStatus.trim().toLowerCase(), problems: [] };
		rows.push(row);
		const [messageKey, form] = key.split('#', 2) as [string, string | undefined];
		const english = englishMessages[messageKey];
		if (english === undefined || (typeof english === 'string' && form !== undefined)) row.problems.push({ code: 'unknown_key', key });
		else if (typeof english !== 'string' && (form === undefined || !forms.includes(form))) row.problems.push({ code: 'plural_unknown', form: form ?? '', forms });
		else if (seen.has(key)) row.problems.push({ code: 'twice', key });
		seen.set(key, row);
		if (!(STATUSES as readonly string[]).includes(row.status)) row.problems.push({ code: 'status', value: rawStatus.trim() });
		if (row.problems.length > 0 || english === undefined) return;
		const before = current(locale, key, uploaded);
		if (row.text === '') {
			if (before.text !== '' || row.status === 'reviewed') row.problems.push({ code: 'empty_text' });
			return;
		}
		const parsed = parsePattern(row.text);
		if ('problem' in parsed) {
			row.problems.push({ code: 'braces', at: parsed.at });
			return;
		}
		// the names English uses; a plural's own input may be left out of a form ("one answer")
		const allowed = typeof english === 'string' ? placeholdersOf(english) : placeholdersOf(Object.values(english.forms).join(' '));
		const used = placeholdersOf(row.text);
		const added = used.filter((n) => !allowed.includes(n));
		if (added.length) row.problems.push({ code: 'placeholder_added', names: added });
		const needed = typeof english === 'string' ? allowed : [];
		const missing = needed.filter((n) => !used.includes(n));
		if (missing.length) row.problems.push({ code: 'placeholder_missing', names: missing });
	});

	// a plural message's forms: every form of the language or none; between them, English's names
	const byMessage = new Map<string, SheetRow[]>();
	for (const row of rows) {
		const [messageKey, form] = row.key.split('#', 2);
		if (form !== undefined && typeof englishMessages[messageKey] === 'object') byMessage.set(messageKey, [...(byMessage.get(messageKey) ?? []), row]);
	}
	for (const [messageKey, formRows] of byMessage) {
		const english = englishMessages[messageKey];
		if (typeof english === 'string') continue;
		const present = formRows.map((r) => r.key.split('#')[1]);
		const absent = forms.filter((f) => !present.includes(f));
		if (absent.length) {
			formRows[0].problems.push({ code: 'plural_missing', forms: absent });
			continue;
		}
		const filled = formRows.filter((r) => r.text !== '');
		if (filled.length === 0 || filled.some((r) => r.problems.length)) continue;
		for (const r of formRows) if (r.text === '' && !r.problems.length) r.problems.push({ code: 'empty_text' });
		const input = english.input;
		const needed = placeholdersOf(Object.values(english.forms).join(' ')).filter((n) => n !== input);
		const used = placeholdersOf(filled.map((r) => r.text).join(' '));
		const missing = needed.filter((n) => !used.includes(n));
		if (missing.length) formRows[0].problems.push({ code: 'placeholder_missing', names: missing });
	}

	const changes: Change[] = [];
	let unchanged = 0;
	for (const row of rows) {
		if (row.problems.length) continue;
		const before = current(locale, row.key, uploaded);
		const status = row.status as Status;
		if ((row.text === normaliseText(before.text) || row.text === '') && status === before.status) unchanged++;
		else changes.push({ line: row.line, key: row.key, before: before.text, after: row.text === normaliseText(before.text) ? before.text : row.text, statusBefore: before.status, statusAfter: status });
	}
	const problems = rows.filter((r) => r.problems.length).length;
	return { fileProblem: rows.length === 0 ? 'empty' : null, rows, changes, unchanged, problems: rows.length === 0 ? 1 : problems };
}
