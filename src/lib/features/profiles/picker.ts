/**
 * The picture picker of the profile pages, worked out on the server from the address
 * (?topic=...&q=...) so it needs no JavaScript: a topic's pictures, or what a search found.
 * Browser-safe.
 */
import { m } from '$lib/paraglide/messages';
import type { ProfileSection } from '$lib/features/profiles/model';
import {
	PICKABLE_TOPICS,
	SYMBOL_TOPIC_LABELS,
	isSymbolId,
	searchSymbols,
	type LocalWords,
	symbolById,
	symbolsByTopic,
	type PickableTopic
} from '$lib/symbols/catalogue';

/**
 * The topics in the order the profile picker offers them: the ones profiles use most first, the
 * survey-style answers (yes, no...) last.
 */
const FIRST: readonly PickableTopic[] = ['support', 'feelings', 'people'];
const LAST: readonly PickableTopic[] = ['answers'];
export const PROFILE_TOPICS: readonly PickableTopic[] = [
	...FIRST,
	...PICKABLE_TOPICS.filter((t) => !FIRST.includes(t) && !LAST.includes(t)),
	...LAST
];

/** The topic each section opens with, the likeliest place to find the right picture. */
export const SECTION_TOPICS: Readonly<Record<ProfileSection, PickableTopic>> = {
	admire: 'activities',
	important: 'people',
	support: 'support',
	communicate: 'communication',
	hopes: 'school'
};

/** A search is cut to this many letters (nobody types more; it keeps the address short). */
export const SEARCH_MAX = 100;

export function isPickableTopic(value: string | null | undefined): value is PickableTopic {
	return value != null && (PICKABLE_TOPICS as readonly string[]).includes(value);
}

/** A picture someone may choose for a profile: in the catalogue and in a topic people pick from. */
export function isPickableSymbol(id: string | null | undefined): boolean {
	return id != null && isSymbolId(id) && isPickableTopic(symbolById(id).topic);
}

export type SymbolOption = { id: string; label: string };

export type PickerState = {
	/** What was searched for ('' when nothing). */
	query: string;
	/** The topic shown, or null when showing search results. */
	topic: PickableTopic | null;
	symbols: SymbolOption[];
	/** How many the topic or search gave (without the kept ones). */
	found: number;
};

/**
 * The pictures to offer: those a search finds (in every topic people pick from), otherwise the
 * chosen topic's (or `fallback`'s). `keep` lists pictures that must stay choosable whatever is
 * shown (the item's current picture, the one just chosen); they come first when missing.
 */
export function pickerState(
	params: { query?: string | null; topic?: string | null },
	fallback: PickableTopic,
	keep: (string | null | undefined)[] = [],
	/** The reader's language for search, from `searchIn` ($lib/symbols/names); English when left out. */
	local?: LocalWords
): PickerState {
	const query = (params.query ?? '').trim().slice(0, SEARCH_MAX);
	const topic = query ? null : isPickableTopic(params.topic) ? params.topic : fallback;
	const found = topic ? symbolsByTopic(topic) : searchSymbols(query, undefined, local).filter((s) => isPickableTopic(s.topic));
	const symbols: SymbolOption[] = found.map((s) => ({ id: s.id, label: s.label }));
	return { query, topic, found: symbols.length, symbols: [...keep].reverse().reduce<SymbolOption[]>((list, id) => withChosen(list, id), symbols) };
}

/** `symbols` with `chosen` first when it is a pickable picture not among them. */
export function withChosen(symbols: SymbolOption[], chosen: string | null | undefined): SymbolOption[] {
	if (!chosen || !isPickableSymbol(chosen) || symbols.some((s) => s.id === chosen)) return symbols;
	return [{ id: chosen, label: symbolById(chosen)!.label }, ...symbols];
}

/** The name of the group of pictures shown: "Ways to help me", or what a search found. */
export function pickerLegend(state: PickerState): string {
	if (state.topic) return m.profiles_pictures_in_topic({ topic: SYMBOL_TOPIC_LABELS[state.topic] });
	return m.profiles_pictures_found({ count: state.found, query: state.query });
}
