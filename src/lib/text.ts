/**
 * Text as people paste it, made safe to keep, show, export and put in feeds. Every string value
 * of a form post passes through `normaliseText` before an action sees it (hooks.server.ts), and
 * feeds and CSV exports pass text read from the database through it again (text saved before
 * this rule existed).
 *
 * What it does, and why:
 * - Unicode NFC, so "é" typed on a Mac and "é" typed on Windows are the same letters when
 *   searched, compared, counted or matched against safeguarding phrases.
 * - One kind of line break, LF: Windows' CRLF, old Mac's CR, Unicode's line and paragraph
 *   separators (U+2028, U+2029, NEL U+0085), and Word's manual line break (vertical tab, U+000B)
 *   and page break (form feed, U+000C). Pasted from Word, these break XML feeds and CSV files.
 * - No control characters other than LF and tab: NUL and the rest of C0 and C1 are never text,
 *   and most are not allowed in XML at all.
 * - No lone surrogate halves and no noncharacters (U+FFFE, U+FFFF and the other 64): they
 *   cannot be written as UTF-8 or in XML.
 * - No invisible characters that only hide or reorder text: the word joiner and the invisible
 *   maths operators (U+2060–U+2064), the byte-order mark (U+FEFF), the deprecated format controls
 *   (U+206A–U+206F), and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069) which can make a line read differently from what it holds ("Trojan source").
 * - Kept on purpose: zero-width joiner and non-joiner (U+200D, U+200C; emoji sequences, and Urdu,
 *   Persian and Indic scripts need them), the left-to-right, right-to-left and Arabic letter marks
 *   (U+200E, U+200F, U+061C; they only nudge punctuation in mixed-direction text), tab, and the
 *   emoji tag characters (flags of England, Scotland and Wales).
 *
 * The result is NFC, valid XML 1.0 character data, and normalising it again changes nothing.
 */

/** Every kind of line break people paste, and Word's manual line and page breaks. */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed are what is replaced
const LINE_BREAKS = /\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g;

/**
 * What is removed. With the `u` flag, [\ud800-\udfff] matches only a surrogate half that is
 * not part of a pair: a correctly paired emoji is one code point and is not touched.
 */
const REMOVED =
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ud800-\udfff\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufdd0-\ufdef\ufffe\uffff\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{3fffe}\u{3ffff}\u{4fffe}\u{4ffff}\u{5fffe}\u{5ffff}\u{6fffe}\u{6ffff}\u{7fffe}\u{7ffff}\u{8fffe}\u{8ffff}\u{9fffe}\u{9ffff}\u{afffe}\u{affff}\u{bfffe}\u{bffff}\u{cfffe}\u{cffff}\u{dfffe}\u{dffff}\u{efffe}\u{effff}\u{ffffe}\u{fffff}\u{10fffe}\u{10ffff}]/gu;

/** Quick test for text that needs no change (most text): only printable ASCII, tab and LF. */
const PLAIN = /^[\t\n\u0020-\u007e]*$/;

/** Text made safe at the boundary (see the module comment): NFC, LF line breaks, no hidden controls. */
export function normaliseText(text: string): string {
	if (PLAIN.test(text)) return text;
	// Line breaks first, so a CR or a vertical tab becomes LF and is not removed as a control;
	// NFC last, so letters that meet once a hidden character between them is gone are composed.
	return text.replace(LINE_BREAKS, '\n').replace(REMOVED, '').normalize('NFC');
}

const ISOLATES = /[\u2066-\u2069]/g;
const HELD = /[\ue066-\ue069]/g;

/**
 * normaliseText for the interface's own messages, which keeps the bidirectional isolates
 * (U+2066–U+2069): Urdu and Yiddish messages wrap a date or a code in them so it reads left to
 * right inside right-to-left text. Only admins upload messages, and the upload checks them
 * (decision 0058); everything else people send still loses them.
 */
export function normaliseMessageText(text: string): string {
	if (!ISOLATES.test(text)) return normaliseText(text);
	ISOLATES.lastIndex = 0;
	const held = text.replace(HELD, '').replace(ISOLATES, (c) => String.fromCharCode(c.charCodeAt(0) - 0x2066 + 0xe066));
	return normaliseText(held).replace(HELD, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe066 + 0x2066));
}

/**
 * Lower case, with the marks people often leave out when typing removed: Latin accents ("Café" ->
 * "cafe", Turkish "şeker" -> "seker"), Hebrew points and Arabic vowel marks. Not every mark: a
 * Bengali vowel sign is part of the word, and dropping it would make different words the same.
 * For matching what people type (symbol search, the languages people name), never for showing.
 */
export function foldForMatching(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670]/g, '')
		.toLocaleLowerCase('en');
}
