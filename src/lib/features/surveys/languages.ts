import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { languageNames } from '$lib/i18n';

/** The name of a language survey texts can be translated into, in the reader's language. */
const NAMES: Record<string, () => string> = { tr: m.surveys_build_language_tr, ur: m.surveys_build_language_ur };

export function languageName(locale: string): string {
	const own = NAMES[locale];
	if (own) return own();
	try {
		return languageNames(getLocale()).of(locale) ?? locale;
	} catch {
		return locale;
	}
}
