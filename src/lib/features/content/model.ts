/**
 * Content in the community's languages (issue 19): what a person wrote for the public (a board
 * item's "you said" and easy-read line, a "we did", a meeting's easy-read summary, a standard's
 * statement and measure), translated into the languages the area offers for content. Interface
 * languages (the words of Chorus itself) are one list; content languages are the admins' choice
 * and may include languages Chorus's own words are not in. Surveys keep their own translations
 * (survey_translation) but offer the same languages.
 */
import { locales } from '$lib/paraglide/runtime';
import { isLocale } from '$lib/i18n';
import { EASY_READ_SENTENCES } from '$lib/features/meetings/model';

/** A meeting summary's sentences by place: "sentence_1" is the first (the symbol stays the English one's). */
export const sentenceField = (index: number) => `sentence_${index + 1}`;

/** What can be translated, and its fields. */
export const CONTENT_SUBJECTS = {
	board_item: ['you_said', 'easy_read'],
	board_response: ['text'],
	meeting_easy_read: Array.from({ length: EASY_READ_SENTENCES }, (_, i) => sentenceField(i)),
	standard: ['statement', 'measure']
} as const satisfies Record<string, readonly string[]>;
export type ContentSubject = keyof typeof CONTENT_SUBJECTS;

/**
 * The languages an admin may offer for content: every interface language, and others families
 * in England often read (the "main language" answers): Arabic, Spanish, French, Portuguese,
 * Romanian, Gujarati, Punjabi, Vietnamese, Yoruba, Twi. ISO 639-1 codes.
 */
export const CONTENT_LANGUAGE_CHOICES: readonly string[] = [
	...locales.filter((l) => l !== 'en'),
	'ar',
	'es',
	'fr',
	'pt',
	'ro',
	'gu',
	'pa',
	'vi',
	'yo',
	'tw'
];

/** The languages offered for content when an admin has not chosen: every interface language but English. */
export const DEFAULT_CONTENT_LANGUAGES: readonly string[] = locales.filter((l) => l !== 'en');

/** The longest translated text, in characters (the longest board text is shorter). */
export const CONTENT_TEXT_MAX = 5000;

/** The offered content languages that are not interface languages (Arabic...): the page's own words stay English for them. */
export const contentOnly = (offered: readonly string[]): string[] => offered.filter((l) => !isLocale(l));
