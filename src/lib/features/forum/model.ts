/**
 * The parent carer forum's members and representatives (issue 18, point 2), shared by the server
 * and the pages. A member's "about you" uses the one vocabulary of `features/reach/model.ts`.
 */
import { CATEGORIES, type Category } from '../reach/model';

/** What a member may tell us about their family, for the forum's reach figures (never sex: the forum counts families). */
export const ABOUT_YOU = ['need_area', 'phase', 'support', 'area', 'ethnicity', 'language'] as const;
export type AboutYouCharacteristic = (typeof ABOUT_YOU)[number];

/** "Prefer not to say": stored, never a category, left out of every count. */
export const PREFER_NOT = 'prefer_not';

/** A member's answer: a category of the characteristic, "prefer not to say", or nothing given (null). */
export type AboutYouAnswer<C extends AboutYouCharacteristic = AboutYouCharacteristic> = Category<C> | typeof PREFER_NOT | null;
export type AboutYou = { [C in AboutYouCharacteristic]: AboutYouAnswer<C> };

/** The choices a form offers for one characteristic: its categories, then "prefer not to say". */
export const answersOf = (c: AboutYouCharacteristic): readonly string[] => [...CATEGORIES[c], PREFER_NOT];

/** Days an email-only join may wait for its confirmation link (as a subscription does, 0050); unconfirmed joins go after it. */
export const JOIN_CONFIRM_DAYS = 7;

/**
 * Days a representative's record is kept after their term ended: two partnership years, so the
 * yearly forum report and its funders can see who represented the forum last year and the year
 * before (0055).
 */
export const REPRESENTATIVE_KEEP_DAYS = 730;

/** Months shown in the membership counts over time. */
export const MONTHS_SHOWN = 12;
