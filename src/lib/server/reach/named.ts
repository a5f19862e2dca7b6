/**
 * The languages people typed under "another language" (a survey's main language question, a
 * forum member's "about you"), as staff may see them: counted together, never one by one.
 *
 * Free text can name a person: a language few families here speak points to those families. So:
 * - names are put together when they differ only in capital letters, accents, Hebrew points,
 *   Arabic vowel marks, spaces or punctuation ("Tigrinya", "tigrinya ", "TIGRINYA." are one);
 * - a name said by fewer people than the small-count limit (disclosure.ts: 1 to 4 by default) is
 *   not listed at all, neither its name nor its count, nor how many such names there are;
 * - nothing is listed when the "another language" figure is itself hidden on the page (a listed
 *   name's count would tell a visitor that figure is at least that much, and so help work out the
 *   figures hidden with it);
 * - what is listed depends only on the names said often enough: adding or taking away people
 *   whose name is not listed changes nothing shown (the property test checks this), and there is
 *   no order, day or other answer beside a name.
 * Staff pages only: the public reports do not carry it (decision 0060).
 */
import { cleanLanguageName, type NamedLanguagesView, type ReachView } from '$lib/features/reach/model';
import { foldForMatching } from '$lib/text';
import type { Db } from '../db';
import { isSmallCount, type DisclosureRules } from '../disclosure';
import { areaRules } from './comparison';

/**
 * The key a typed name is counted by: folded for case and the marks people leave out, with every
 * run of spaces and punctuation one space ('' for a name with no letters or digits).
 */
export function languageNameKey(typed: string): string {
	return foldForMatching(cleanLanguageName(typed))
		.split(/[^\p{L}\p{M}\p{N}]+/u)
		.filter(Boolean)
		.join(' ')
		.normalize('NFC');
}

/** A spelling to show for a group of names: its most common, ties to the first in order, with a capital first letter. */
function shownSpelling(spellings: Map<string, number>): string {
	const [best] = [...spellings].sort(([a, n], [b, k]) => k - n || a.localeCompare(b, 'en'));
	const name = best[0];
	return name.charAt(0).toLocaleUpperCase('en') + name.slice(1);
}

/**
 * The names of `typed` said by at least `rules.smallCountBelow` people, with how many, most first
 * (then by name); none when `otherShown` is false. Pure.
 */
export function namedLanguagesOf(typed: readonly string[], otherShown: boolean, rules: DisclosureRules): NamedLanguagesView {
	const view: NamedLanguagesView = { listed: otherShown, names: [], smallCountBelow: rules.smallCountBelow };
	if (!otherShown) return view;
	const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
	for (const raw of typed) {
		const key = languageNameKey(raw);
		if (!key) continue;
		const group = groups.get(key) ?? { count: 0, spellings: new Map<string, number>() };
		const spelling = cleanLanguageName(raw).normalize('NFC');
		group.count++;
		group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
		groups.set(key, group);
	}
	view.names = [...groups.values()]
		.filter((g) => !isSmallCount(g.count, rules))
		.map((g) => ({ name: shownSpelling(g.spellings), count: g.count }))
		.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'en'));
	return view;
}

/** Whether a comparison shows its "another language" count (no row: nobody chose it, nothing to hide). */
export const otherShownIn = (comparison: ReachView): boolean => {
	const row = comparison.rows.find((r) => r.category === 'other');
	return !row || row.count !== null;
};

/**
 * The languages typed under "another language" as staff may see them beside `comparison` (the
 * language comparison on the same page, which hides at least what the page's own table hides).
 * `rules` default to the area's. No permission check: the caller has checked its reader may see
 * its counts (as for `comparison`).
 */
export function namedLanguages(db: Db, typed: readonly string[], comparison: ReachView, rules?: DisclosureRules): NamedLanguagesView {
	return namedLanguagesOf(typed, otherShownIn(comparison), rules ?? areaRules(db));
}
