import type { Cookies } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { contentOnly } from '$lib/features/content/model';
import { cookieName, getLocale } from '$lib/paraglide/runtime';
import { db } from './db/app';
import * as content from './content';
import { servedOverHttps } from './origin';

const YEAR = 60 * 60 * 24 * 365;

/**
 * The reader's content language when it is not an interface language (Arabic, say): public texts
 * (board items, meeting summaries, standards) in it where translated, the page's own words in
 * English (decision 0059). Read on the server only.
 */
export const CONTENT_LANGUAGE_COOKIE = 'chorus_content_language';

/**
 * Switches the interface language for this browser (Paraglide reads the cookie, on the server
 * and in the browser), and forgets a content language chosen before: choosing an interface
 * language is choosing to read in it. A value that is not one of the app's languages changes nothing.
 */
export function setLanguageCookie(cookies: Cookies, url: URL, locale: unknown): void {
	if (!isLocale(locale)) return;
	// Paraglide's browser runtime reads it too, so it is not HttpOnly.
	cookies.set(cookieName, locale, { path: '/', maxAge: YEAR, httpOnly: false, sameSite: 'lax', secure: servedOverHttps(url) });
	if (cookies.get(CONTENT_LANGUAGE_COOKIE) !== undefined) cookies.delete(CONTENT_LANGUAGE_COOKIE, { path: '/' });
}

/**
 * The language switch (the footer's and the settings page's): an interface language sets the
 * interface; an offered content language that is not one (Arabic) sets the interface to English
 * and remembers the content language. Anything else changes nothing. Returns whether it changed.
 */
export function chooseLanguage(cookies: Cookies, url: URL, choice: unknown, offered: readonly string[]): boolean {
	if (isLocale(choice)) {
		setLanguageCookie(cookies, url, choice);
		return true;
	}
	if (typeof choice !== 'string' || !contentOnly(offered).includes(choice)) return false;
	setLanguageCookie(cookies, url, 'en');
	cookies.set(CONTENT_LANGUAGE_COOKIE, choice, { path: '/', maxAge: YEAR, httpOnly: true, sameSite: 'lax', secure: servedOverHttps(url) });
	return true;
}

/**
 * The reader's content language from the cookie's value: the content language chosen, while it is
 * still offered and not an interface language; otherwise the interface language.
 */
export function contentLocaleFrom(cookie: string | undefined, offered: readonly string[], interfaceLocale: string): string {
	return cookie !== undefined && contentOnly(offered).includes(cookie) ? cookie : interfaceLocale;
}

/** The language public texts are shown in for this request (see contentLocaleFrom). */
export function contentLocale(event: { cookies: Pick<Cookies, 'get'> }): string {
	return contentLocaleFrom(event.cookies.get(CONTENT_LANGUAGE_COOKIE), content.offeredLanguages(db()), getLocale());
}
