import { describe, expect, it } from 'vitest';
import { xmlText } from './xml';

/** XML 1.0's Char production. */
const XML_CHARS = /^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;

describe('xmlText', () => {
	it('escapes the characters XML gives meaning to', () => {
		expect(xmlText(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;');
	});

	it('cannot be made invalid XML by text saved before the boundary rule (NUL, Word line breaks, lone surrogates, U+FFFE)', () => {
		const saved = 'We said\u0000 it\u000bagain\u000c \ud800 \ufffe\uffff \u2060joined\u202e and \u001b[31m';
		const out = xmlText(saved);
		expect(out).toMatch(XML_CHARS);
		expect(out).toBe('We said it\nagain\n   joined and [31m');
	});

	it('keeps the languages and emoji people write in', () => {
		expect(xmlText('Öğrenci 👩\u200d👧 بچہ')).toBe('Öğrenci 👩\u200d👧 بچہ');
	});
});
