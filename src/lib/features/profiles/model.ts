/**
 * One-page profiles: the parts pages and the server share. Browser-safe.
 */

/** The five sections of a one-page profile, in the order they are shown and printed. */
export const PROFILE_SECTIONS = ['admire', 'important', 'support', 'communicate', 'hopes'] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];

export function isProfileSection(value: string): value is ProfileSection {
	return (PROFILE_SECTIONS as readonly string[]).includes(value);
}

/** The symbol each section's heading shows, so the headings can be read without words. */
export const SECTION_SYMBOLS: Readonly<Record<ProfileSection, string>> = {
	admire: 'praise',
	important: 'loved',
	support: 'ask-for-help',
	communicate: 'talk',
	hopes: 'idea'
};

/**
 * The nine pictures of the picture passcode, always in this order so the grid looks the same at
 * every sign-in. Chosen to be easy to tell apart and to name.
 */
export const PASSCODE_SYMBOLS = [
	'cat',
	'dog',
	'fish',
	'football',
	'pizza',
	'ice-cream',
	'car',
	'sun',
	'flowers'
] as const;
export type PasscodeSymbol = (typeof PASSCODE_SYMBOLS)[number];

/** A picture passcode is this many pictures, in order (the same one may be picked twice). */
export const PASSCODE_LENGTH = 3;

export function isPasscodeSymbol(value: string): value is PasscodeSymbol {
	return (PASSCODE_SYMBOLS as readonly string[]).includes(value);
}

/**
 * Sign-in card codes use capital letters and digits that cannot be mistaken for each other
 * (no 0/O, 1/I/L, U/V): 8 of them carry 39 bits, printed as two groups of four.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
export const CODE_LENGTH = 8;

/** A typed code as stored and compared: capitals, no spaces or dashes. */
export function normaliseCode(typed: string): string {
	return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A code as printed on the card: "ABCD-EFGH". */
export function formatCode(code: string): string {
	const plain = normaliseCode(code);
	return plain.length === CODE_LENGTH ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/** How long a new share link works, in days, unless the person chooses otherwise. */
export const SHARE_LINK_DEFAULT_DAYS = 30;
/** The choices offered for how long a share link works. */
export const SHARE_LINK_DAY_CHOICES = [7, 30, 90] as const;

/** Own words on a profile item: short, so the profile still fits on one page. */
export const ITEM_WORDS_MAX = 100;
/** Items per section: enough for a full picture, few enough to print on one A4 page. */
export const ITEMS_PER_SECTION_MAX = 6;

/** The largest photo upload accepted (a phone photo); what is stored is far smaller. */
export const PHOTO_MAX_BYTES = 8_000_000;
