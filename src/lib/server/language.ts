import type { Cookies } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { cookieName } from '$lib/paraglide/runtime';
import { servedOverHttps } from './origin';

const YEAR = 60 * 60 * 24 * 365;

/**
 * Switches the interface language for this browser (Paraglide reads the cookie, on the server
 * and in the browser). A value that is not one of the app's languages changes nothing.
 */
export function setLanguageCookie(cookies: Cookies, url: URL, locale: unknown): void {
	if (!isLocale(locale)) return;
	// Paraglide's browser runtime reads it too, so it is not HttpOnly.
	cookies.set(cookieName, locale, { path: '/', maxAge: YEAR, httpOnly: false, sameSite: 'lax', secure: servedOverHttps(url) });
}
