/**
 * The messages Chorus ships, read at build time from messages/<feature>/<locale>.json (the same
 * files Paraglide compiles), by language: what a download's "English" and "current text" columns
 * start from, and what an upload is checked against.
 */
import { baseLocale, locales } from '$lib/paraglide/runtime';
import { fromStored, pluralForms, rowKey, type MessageText, type StoredMessage } from '$lib/features/translations/model';

const files = import.meta.glob<Record<string, StoredMessage>>('/messages/*/*.json', { eager: true, import: 'default' });

/** Every shipped message, by language then key (a language's file may lack keys: those fall back to English). */
export const SHIPPED: Record<string, Record<string, MessageText>> = Object.fromEntries(locales.map((l) => [l, {}]));
for (const [file, messages] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
	const locale = file.replace(/^.*\/([^/]+)\.json$/, '$1');
	if (!(locale in SHIPPED)) continue;
	for (const [key, message] of Object.entries(messages)) if (!key.startsWith('$')) SHIPPED[locale][key] = fromStored(message);
}

/** English: every message there is, in key order. */
export const ENGLISH = SHIPPED[baseLocale];
export const KEYS = Object.keys(ENGLISH).sort();

/** The languages a translator reviews: every interface language but English. */
export const REVIEWED_LANGUAGES = locales.filter((l) => l !== baseLocale);

/**
 * The messages people outside the staff area see: those shipped in every interface language.
 * src/lib/i18n-messages.spec.ts makes every message used outside src/routes/(app)/ exist in
 * every language, and staff-only messages exist in English, Turkish and Urdu alone, so this is
 * that set (plus the odd staff message someone has translated everywhere). Decision 0058.
 */
export const PUBLIC_KEYS = KEYS.filter((key) => locales.every((l) => key in SHIPPED[l]));

/** A message's rows in a language's sheet: the key alone, or one `key#form` per plural form of that language. */
export function rowKeysOf(locale: string, key: string): string[] {
	return typeof ENGLISH[key] === 'string' ? [rowKey(key)] : pluralForms(locale).map((form) => rowKey(key, form));
}

/** The text of one row of a message (a plural form's text, or the whole text), or undefined. */
export function rowText(text: MessageText | undefined, row: string): string | undefined {
	if (text === undefined) return undefined;
	if (typeof text === 'string') return text;
	return text.forms[row.slice(row.indexOf('#') + 1)];
}

/** English's text for a row: for a plural form English lacks ("few"), English's "other". */
export function englishRowText(row: string): string {
	const text = ENGLISH[row.split('#')[0]];
	return rowText(text, row) ?? (typeof text === 'string' ? text : (text.forms.other ?? ''));
}
