/**
 * Every symbol's name in every language: the alt text a screen reader speaks and the words symbol
 * search finds (issue 19, decision 0057).
 *
 * A name comes, in this order, from:
 * 1. `written-names.json`: a name written for the symbol's meaning, where the picture stands for
 *    something its own name does not say (the "Heard" status is drawn as an ear, "Very sad" as a
 *    crying face), and for every language the Unicode CLDR does not cover (Yiddish; most of
 *    Kurmanji);
 * 2. `cldr-names.json`: the Unicode CLDR name of the emoji OpenMoji draws (scripts/symbol-names.js),
 *    used wherever the picture is what the symbol means (cat, bus, pizza);
 * 3. the catalogue's English label, marked as English, only when neither has one (the spec says
 *    which languages may lack names: none of the ones Chorus speaks).
 */
import cldr from './cldr-names.json';
import written from './written-names.json';
import { symbolById, type LocalWords, type SymbolId } from './catalogue';

type Names = Record<string, Record<string, string>>;
const CLDR: Names = cldr.names;
const WRITTEN: Names = written;

/** A symbol's name in a language, and the language it is really in (English when it fell back). */
export function symbolName(id: SymbolId, locale: string): { name: string; lang: string } {
	if (locale !== 'en') {
		const found = WRITTEN[locale]?.[id] ?? CLDR[locale]?.[id];
		if (found) return { name: capitalise(found, locale), lang: locale };
	}
	return { name: symbolById(id).label, lang: 'en' };
}

/** CLDR writes names in lower case ("kedi"); a name shown alone starts with a capital, the language's own ("İ" in Turkish). */
function capitalise(name: string, locale: string): string {
	return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}

let localWords: Record<string, Record<string, string>> | undefined;

/**
 * What symbol search knows of a symbol in a language: its name and CLDR's keywords there. The
 * keywords are read on first use, on the server (the search pages are worked out there), and
 * never reach a page's code.
 */
export async function searchIn(locale: string): Promise<LocalWords | undefined> {
	if (locale === 'en') return undefined;
	localWords ??= (await import('./cldr-words.json')).words as Record<string, Record<string, string>>;
	const words = localWords[locale] ?? {};
	return (entry) => ({ name: symbolName(entry.id, locale).name, words: words[entry.id] ?? '' });
}
