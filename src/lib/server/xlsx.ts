/**
 * Spreadsheet files (.xlsx, Office Open XML) for every table Chorus lets people download beside
 * its CSV. A text cell is an inline string: a spreadsheet shows it exactly as typed and never runs
 * it as a formula (so, unlike the CSV, no apostrophe goes in front of "=" or "-"), and accents and
 * every script survive, since the file is UTF-8 XML. Numbers the app computed are number cells.
 *
 * `readXlsx` reads back the first sheet of a file people saved (translators' sheets, decision
 * 0058): shared and inline strings, never a formula worked out, a zip bomb refused unopened.
 *
 * Written here with fflate (already used for the data download's zip) rather than a package: the
 * `xlsx` package on npm is an old, unmaintained SheetJS release with known vulnerabilities
 * (issue 18), and one sheet of values is five small XML files.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { normaliseText } from '$lib/text';
import type { CsvCell } from './csv';

/** Characters XML 1.0 cannot hold: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; lone surrogates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data. */
export function xmlText(text: string): string {
	return text.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** A column's letters: 0 is A, 25 is Z, 26 is AA. */
export function columnName(index: number): string {
	let n = index + 1;
	let name = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		name = String.fromCharCode(65 + r) + name;
		n = Math.floor((n - 1) / 26);
	}
	return name;
}

