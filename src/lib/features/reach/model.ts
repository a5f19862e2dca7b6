/**
 * Who we hear from: the characteristics Chorus counts people by, one vocabulary for the three
 * places that count them (the "about you" questions of a survey, a forum member's "about you",
 * and the local SEND population baseline an admin imports), so they can be set side by side.
 *
 * Keys are stable codes stored in the database and used in the baseline CSV; the words people
 * read come from `labels.ts`. "Prefer not to say" is never a category: it is left out of every
 * share, on both sides of a comparison.
 */

export const CHARACTERISTICS = ['need_area', 'phase', 'support', 'sex', 'ethnicity', 'area', 'language'] as const;
export type Characteristic = (typeof CHARACTERISTICS)[number];

/** The categories of each characteristic, in the order people read them. */
export const CATEGORIES = {
	/** The four broad areas of need of the SEND Code of Practice (6.28 to 6.35). */
	need_area: ['communication_interaction', 'cognition_learning', 'social_emotional_mental_health', 'sensory_physical'],
	/** School phase, as the SEN2 return and the school census group it. */
	phase: ['early_years', 'primary', 'secondary', 'post_16', 'not_in_education'],
	/** The level of support: an education, health and care plan, or SEN support without one. */
	support: ['ehc_plan', 'sen_support'],
	sex: ['female', 'male'],
	/** The 2021 census ethnic groups for England (ONS), the same as the survey question's options. */
	ethnicity: [
		'asian_bangladeshi',
		'asian_chinese',
		'asian_indian',
		'asian_pakistani',
		'asian_other',
		'black_african',
		'black_caribbean',
		'black_other',
		'mixed_white_asian',
		'mixed_white_black_african',
		'mixed_white_black_caribbean',
		'mixed_other',
		'white_british',
		'white_irish',
		'white_gypsy_traveller',
		'white_roma',
		'white_other',
		'other_arab',
		'other_any'
	],
	/** The parts of the demo area; an area's own names are its admins' words for these codes. */
	area: ['north', 'south', 'east', 'west', 'centre'],
	/**
	 * The main language at home: English, then the rest by their English names, then "another
	 * language" (`other`, with the language typed, see OTHER_LANGUAGE_MAX). `kurdish` is Kurdish
	 * as the census and the school census group it (Kurmanji and Sorani alike); `bsl` is British
	 * Sign Language. Keys are stored and used in baseline files: add, never rename.
	 */
	language: [
		'english',
		'arabic',
		'bengali',
		'bsl',
		'french',
		'gujarati',
		'kurdish',
		'polish',
		'portuguese',
		'punjabi',
		'romanian',
		'somali',
		'spanish',
		'turkish',
		'twi',
		'urdu',
		'vietnamese',
		'yiddish',
		'yoruba',
		'other'
	]
} as const satisfies Record<Characteristic, readonly string[]>;

export type Category<C extends Characteristic = Characteristic> = (typeof CATEGORIES)[C][number];

export const isCharacteristic = (value: unknown): value is Characteristic => CHARACTERISTICS.includes(value as Characteristic);

export const isCategoryOf = <C extends Characteristic>(characteristic: C, value: unknown): value is Category<C> =>
	(CATEGORIES[characteristic] as readonly string[]).includes(value as string);

/** The longest name of "another language" a person may type, in characters. */
export const OTHER_LANGUAGE_MAX = 60;

/**
 * A typed language name as it is kept: spaces run together and trimmed (the form boundary has
 * already made it NFC and taken out hidden characters), '' for nothing.
 */
export const cleanLanguageName = (typed: string): string => typed.replace(/\s+/g, ' ').trim();

/**
 * Each language's own name for itself (its endonym), with its language tag for `lang`, shown
 * beside the name in the reader's language ("Polish (polski)"): people scan a long list for their
 * own language. Two where a language is written in two scripts in the area's communities (Punjabi
 * in Gurmukhi and Shahmukhi; Kurdish as Kurmanji in Latin letters and Sorani in Arabic script).
 * None for British Sign Language (a signed language) or "another language".
 */
