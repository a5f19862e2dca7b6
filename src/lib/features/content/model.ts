/**
 * Content in the community's languages (issue 19): what a person wrote for the public (a board
 * item's "you said" and easy-read line, a "we did"), translated into the languages the area
 * offers for content. Interface languages (the words of Chorus itself) are one list; content
 * languages are the admins' choice and may include languages Chorus's own words are not in.
 * Surveys keep their own translations (survey_translation) but offer the same languages.
 */
import { locales } from '$lib/paraglide/runtime';

/** What can be translated, and its fields. */
export const CONTENT_SUBJECTS = {
	board_item: ['you_said', 'easy_read'],
	board_response: ['text']
} as const;
export type ContentSubject = keyof typeof CONTENT_SUBJECTS;
export type ContentField<S extends ContentSubject = ContentSubject> = (typeof CONTENT_SUBJECTS)[S][number];

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
