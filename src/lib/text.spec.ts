import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from './text';

/** XML 1.0's Char production: what may appear in a feed at all. */
const XML_CHARS = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

/** Characters pasted text really brings, and the ones the rules are about. */
const TRICKY = [
	'\u0000', '\u0001', '\u0008', '\t', '\n', '\u000b', '\u000c', '\r', '\r\n', '\u001b', '\u007f', '\u0085', '\u009f',
	'\u00a0', '\u00ad', '\u061c', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029',
	'\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2060', '\u2061', '\u2064', '\u2066', '\u2067', '\u2068', '\u2069',
	'\ufeff', '\ufdd0', '\ufffe', '\uffff', '\ufffd', '\ud800', '\udc00', '\udbff\udfff', '\u{1fffe}',
	'e\u0301', 'é', 'İ', 'ı', 'ş', 'ğ', 'بچہ', 'نہیں', 'क्‍ष', '👩‍👧', '👍🏽', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '\u0301', 'a', ' '
];

/** Any UTF-16 string: random code units (lone surrogate halves too), whole code points, and the tricky ones. */
const anyText = fc.string({
	unit: fc.oneof(
		fc.constantFrom(...TRICKY),
		fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
		fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })
	),
	maxLength: 40
});

describe('normaliseText', () => {
	it('leaves ordinary text alone', () => {
		for (const text of ['', 'Hello', 'Two\nlines\tand a tab', 'Öğretmenim çok iyi', 'میرا بیٹا سکول جاتا ہے', 'x = 1 + 2; "quoted" <b>']) {
			expect(normaliseText(text)).toBe(text);
		}
	});

	it('composes letters (NFC): an accent typed as a separate mark becomes one letter', () => {
		expect(normaliseText('Cafe\u0301')).toBe('Café');
		expect(normaliseText('Cafe\u0301')).toHaveLength(4);
		// Hangul typed as jamo
		expect(normaliseText('\u1100\u1161')).toBe('\uac00');
	});

	it('turns every kind of line break into one LF', () => {
		expect(normaliseText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
		expect(normaliseText('a\r\r\nb')).toBe('a\n\nb');
		// Word's manual line break (vertical tab) and page break (form feed)
		expect(normaliseText('first line\u000bsecond line\u000cnext page')).toBe('first line\nsecond line\nnext page');
		expect(normaliseText('a\u2028b\u2029c\u0085d')).toBe('a\nb\nc\nd');
	});

	it('removes control characters other than LF and tab', () => {
		expect(normaliseText('a\u0000b\u0001c\u001bd\u007fe\u0080f\u009fg')).toBe('abcdefg');
		expect(normaliseText('tab\there')).toBe('tab\there');
	});

	it('removes lone surrogate halves and noncharacters, keeping real emoji', () => {
		expect(normaliseText('a\ud800b\udc00c')).toBe('abc');
		expect(normaliseText('\udc00\ud800')).toBe('');
		expect(normaliseText('ok\ufffe\uffff\ufdd0\u{10ffff}')).toBe('ok');
		expect(normaliseText('😀 \ud83d\ude00')).toBe('😀 😀');
		// the replacement character is a real character: kept
		expect(normaliseText('\ufffd')).toBe('\ufffd');
	});

	it('removes the word joiner, the byte-order mark and bidirectional overrides ("Trojan source")', () => {
		expect(normaliseText('\ufeffword\u2060joiner')).toBe('wordjoiner');
		const trojan = 'access \u202e\u2066 // admin only \u2069\u2066';
		expect(normaliseText(trojan)).toBe('access  // admin only ');
		for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2061', '\u206a', '\u206f']) {
			expect(normaliseText(`a${c}b`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('ab');
		}
	});

	it('keeps the joiners, marks and tags that languages and emoji need', () => {
		const family = '👩\u200d👩\u200d👧'; // one emoji made of three, joined by ZWJ
		expect(normaliseText(family)).toBe(family);
		const persian = 'می\u200cخواهم'; // "I want": ZWNJ keeps the two parts of the word apart
		expect(normaliseText(persian)).toBe(persian);
		const devanagari = 'क्\u200dष';
		expect(normaliseText(devanagari)).toBe(devanagari);
		const marks = 'Bus 12\u200e in \u05e2\u05d1\u05e8\u05d9\u05ea\u200f and \u061c١٢';
		expect(normaliseText(marks)).toBe(marks);
		const england = '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';
		expect(normaliseText(england)).toBe(england);
		expect(normaliseText('zero\u200bwidth space, soft\u00adhyphen')).toBe('zero\u200bwidth space, soft\u00adhyphen');
	});

	it('composes letters that meet once a hidden character between them is gone', () => {
		expect(normaliseText('e\u2060\u0301')).toBe('é');
	});

	it('gives NFC, valid XML 1.0 and a result that does not change again, for any text', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const once = normaliseText(text);
				expect(once).toBe(once.normalize('NFC'));
				expect(once).toMatch(XML_CHARS);
				// eslint-disable-next-line no-control-regex -- none of these may be left
				expect(once).not.toMatch(/[\r\u000b\u000c\u0085\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff]/);
				expect(normaliseText(once)).toBe(once);
			}),
			{ numRuns: 2000 }
		);
	});

	it('never loses a letter, digit, joiner or ordinary space', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				// compared decomposed (NFD), as composing may join a letter and its accent once a hidden character between them is gone
				const kept = (s: string) => [...s.normalize('NFD')].filter((c) => /[\p{L}\p{N} \u200c\u200d]/u.test(c)).join('');
				expect(kept(normaliseText(text))).toBe(kept(text));
			}),
			{ numRuns: 2000 }
		);
	});
});
