/**
 * A new sign-in card's code exists in the clear only at the moment it is made (it is stored
 * hashed). To show it on the card page after the redirect that follows making it, the code
 * travels in a short-lived cookie that only that card page is sent: HttpOnly (no script reads
 * it), SameSite=Strict (no other site's link carries it), Secure over https, and gone after 15
 * minutes, so the card can be printed but the code does not linger. The page shows it only while
 * it is still the young person's current code (./cards).
 */
import type { Cookies } from '@sveltejs/kit';

export const FRESH_CODE_COOKIE = 'chorus_new_card';
/** Long enough to print the card, short enough that the code does not linger. */
export const FRESH_CODE_MAX_AGE_SECONDS = 15 * 60;

/** The card page's own path: the only address the cookie is sent to. */
export function cardPath(youngPersonId: number): string {
	return `/young-people/${youngPersonId}/card`;
}

/** Keeps a code just made for the card page to show. */
export function rememberFreshCode(cookies: Cookies, youngPersonId: number, code: string, secure: boolean): void {
	cookies.set(FRESH_CODE_COOKIE, code, {
		path: cardPath(youngPersonId),
		httpOnly: true,
		sameSite: 'strict',
		secure,
		maxAge: FRESH_CODE_MAX_AGE_SECONDS
	});
}

/** The code made moments ago for this card page, if any (checked against the database by the caller). */
export function freshCode(cookies: Cookies): string | null {
	return cookies.get(FRESH_CODE_COOKIE) ?? null;
}
