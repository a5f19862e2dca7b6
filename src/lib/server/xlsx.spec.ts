import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { columnName, readXlsx, toXlsx, xmlText } from './xlsx';

describe('spreadsheet files', () => {
	it('is a zip of the five parts a spreadsheet needs, with the sheet named as spreadsheets allow', () => {
		const parts = unzipSync(toXlsx([['a']], 'Report [draft]: 2026/27 with a very long name indeed'));
		expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
		const name = /<sheet name="([^"]*)"/.exec(strFromU8(parts['xl/workbook.xml']))![1];
		expect(name.length).toBeLessThanOrEqual(31);
		expect(name).not.toMatch(/[\\/?*[\]:]/);
	});

	it('keeps every text byte for byte, as text: formulas never run, no apostrophe added, accents and scripts intact', () => {
		const rows = [
			['Question', 'Answer', 'Count'],
			['=HYPERLINK("http://evil.example","click")', '-2+3', 7],
			['+SUM(A1:A2)', '@cmd', -1.5],
			['Café, İstanbul, "quoted" <b>&amp;</b>', 'میں ٹھیک ہوں', 0],
			['line one\nline two', '  spaces kept  ', null]
		];
		const back = readXlsx(toXlsx(rows));
		expect(back).toEqual([
			['Question', 'Answer', 'Count'],
			['=HYPERLINK("http://evil.example","click")', '-2+3', '7'],
			['+SUM(A1:A2)', '@cmd', '-1.5'],
			['Café, İstanbul, "quoted" <b>&amp;</b>', 'میں ٹھیک ہوں', '0'],
			['line one\nline two', '  spaces kept  ']
		]);
		const sheet = strFromU8(unzipSync(toXlsx(rows))['xl/worksheets/sheet1.xml']);
		// text is an inline string (t="inlineStr"), never a formula (<f>); numbers are numbers
		expect(sheet).not.toContain('<f>');
		expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(');
		expect(sheet).toContain('<c r="C3"><v>-1.5</v></c>');
	});

	it('drops what XML cannot hold, as the CSV drops hidden characters', () => {
		expect(xmlText('a\u0000b\u0007c\uFFFEd')).toBe('abcd');
		expect(readXlsx(toXlsx([['Bus\u0000 pass\u202e evil']]))[0][0]).toBe('Bus pass evil');
	});

	it('names columns past Z', () => {
		expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
		const wide = [Array.from({ length: 30 }, (_, i) => `c${i}`)];
		expect(readXlsx(toXlsx(wide))).toEqual(wide);
	});
});

describe('reading spreadsheets people saved', () => {
	const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
	const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
	/** A workbook as Excel and LibreOffice save it: shared strings, a sheet found through the workbook's relationships. */
	function saved(sheet: string, sharedStrings?: string, target = 'worksheets/sheet7.xml'): Uint8Array {
		const files: Record<string, string> = {
			'[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
			'xl/workbook.xml': `${XML}<workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Polski" sheetId="1" r:id="rId3"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/styles" Target="styles.xml"/><Relationship Id="rId3" Type="x/worksheet" Target="${target}"/></Relationships>`,
			[`xl/${target}`]: `${XML}<worksheet xmlns="${NS}"><sheetData>${sheet}</sheetData></worksheet>`
		};
		if (sharedStrings !== undefined) files['xl/sharedStrings.xml'] = `${XML}<sst xmlns="${NS}">${sharedStrings}</sst>`;
		return zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])));
	}

	it('reads shared strings, rich text runs, entities and Office escapes, and skips phonetic hints', () => {
		const file = saved(
			'<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="2"><v>1</v></c><c r="C1"><v>12.5</v></c></row>' +
				'<row r="3"><c r="B3" t="s"><v>2</v></c><c r="D3" t="str"><f>A1&amp;"x"</f><v>Zapisz&amp;x</v></c></row>',
			'<si><t>site_name</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Zapisz </t></r><r><t>{name}</t></r><rPh><t>ignored</t></rPh></si><si><t>Line_x000D_&#10;two &lt;b&gt; &#x1F600;</t></si>'
		);
		expect(readXlsx(file)).toEqual([['site_name', 'Zapisz {name}', '12.5'], [], ['', 'Line\r\ntwo <b> 😀', '', 'Zapisz&x']]);
	});

	it('reads inline strings, namespace prefixes and cells and rows without references', () => {
		const file = saved('<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c/><x:c t="inlineStr"><x:is><x:t>c</x:t></x:is></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c></x:row>');
		expect(readXlsx(file)).toEqual([['a', '', 'c'], ['2']]);
	});

	it('refuses what is not a spreadsheet, a spreadsheet with no sheet, and a zip bomb', () => {
		expect(() => readXlsx(strToU8('key,English\n'))).toThrow(expect.objectContaining({ reason: 'not_xlsx' }));
		expect(() => readXlsx(strToU8('PK not really'))).toThrow(expect.objectContaining({ reason: 'not_xlsx' }));
		expect(() => readXlsx(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))).toThrow(expect.objectContaining({ reason: 'no_sheet' }));
		// 40 MB of one repeated cell packs into a few tens of KB
		const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(40 * 1024 * 1024).fill(65) }, { level: 9 });
		expect(bomb.length).toBeLessThan(200_000);
		expect(() => readXlsx(bomb)).toThrow(expect.objectContaining({ reason: 'too_big' }));
		expect(() => readXlsx(toXlsx([['a'.repeat(2000)]]), { entryBytes: 1000, totalBytes: 10_000, entries: 10 })).toThrow(expect.objectContaining({ reason: 'too_big' }));
	});

	it('reads every file toXlsx writes back unchanged', () => {
		const rows = [['key', 'English'], ['a#one', '=HYPERLINK("x")'], ['b', 'ייִדיש & <i>']];
		expect(readXlsx(toXlsx(rows, 'pl'))).toEqual(rows);
	});
});
