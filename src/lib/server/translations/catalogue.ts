/**
 * The messages Chorus ships, read at build time from messages/<feature>/<locale>.json (the same
 * files Paraglide compiles), by language: what a download's "English" and "current text" columns
 * start from, and what an upload is checked against.
 */
import { baseLocale, locales } from '$lib/paraglide/runtime';
import { fromStored, pluralForms, rowKey, type MessageText, type StoredMessage } from '$lib/features/translations/model';

type Catalogue = {
	/** Every shipped message, by language then key (a language's file may lack keys: those fall back to English). */
	shipped: Record<string, Record<string, MessageText>>;
	/** English: every message there is. */
	english: Record<string, MessageText>;
	/** Every key, in order. */
	keys: string[];
	/**
	 * The messages people outside the staff area see: those shipped in every interface language.
	 * src/lib/i18n-messages.spec.ts makes every message used outside src/routes/(app)/ exist in
	 * every language, and staff-only messages exist in English, Turkish and Urdu alone, so this is
	 * that set (plus the odd staff message someone has translated everywhere). Decision 0058.
	 */
	publicKeys: string[];
};

let made: Catalogue | undefined;

/**
 * The catalogue, read on first use. Vite puts the files in at build time; the glob sits inside
 * a function because scripts run outside Vite (tsx: the seed, retention) import this feature
 * through the registry and never ask for it.
 */
function catalogue(): Catalogue {
	if (made) return made;
	const files = import.meta.glob<Record<string, StoredMessage>>('/messages/*/*.json', { eager: true, import: 'default' });
	const shipped: Record<string, Record<string, MessageText>> = Object.fromEntries(locales.map((l) => [l, {}]));
	for (const [file, messages] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
		const locale = file.replace(/^.*\/([^/]+)\.json$/, '$1');
		if (!(locale in shipped)) continue;
		for (const [key, message] of Object.entries(messages)) if (!key.startsWith('$')) shipped[locale][key] = fromStored(message);
	}
	const english = shipped[baseLocale];
	const keys = Object.keys(english).sort();
	return (made = { shipped, english, keys, publicKeys: keys.filter((key) => locales.every((l) => key in shipped[l])) });
}

export const shipped = () => catalogue().shipped;
export const english = () => catalogue().english;
export const messageKeys = () => catalogue().keys;
export const publicKeys = () => catalogue().publicKeys;

/** The languages a translator reviews: every interface language but English. */
export const REVIEWED_LANGUAGES = locales.filter((l) => l !== baseLocale);

/** A message's rows in a language's sheet: the key alone, or one `key#form` per plural form of that language. */
export function rowKeysOf(locale: string, key: string): string[] {
	return typeof english()[key] === 'string' ? [rowKey(key)] : pluralForms(locale).map((form) => rowKey(key, form));
}

/** The text of one row of a message (a plural form's text, or the whole text), or undefined. */
export function rowText(text: MessageText | undefined, row: string): string | undefined {
	if (text === undefined) return undefined;
	if (typeof text === 'string') return text;
	return text.forms[row.slice(row.indexOf('#') + 1)];
}

/** English's text for a row: for a plural form English lacks ("few"), English's "other". */
export function englishRowText(row: string): string {
	const text = english()[row.split('#')[0]];
	return rowText(text, row) ?? (typeof text === 'string' ? text : (text.forms.other ?? ''));
}
