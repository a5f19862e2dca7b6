import { strFromU8, unzipSync } from 'fflate';
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
