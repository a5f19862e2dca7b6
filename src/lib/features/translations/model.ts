/**
 * Interface messages as a translator sees them (decision 0058). Browser-safe: the server's
 * translations feature, the override registry ($lib/i18n-overrides) and the admin pages share it.
 *
 * A message is either one text or, for a number-dependent message, one text per plural form of
 * the language (`Intl.PluralRules(locale)`), selected on one input (`count`, `minutes`). Texts
 * hold placeholders `{name}` and nothing else in braces: that is all Chorus's messages use of
 * the inlang message format.
 */

/** One message's text in one language. */
export type MessageText = string | PluralText;
/** A number-dependent message: the input it selects on, and a text per plural form ("one", "few", "other"...). */
export type PluralText = { input: string; forms: Record<string, string> };

/** A message as the inlang message-format plugin stores it in messages/<feature>/<locale>.json. */
export type StoredMessage = string | { declarations: string[]; selectors: string[]; match: Record<string, string> }[];

/** The largest sheet an upload may be: a whole language is about 200 KB as .xlsx, 600 KB as CSV. */
export const MAX_SHEET_BYTES = 4 * 1024 * 1024;

export const STATUSES = ['draft', 'reviewed'] as const;
export type Status = (typeof STATUSES)[number];

/** A spreadsheet row's key: the message's key, then `#form` for one plural form (`board_results#few`). */
export function rowKey(key: string, form?: string): string {
	return form === undefined ? key : `${key}#${form}`;
}

/** A stored message as a MessageText (a plural message selects on the input its one selector names). */
export function fromStored(message: StoredMessage): MessageText {
	if (typeof message === 'string') return message;
	const [{ declarations, selectors, match }] = message;
	const local = declarations.find((d) => d.startsWith(`local ${selectors[0]} =`));
	const input = local ? local.replace(/^local \S+ = (\S+?): plural.*$/, '$1') : selectors[0];
	return { input, forms: Object.fromEntries(Object.entries(match).map(([k, text]) => [k.slice(k.indexOf('=') + 1), text])) };
}

/** The plural forms of a language, in CLDR's order ("one", "few", "many", "other" for Polish). */
export function pluralForms(locale: string): string[] {
	const forms: string[] = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
	return PLURAL_ORDER.filter((f) => forms.includes(f));
}
const PLURAL_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];

export type Piece = string | { input: string };

/**
 * A text as literal pieces and placeholders, or the problem with its braces: a brace left open
 * or closed without opening, or something in braces that is not a name.
 */
export function parsePattern(text: string): { pieces: Piece[] } | { problem: 'open_brace' | 'stray_brace' | 'not_a_name'; at: string } {
	const pieces: Piece[] = [];
	let literal = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '}') return { problem: 'stray_brace', at: text.slice(Math.max(0, i - 10), i + 1) };
		if (c !== '{') {
			literal += c;
			continue;
		}
		const end = text.indexOf('}', i);
		const nextOpen = text.indexOf('{', i + 1);
		if (end === -1 || (nextOpen !== -1 && nextOpen < end)) return { problem: 'open_brace', at: text.slice(i, i + 12) };
		const name = text.slice(i + 1, end);
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { problem: 'not_a_name', at: text.slice(i, end + 1) };
		if (literal) pieces.push(literal);
		literal = '';
		pieces.push({ input: name });
		i = end;
	}
	if (literal) pieces.push(literal);
	return { pieces };
}

/** The placeholders of a text that parses, sorted and once each. */
export function placeholdersOf(text: string): string[] {
	const parsed = parsePattern(text);
	if (!('pieces' in parsed)) return [];
	return [...new Set(parsed.pieces.flatMap((p) => (typeof p === 'string' ? [] : [p.input])))].sort();
}