export const LANGUAGE_ENDONYMS: Readonly<Partial<Record<Category<'language'>, readonly { lang: string; name: string }[]>>> = {
	english: [{ lang: 'en', name: 'English' }],
	arabic: [{ lang: 'ar', name: 'العربية' }],
	bengali: [{ lang: 'bn', name: 'বাংলা' }],
	french: [{ lang: 'fr', name: 'français' }],
	gujarati: [{ lang: 'gu', name: 'ગુજરાતી' }],
	kurdish: [
		{ lang: 'ku', name: 'Kurdî' },
		{ lang: 'ckb', name: 'کوردی' }
	],
	polish: [{ lang: 'pl', name: 'polski' }],
	portuguese: [{ lang: 'pt', name: 'português' }],
	punjabi: [
		{ lang: 'pa-Guru', name: 'ਪੰਜਾਬੀ' },
		{ lang: 'pa-Arab', name: 'پنجابی' }
	],
	romanian: [{ lang: 'ro', name: 'română' }],
	somali: [{ lang: 'so', name: 'Soomaali' }],
	spanish: [{ lang: 'es', name: 'español' }],
	turkish: [{ lang: 'tr', name: 'Türkçe' }],
	twi: [{ lang: 'tw', name: 'Twi' }],
	urdu: [{ lang: 'ur', name: 'اردو' }],
	vietnamese: [{ lang: 'vi', name: 'Tiếng Việt' }],
	yiddish: [{ lang: 'yi', name: 'ייִדיש' }],
	yoruba: [{ lang: 'yo', name: 'Yorùbá' }]
};

/**
 * The endonyms to show beside a language category's name as the reader sees it: none that the
 * name already is ("Polski" read in Polish, "Twi" in English), none for a category of another
 * characteristic or an unknown key.
 */
export function endonymsBeside(category: string | null | undefined, shownName: string): readonly { lang: string; name: string }[] {
	const own = LANGUAGE_ENDONYMS[category as Category<'language'>] ?? [];
	const shown = shownName.toLocaleLowerCase();
	return own.filter((e) => !shown.includes(e.name.toLocaleLowerCase()));
}

/**
 * The languages people typed under "another language", as staff see them (the server's reach
 * feature works it out): each name said by at least the small-count limit of people, with how
 * many; nothing else of them, and nothing at all when the "another language" count is itself
 * hidden on the page (see `namedLanguages` in the server's reach feature).
 */
export type NamedLanguagesView = {
	/** false: the "another language" figure is hidden here, so no name is listed. */
	listed: boolean;
	names: { name: string; count: number }[];
	/** Names said by fewer than this many people are never listed. */
	smallCountBelow: number;
};

/**
 * A group is "under-heard" when its share of the people we heard from is below two thirds of its
 * share of the local SEND population (ratio < 2/3). Two thirds, not one: every sample wobbles, and
 * a flag that fires on every small gap would be ignored.
 */
export const UNDER_HEARD_BELOW = 2 / 3;

/**
 * One group of a comparison as pages show it (the server's reach feature works it out, with small
 * numbers protected): every figure about the people we heard from is null when it is hidden.
 */
export type ReachRowView = {
	category: Category;
	/** How many we heard from in the group. */
	count: number | null;
	/** Their share of everyone we heard from, 0 to 1. */
	share: number | null;
	/** The group's share of the local SEND population, 0 to 1; null with no local figure. */
	localShare: number | null;
	/** share / localShare. */
	ratio: number | null;
	/** ratio < UNDER_HEARD_BELOW. */
	underHeard: boolean | null;
};

/** One characteristic's comparison as pages show it; plain data, so a frozen report can keep it. */
export type ReachView = {
	characteristic: Characteristic;
	rows: ReachRowView[];
	/** Everyone we heard from who said which group they are in; null when hidden. */
	total: number | null;
	/** Some figure was hidden to protect small numbers. */
	suppressed: boolean;
	localTotal: number;
	/** What the local figures are (null: no baseline imported). */
	baseline: { asOf: string; source: string } | null;
};
