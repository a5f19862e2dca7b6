import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './http';

const SITE = 'https://chorus.example.gov.uk';

/** Where a browser goes when this is the Location header (the WHATWG parser strips tabs and newlines first). */
const browserGoesTo = (location: string) => new URL(location, SITE + '/login');

/** Every way people have found of writing "another site" where a path is expected. */
const OTHER_SITES = [
	'//evil.x',
	'//evil.x/path',
	'///evil.x',
	'////evil.x',
	'/\t/evil.x',
	'/\n/evil.x',
	'/\r\n/evil.x',
	'\t//evil.x',
	' //evil.x',
	'/\\evil.x',
	'\\\\evil.x',
	'/\\/evil.x',
	'\\/evil.x',
	'https:evil.x',
	'https:/evil.x',
	'https://evil.x',
	'http://evil.x/login',
	'HTTPS://EVIL.X',
	'//evil.x@chorus.example.gov.uk',
	'/%2F%2Fevil.x',
	'%2F%2Fevil.x',
	'/%2fevil.x',
	'/%252F%252Fevil.x',
	'/%5Cevil.x',
	'/%5C%5Cevil.x',
	'/%09/evil.x',
	'/%0a/evil.x',
	'/.//evil.x',
	'/./%2F/evil.x',
	'/x/..//evil.x',
	'/..//evil.x',
	'javascript:alert(1)',
	'JavaScript:alert(1)',
	'java\tscript:alert(1)',
	' javascript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)',
	'evil.x',
	'@evil.x',
	'/\u0000/evil.x',
	'/\u00a0/evil.x',
	'/\u3000/evil.x',
	'/％２Ｆevil.x',
	'//evil。x',
	'/x%'
];

describe('safeRedirectTarget', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeRedirectTarget('/my-data')).toBe('/my-data');
		expect(safeRedirectTarget('/manage/feedback?status=closed&page=2')).toBe('/manage/feedback?status=closed&page=2');
		expect(safeRedirectTarget('/profiles/7/add?section=support')).toBe('/profiles/7/add?section=support');
		expect(safeRedirectTarget('/surveys/3/answer/AbC-12_x')).toBe('/surveys/3/answer/AbC-12_x');
		expect(safeRedirectTarget('/board?q=caf%C3%A9%20menu')).toBe('/board?q=caf%C3%A9%20menu');
		expect(safeRedirectTarget('/a%2Fb')).toBe('/a%2Fb');
		expect(safeRedirectTarget('/')).toBe('/');
	});

	it('tidies what a browser would tidy: dot segments, the fragment', () => {
		expect(safeRedirectTarget('/meetings/../my-data')).toBe('/my-data');
		expect(safeRedirectTarget('/board#items')).toBe('/board');
		expect(safeRedirectTarget('/board?x=1#//evil.x')).toBe('/board?x=1');
	});

	it('refuses every way of naming another site, and anything with a scheme', () => {
		for (const value of OTHER_SITES) expect(safeRedirectTarget(value), JSON.stringify(value)).toBe('/');
	});

	it('refuses nothing, null, too long, and uses the fallback given', () => {
		expect(safeRedirectTarget(null)).toBe('/');
		expect(safeRedirectTarget(undefined)).toBe('/');
		expect(safeRedirectTarget('')).toBe('/');
		expect(safeRedirectTarget('/' + 'a'.repeat(3000))).toBe('/');
		expect(safeRedirectTarget('//evil.x', '/settings?done=language')).toBe('/settings?done=language');
	});

	it('never sends a browser to another origin, whatever it is given', () => {
		const piece = fc.constantFrom('/', '//', '\\', '\t', '\n', '\r', ' ', '%2F', '%2f', '%5C', '%25', '%09', '.', '..', 'evil.x', '@', ':', 'https:', 'javascript:', '?', '#', 'a', '\u0000', '\u3002', '\uff0f');
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 8 }).map((p) => p.join('')), (value) => {
				const target = safeRedirectTarget(value, '/fallback');
				const url = browserGoesTo(target);
				expect(url.origin).toBe(SITE);
				// and it is a path a Location header can carry as it is
				expect(target).toMatch(/^\/(?!\/)[\x21-\x7e]*$/);
				// decoding it, however often, never gives "//" at the start of the path
				let path = url.pathname;
				for (let i = 0; i < 4; i++) path = decodeURIComponent(path);
				expect(path.startsWith('//')).toBe(false);
				expect(path).not.toContain('\\');
			}),
			{ numRuns: 3000 }
		);
	});
});
