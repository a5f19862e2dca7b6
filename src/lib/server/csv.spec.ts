import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv';

const BOM = '\uFEFF';

describe('toCsv', () => {
	it('starts with a UTF-8 BOM and ends every row with CRLF', () => {
		const csv = toCsv([
			['Name', 'Answer'],
			['Ayşe', 'İyi'],
			['Zainab', 'اچھا']
		]);
		expect(csv).toBe(`${BOM}Name,Answer\r\nAyşe,İyi\r\nZainab,اچھا\r\n`);
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	});

	it('gives just the BOM for no rows', () => {
		expect(toCsv([])).toBe(BOM);
	});

	it('quotes fields with commas, quotes or line breaks and doubles inner quotes; a line break in a cell is LF, as Excel writes it', () => {
		const csv = toCsv([['a,b', 'say "hi"', 'line 1\nline 2', 'cr\rhere', 'crlf\r\nhere', 'plain']]);
		expect(csv).toBe(`${BOM}"a,b","say ""hi""","line 1\nline 2","cr\nhere","crlf\nhere",plain\r\n`);
	});

	it('cannot be broken by text saved before the boundary rule: NUL, Word line breaks, hidden and bidirectional characters', () => {
		const saved = ['nul\u0000here', 'word\u000bbreak\u000cpage', 'line\u2028sep', '\u202eevil\u202c', 'joined\u2060word', 'lone \ud800 half', 'family 👩\u200d👧'];
		const csv = toCsv([saved]);
		// eslint-disable-next-line no-control-regex -- no control characters but the line breaks
		expect(csv).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u2028\u202a-\u202e\u2060\ud800]/);
		expect(parseCsv(csv.slice(1))).toEqual([['nulhere', 'word\nbreak\npage', 'line\nsep', 'evil', 'joinedword', 'lone  half', 'family 👩\u200d👧']]);
	});

	it('writes null and undefined as empty fields', () => {
		expect(toCsv([[null, 'x', undefined], [undefined]])).toBe(`${BOM},x,\r\n\r\n`);
	});

	it('writes numbers plainly, negative ones included, and never neutralises them', () => {
		expect(toCsv([[1, -5, 0.25, -0.5, 1e21, 0]])).toBe(`${BOM}1,-5,0.25,-0.5,1e+21,0\r\n`);
		// Not a number is not data: the cell is left empty rather than spelling "NaN".
		expect(toCsv([[NaN, Infinity, -Infinity]])).toBe(`${BOM},,\r\n`);
	});

	it.each([
		['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
		["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
		['@SUM(1)', "'@SUM(1)"],
		['-2+3', "'-2+3"],
		['-5', "'-5"],
		['\t=1', "'\t=1"],
		['\r=1', `"'\n=1"`],
		['\n=1', `"'\n=1"`],
		// a hidden character in front does not hide the formula: it is removed first
		['\u2060=1+1', "'=1+1"],
		['\ufeff@SUM(1)', "'@SUM(1)"],
		['\u202e=1', "'=1"],
		['=1+1,2', `"'=1+1,2"`]
	])('neutralises the formula %j', (cell, written) => {
		expect(toCsv([[cell]])).toBe(`${BOM}${written}\r\n`);
	});

	it('leaves ordinary text alone, even with formula characters further in', () => {
		expect(toCsv([['a=b', 'x+y', 'me@example.org', "It's fine", '5', '']])).toBe(
			`${BOM}a=b,x+y,me@example.org,It's fine,5,\r\n`
		);
	});

	it('round-trips through a strict RFC 4180 reader', () => {
		const rows = [
			['id', 'comment', 'score'],
			['1', 'He said "no", then\r\nleft', '3'],
			['2', '', '-']
		];
		const parsed = parseCsv(toCsv(rows).slice(1));
		expect(parsed).toEqual([rows[0], ['1', 'He said "no", then\nleft', '3'], ['2', '', "'-"]]);
	});
});

describe('neutraliseCell', () => {
	it('prefixes an apostrophe only to cells that start a formula', () => {
		expect(neutraliseCell('=1')).toBe("'=1");
		expect(neutraliseCell('+1')).toBe("'+1");
		expect(neutraliseCell('-1')).toBe("'-1");
		expect(neutraliseCell('@x')).toBe("'@x");
		expect(neutraliseCell('\tx')).toBe("'\tx");
		expect(neutraliseCell('\rx')).toBe("'\rx");
		expect(neutraliseCell('x=1')).toBe('x=1');
		expect(neutraliseCell(' =1')).toBe(' =1');
		expect(neutraliseCell('')).toBe('');
		expect(neutraliseCell("'=1")).toBe("'=1");
	});
});

/** A small strict RFC 4180 parser (CRLF records, quoted fields), for the round-trip test. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let i = 0;
	while (i < text.length) {
		let value = '';
		if (text[i] === '"') {
			i++;
			for (;;) {
				if (i >= text.length) throw new Error('unclosed quote');
				if (text[i] === '"') {
					if (text[i + 1] === '"') {
						value += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				value += text[i++];
			}
		} else {
			while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
				if (text[i] === '\n' || text[i] === '"') throw new Error(`bare ${JSON.stringify(text[i])}`);
				value += text[i++];
			}
		}
		row.push(value);
		if (text[i] === ',') i++;
		else if (text.startsWith('\r\n', i)) {
			rows.push(row);
			row = [];
			i += 2;
		} else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
	}
	if (row.length) throw new Error('last row not ended by CRLF');
	return rows;
}
