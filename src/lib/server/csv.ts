/**
 * CSV downloads (survey answers, report tables) that open safely in Excel, LibreOffice and
 * Google Sheets: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark so Excel reads
 * accents, Turkish and Urdu correctly, and no cell a spreadsheet would run as a formula.
 */
import { normaliseText } from '$lib/text';

export type CsvCell = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (or strip to one that does). */
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Prefixes an apostrophe to text a spreadsheet would treat as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return or line feed at the start), so `=HYPERLINK(...)` or `-2+3` shows as typed instead of
 * running. Spreadsheets hide the apostrophe when the file is opened.
 */
export function neutraliseCell(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: CsvCell, normalise: (text: string) => string = normaliseText): string {
	if (cell === null || cell === undefined) return '';
	// Numbers the app computed are data, written as they are (a negative count stays a number).
	// Text is normalised first (text saved before the boundary rule may hold NUL, a Word line break
	// or a bidirectional override), then checked for a formula: a hidden character in front of "="
	// must not hide the formula from the check.
	const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : neutraliseCell(normalise(cell));
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as one CSV document: BOM first, fields separated by commas, each row ended by CRLF.
 * Null and undefined become empty fields.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], normalise: (text: string) => string = normaliseText): string {
	return '\uFEFF' + rows.map((row) => row.map((c) => field(c, normalise)).join(',') + '\r\n').join('');
}

/**
 * Reads a CSV document (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks;
 * CRLF or LF line ends; a leading byte-order mark is ignored). Returns rows of fields; blank
 * lines are skipped. A quote left open at the end throws a RangeError naming the line.
 */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let fieldText = '';
	let quoted = false;
	let line = 1;
	let quoteLine = 0;
	const src = text.replace(/^\uFEFF/, '');
	const endRow = () => {
		row.push(fieldText);
		if (!(row.length === 1 && row[0].trim() === '')) rows.push(row);
		row = [];
		fieldText = '';
	};
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') {
				fieldText += '"';
				i++;
			} else if (c === '"') quoted = false;
			else {
				if (c === '\n') line++;
				fieldText += c;
			}
		} else if (c === '"' && fieldText === '') {
			quoted = true;
			quoteLine = line;
		} else if (c === ',') {
			row.push(fieldText);
			fieldText = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && src[i + 1] === '\n') i++;
			endRow();
			line++;
		} else fieldText += c;
	}
	if (quoted) throw new RangeError(`A quote opened on line ${quoteLine} is never closed.`);
	if (fieldText !== '' || row.length) endRow();
	return rows;
}
