import { baseLocale, locales, type Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

/** Each language's own name for itself, as shown in the language switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
	en: 'English',
	tr: 'Türkçe',
	ur: 'اردو',
	bn: 'বাংলা',
	so: 'Soomaali',
	pl: 'Polski',
	ku: 'Kurmancî',
	yi: 'ייִדיש'
};

/**
 * A language as the language menus offer it, in that language: its name, and for a draft language
 * the share of what people outside the staff area read that the community has checked ("Polski
 * (sprawdzono 12%)"; decision 0058). English is the source and shows its name alone.
 */
export function languageOption(locale: Locale, reviewed: Readonly<Record<string, number>> | undefined): string {
	const percent = reviewed?.[locale];
	if (locale === baseLocale || percent === undefined) return LANGUAGE_NAMES[locale];
	return m.site_language_checked({ language: LANGUAGE_NAMES[locale], percent }, { locale });
}

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ps', 'ur', 'yi']);

/** "rtl" for scripts written right to left (Urdu, Arabic...), otherwise "ltr". */
export function textDirection(locale: string): 'rtl' | 'ltr' {
	return RIGHT_TO_LEFT.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

/**
 * A text in `lang` on a page in `pageLocale` (a "we did" still in English on a Somali page, an
 * Arabic translation on a page whose words are English): its `lang` attribute where it is not the
 * page's language, and its `dir` where it runs the other way. Undefined leaves the attribute out:
 * `<p lang={langAttr(lang, locale)} dir={dirAttr(lang, locale)}>`.
 */
export function langAttr(lang: string, pageLocale: string): string | undefined {
	return lang === pageLocale ? undefined : lang;
}

/** See langAttr: "rtl" or "ltr" where the text runs the other way from the page, otherwise undefined. */
export function dirAttr(lang: string, pageLocale: string): 'rtl' | 'ltr' | undefined {
	const dir = textDirection(lang);
	return dir === textDirection(pageLocale) ? undefined : dir;
}

export function isLocale(value: unknown): value is Locale {
	return (locales as readonly unknown[]).includes(value);
}

export { locales };

/** The locale Intl should use: English is British English (dates, numbers, lists). */
export const intlLocale = (locale: string): string => (locale === 'en' ? 'en-GB' : locale);

// Intl objects are slow to make (about a tenth of a millisecond and tens of KB each) and pages
// use the same few many times, so each kind, language and option set is made once (0008).
// The keys are bounded: a few languages times the handful of option sets the code writes.
const made = new Map<string, Intl.NumberFormat | Intl.ListFormat | Intl.DisplayNames>();
function once<T extends Intl.NumberFormat | Intl.ListFormat | Intl.DisplayNames>(key: string, make: () => T): T {
	let found = made.get(key) as T | undefined;
	if (!found) made.set(key, (found = make()));
	return found;
}

/** A number formatter for a language (dates: $lib/time). */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
	return once(`number|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(intlLocale(locale), options));
}

/** "a, b and c" (conjunction) or "a, b or c" (disjunction) in a language. */
export function listFormat(locale: string, type: 'conjunction' | 'disjunction'): Intl.ListFormat {
	return once(`list|${locale}|${type}`, () => new Intl.ListFormat(intlLocale(locale), { type }));
}

/** Names of languages, written in `locale`. Throws a RangeError for a locale Intl does not know. */
export function languageNames(locale: string): Intl.DisplayNames {
	return once(`languages|${locale}`, () => new Intl.DisplayNames([locale], { type: 'language' }));
}

/**
 * A language's name (an ISO 639-1 code: an interface language or a content language such as "ar"),
 * written in `inLocale`: "Turkish" in English, "Türkçe" in Turkish. Without `inLocale`, in its
 * own words, as the language menus offer it ("العربية", "Español"): the interface languages by
 * the names they give themselves (LANGUAGE_NAMES), the others by Unicode CLDR's, first letter
 * capitalised. The code itself when Intl knows no name. The one name helper (issue 19).
 */
export function languageName(code: string, inLocale: string = code): string {
	if (inLocale === code && isLocale(code)) return LANGUAGE_NAMES[code];
	let name: string;
	try {
		name = languageNames(inLocale).of(code) ?? code;
	} catch {
		return code;
	}
	return inLocale === code ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : name;
}