function cell(value: CsvCell, ref: string, normalise: (text: string) => string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
	// normalised as the CSV's text is (text saved before the boundary rule may hold NUL or a bidi override)
	const text = xmlText(normalise(value));
	return text === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

/** A sheet's name as spreadsheets allow it: at most 31 characters, none of \ / ? * [ ] : */
function sheetName(name: string): string {
	return normaliseText(name).replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || 'Sheet1';
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/**
 * The rows as one sheet of an .xlsx file; null and undefined leave a cell empty. Text passes
 * through `normalise` (normaliseText unless the rows are the interface's own messages).
 */
export function toXlsx(rows: readonly (readonly CsvCell[])[], name = 'Sheet1', normalise: (text: string) => string = normaliseText): Uint8Array {
	const data = rows.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, `${columnName(c)}${r + 1}`, normalise)).join('')}</row>`).join('');
	const files: Record<string, string> = {
		'[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		'_rels/.rels': `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`
	};
	return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])), { level: 6 });
}

/** Why a file could not be read as a spreadsheet. */
export class XlsxError extends Error {
	constructor(
		readonly reason: 'not_xlsx' | 'too_big' | 'no_sheet',
		message: string
	) {
		super(message);
		this.name = 'XlsxError';
	}
}

/** What reading a spreadsheet may cost: a small zip can claim to unpack to gigabytes (a zip bomb). */
export type XlsxLimits = { entryBytes: number; totalBytes: number; entries: number };
export const XLSX_LIMITS: XlsxLimits = { entryBytes: 32 * 1024 * 1024, totalBytes: 48 * 1024 * 1024, entries: 500 };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data as text: the five named entities, numeric references, and Office's `_xHHHH_` escapes. */
function unescapeXml(text: string): string {
	return text
		.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-z]+));/g, (whole, hex?: string, dec?: string, name?: string) => {
			if (name) return ENTITIES[name] ?? whole;
			const code = hex ? parseInt(hex, 16) : Number(dec);
			return code <= 0x10ffff ? String.fromCodePoint(code) : '';
		})
		.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of a string item (`<si>` or `<is>`): its `<t>`, or the `<t>` of each rich-text run, never phonetic hints. */
function itemText(xml: string): string {
	const withoutHints = xml.replace(/<(\w+:)?rPh\b[^>]*>.*?<\/\1?rPh>/gs, '');
	let text = '';
	for (const [, , body] of withoutHints.matchAll(/<(\w+:)?t(?:\s[^>]*)?>(.*?)<\/\1?t>/gs)) text += unescapeXml(body);
	return text;
}

/** A column's index from its letters: A is 0, AA is 26. */
function columnIndex(letters: string): number {
	return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

function attribute(attributes: string, name: string): string | undefined {
	return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
}

/**
 * Reads the first sheet of an .xlsx file as rows of text, as the spreadsheet shows them: a
 * shared string (what Excel and LibreOffice save), an inline string (what Chorus writes), a
 * number or a formula's last result as written in the file. Formulas are never worked out; an
 * empty cell is '' and a row ends at its last cell. Throws an XlsxError when the file is not a
 * spreadsheet, has no sheet, or would unpack to more than the limits allow (a zip bomb: the
 * sizes the zip declares are checked before anything is unpacked, and nothing unpacks past them).
 */
export function readXlsx(file: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): string[][] {
	if (file[0] !== 0x50 || file[1] !== 0x4b) throw new XlsxError('not_xlsx', 'This is not a spreadsheet (.xlsx) file.');
	let entries = 0;
	let total = 0;
	let tooBig = false;
	const wanted = (name: string) => /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/sharedStrings\.xml|xl\/worksheets\/[^/]+\.xml)$/.test(name);
	let parts: Record<string, Uint8Array>;
	try {
		parts = unzipSync(file, {
			filter: (entry) => {
				entries++;
				if (!wanted(entry.name)) return false;
				total += entry.originalSize;
				if (entries > limits.entries || entry.originalSize > limits.entryBytes || total > limits.totalBytes) tooBig = true;
				return !tooBig;
			}
		});
	} catch {
		throw new XlsxError('not_xlsx', 'This is not a spreadsheet (.xlsx) file, or it is damaged.');
	}
	if (tooBig) throw new XlsxError('too_big', 'This spreadsheet unpacks to more than Chorus reads.');
	const text = (name: string) => (parts[name] ? strFromU8(parts[name]) : undefined);

	// the first sheet in the workbook's order, wherever its relationship says it is
	const workbook = text('xl/workbook.xml') ?? '';
	const relations = text('xl/_rels/workbook.xml.rels') ?? '';
	const firstId = /<(?:\w+:)?sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
	const target = firstId ? new RegExp(`<(?:\\w+:)?Relationship\\b[^>]*\\bId="${firstId.replace(/[^\w-]/g, '')}"[^>]*>`).exec(relations)?.[0] : undefined;
	const targetPath = target ? attribute(target.replace(/^<\S+/, ''), 'Target') : undefined;
	const sheetPath = targetPath ? (targetPath.startsWith('/') ? targetPath.slice(1) : `xl/${targetPath}`).replace(/\/\.\//g, '/') : 'xl/worksheets/sheet1.xml';
	const sheet = text(sheetPath) ?? text('xl/worksheets/sheet1.xml');
	if (sheet === undefined) throw new XlsxError('no_sheet', 'This spreadsheet has no sheet.');

	const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<(\w+:)?si\b[^>]*?(?:\/>|>(.*?)<\/\1?si>)/gs)].map(([, , body]) => itemText(body ?? ''));

	const rows: string[][] = [];
	let nextRow = 0;
	for (const [, , rowAttributes, content] of sheet.matchAll(/<(\w+:)?row\b([^>]*?)(?:\/>|>(.*?)<\/\1?row>)/gs)) {
		const number = Number(attribute(rowAttributes, 'r'));
		const r = Number.isSafeInteger(number) && number > 0 ? number - 1 : nextRow;
		nextRow = r + 1;
		const row: string[] = [];
		let nextColumn = 0;
		for (const [, , cellAttributes, body = ''] of (content ?? '').matchAll(/<(\w+:)?c\b([^>]*?)(?:\/>|>(.*?)<\/\1?c>)/gs)) {
			const ref = attribute(cellAttributes, 'r');
			const at = ref && /^[A-Z]+/.test(ref) ? columnIndex(/^[A-Z]+/.exec(ref)![0]) : nextColumn;
			nextColumn = at + 1;
			const type = attribute(cellAttributes, 't');
			const value = /<(\w+:)?v\b[^>]*>(.*?)<\/\1?v>/s.exec(body)?.[2];
			let cellText: string;
			if (type === 'inlineStr') cellText = itemText(/<(\w+:)?is\b[^>]*>(.*?)<\/\1?is>/s.exec(body)?.[2] ?? '');
			else if (type === 's') cellText = shared[Number(value)] ?? '';
			else cellText = value === undefined ? '' : unescapeXml(value);
			if (cellText === '') continue;
			while (row.length < at) row.push('');
			row[at] = cellText;
		}
		rows[r] = row;
	}
	return Array.from(rows, (row) => row ?? []);
}
