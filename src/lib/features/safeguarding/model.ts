/**
 * Safeguarding words shared by the server and the pages (browser-safe). What matches and who may
 * see a flag is decided only on the server (`$lib/server/safeguarding`).
 */

/** Where flagged text was written. */
export const FLAG_SOURCES = ['survey_answer', 'feedback', 'profile_item', 'message'] as const;
export type FlagSource = (typeof FLAG_SOURCES)[number];

/** What a safeguarding lead decided when they reviewed a flag. */
export const FLAG_OUTCOMES = ['no_concern', 'support_offered', 'referred', 'already_known'] as const;
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number];

/** The kinds of risk a phrase may point to. */
export const PHRASE_CATEGORIES = ['self_harm', 'abuse', 'neglect', 'unsafe'] as const;
export type PhraseCategory = (typeof PHRASE_CATEGORIES)[number];

/** Childline's free number, shown to young people on every page where they can write. */
export const CHILDLINE_NUMBER = '0800 1111';
