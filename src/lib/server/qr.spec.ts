import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { escapeXml, QUIET_ZONE, qrSvg } from './qr';

const URL = 'http://localhost:3000/surveys/12';

/** Reads the module matrix back out of the path: each run is `M{x} {y}h{n}v1h-{n}z`. */
function matrixFromSvg(svg: string): { size: number; dark: boolean[][] } {
	const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
	const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
	const d = /<path [^>]*d="([^"]*)"/.exec(svg)?.[1] ?? '';
	for (const [, x, y, n, back] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
		expect(back).toBe(n);
		for (let i = 0; i < Number(n); i++) dark[Number(y)][Number(x) + i] = true;
	}
	expect(d.replace(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g, '')).toBe(''); // nothing else in the path
	return { size, dark };
}

describe('qrSvg', () => {
	it('draws exactly the modules of the QR code, with a 4-module quiet zone', () => {
		const svg = qrSvg(URL, 'QR code for the survey');
		const expected = encode(URL, { ecc: 'M', border: 0 });
		const { size, dark } = matrixFromSvg(svg);

		expect(size).toBe(expected.size + 2 * QUIET_ZONE);
		expect(size).toBe(17 + 4 * expected.version + 8);
		for (let y = 0; y < size; y++) {
			for (let x = 0; x < size; x++) {
				const inside = x >= QUIET_ZONE && y >= QUIET_ZONE && x < size - QUIET_ZONE && y < size - QUIET_ZONE;
				const want = inside ? expected.data[y - QUIET_ZONE][x - QUIET_ZONE] : false;
				expect(dark[y][x], `module ${x},${y}`).toBe(want);
			}
		}
		// The three finder patterns sit just inside the quiet zone.
		expect(dark[QUIET_ZONE][QUIET_ZONE]).toBe(true);
		expect(dark[QUIET_ZONE][size - QUIET_ZONE - 1]).toBe(true);
		expect(dark[size - QUIET_ZONE - 1][QUIET_ZONE]).toBe(true);
	});

	it('is a standalone, accessible, well-formed SVG, black on white and crisp', () => {
		const svg = qrSvg(URL, 'Scan to answer the survey');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
		expect(svg).toMatch(/<\/svg>$/);
		expect(svg).toContain('role="img"');
		expect(svg).toContain('aria-label="Scan to answer the survey"');
		expect(svg).toMatch(/<svg[^>]*><title>Scan to answer the survey<\/title>/); // title comes first
		expect(svg).toContain('shape-rendering="crispEdges"');
		expect(svg).toMatch(/<rect width="(\d+)" height="\1" fill="#fff"\/>/);
		expect(svg.match(/<path /g)).toHaveLength(1);
		expect(svg).toContain('fill="#000"');
		expect(svg).not.toMatch(/style=|<script|id=/);
		// Every element that is opened is closed, in order.
		const stack: string[] = [];
		for (const [, close, name, selfClose] of svg.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
			if (close) expect(stack.pop()).toBe(name);
			else if (!selfClose) stack.push(name);
		}
		expect(stack).toEqual([]);
	});

	it('escapes XML special characters in the label', () => {
		const svg = qrSvg(URL, `<&">'`);
		expect(svg).toContain('<title>&lt;&amp;&quot;&gt;&apos;</title>');
		expect(svg).toContain('aria-label="&lt;&amp;&quot;&gt;&apos;"');
		expect(svg).not.toContain('<&');
		expect(escapeXml('a < b && c > "d"')).toBe('a &lt; b &amp;&amp; c &gt; &quot;d&quot;');
	});

	it('grows with longer text and gives different codes for different text', () => {
		const short = matrixFromSvg(qrSvg(URL, 'x'));
		const long = matrixFromSvg(qrSvg(`${URL}?${'a'.repeat(200)}`, 'x'));
		expect(long.size).toBeGreaterThan(short.size);
		const other = matrixFromSvg(qrSvg('http://localhost:3000/surveys/13', 'x'));
		expect(other.size).toBe(short.size);
		expect(other.dark).not.toEqual(short.dark);
	});

	it('encodes non-Latin text', () => {
		const { size } = matrixFromSvg(qrSvg('https://example.org/anket/İğüş/سروے', 'Anket'));
		expect(size).toBeGreaterThan(21 + 2 * QUIET_ZONE);
	});
});
