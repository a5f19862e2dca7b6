import { locales, type Locale } from '$lib/paraglide/runtime';

/** Each language's own name for itself, as shown in the language switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
	en: 'English',
	tr: 'Türkçe',
	ur: 'اردو'
};

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ps', 'ur', 'yi']);

/** "rtl" for scripts written right to left (Urdu, Arabic...), otherwise "ltr". */
export function textDirection(locale: string): 'rtl' | 'ltr' {
	return RIGHT_TO_LEFT.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

export function isLocale(value: unknown): value is Locale {
	return (locales as readonly unknown[]).includes(value);
}

export { locales };
