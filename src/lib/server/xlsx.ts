/**
 * Spreadsheet files (.xlsx, Office Open XML) for every table Chorus lets people download beside
 * its CSV. A text cell is an inline string: a spreadsheet shows it exactly as typed and never runs
 * it as a formula (so, unlike the CSV, no apostrophe goes in front of "=" or "-"), and accents and
 * every script survive, since the file is UTF-8 XML. Numbers the app computed are number cells.
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

function cell(value: CsvCell, ref: string): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
	// normalised as the CSV's text is (text saved before the boundary rule may hold NUL or a bidi override)
	const text = xmlText(normaliseText(value));
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

/** The rows as one sheet of an .xlsx file; null and undefined leave a cell empty. */
export function toXlsx(rows: readonly (readonly CsvCell[])[], name = 'Sheet1'): Uint8Array {
	const data = rows.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => cell(value, `${columnName(c)}${r + 1}`)).join('')}</row>`).join('');
	const files: Record<string, string> = {
		'[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		'_rels/.rels': `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="${xmlText(sheetName(name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`
	};
	return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])), { level: 6 });
}

const UNESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** A column's index from its letters: A is 0, AA is 26. */
function columnIndex(letters: string): number {
	return [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
}

/**
 * Reads back the one sheet of a file `toXlsx` wrote (inline strings and numbers, as text), row by
 * row; an empty cell is ''. Not a general reader: shared strings, styles and formulas are not read.
 * The tests read downloads with it.
 */
export function readXlsx(file: Uint8Array): string[][] {
	const sheet = unzipSync(file)['xl/worksheets/sheet1.xml'];
	if (!sheet) throw new Error('No sheet in this file');
	const xml = strFromU8(sheet);
	const rows: string[][] = [];
	for (const [, number, content] of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
		const row: string[] = [];
		for (const [, letters, body] of content.matchAll(/<c r="([A-Z]+)\d+"[^>]*>(.*?)<\/c>/gs)) {
			const text = /<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '';
			const at = columnIndex(letters);
			while (row.length < at) row.push('');
			row[at] = text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => UNESCAPES[name]);
		}
		rows[Number(number) - 1] = row;
	}
	return Array.from(rows, (row) => row ?? []);
}
