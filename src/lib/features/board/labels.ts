import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { LocalOfferAspect } from './model';

type Words = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const ASPECT_NAMES: Record<LocalOfferAspect, Words> = {
	content: m.board_local_offer_aspect_content,
	accessibility: m.board_local_offer_aspect_accessibility,
	development: m.board_local_offer_aspect_development
};

/** An aspect of the Local Offer in short words ("What it says"), for lists, tables and reports. */
export const localOfferAspectName = (a: LocalOfferAspect, locale?: Locale): string => ASPECT_NAMES[a]({}, locale ? { locale } : undefined);

const ASPECT_ANSWERS: Record<LocalOfferAspect, () => string> = {
	content: m.board_local_offer_content,
	accessibility: m.board_local_offer_accessibility,
	development: m.board_local_offer_development
};

/** The feedback form's answers to "Is this about the Local Offer website?": no, then each aspect in words. */
export const localOfferAnswers = () => [
	{ value: '', label: m.board_local_offer_no() },
	...(Object.keys(ASPECT_ANSWERS) as LocalOfferAspect[]).map((a) => ({ value: a, label: ASPECT_ANSWERS[a]() }))
];
