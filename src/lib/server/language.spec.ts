import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { cookieName } from '$lib/paraglide/runtime';
import { CONTENT_LANGUAGE_COOKIE, chooseLanguage, contentLocaleFrom } from './language';

const OFFERED = ['so', 'tr', 'ar', 'ro'];
const URL_ = new URL('http://localhost/settings?/language');

/** A browser's cookies for this site, as SvelteKit's `cookies` sets and reads them. */
function jar(initial: Record<string, string> = {}) {
	const values = new Map(Object.entries(initial));
	const cookies = {
		get: (name: string) => values.get(name),
		set: (name: string, value: string) => void values.set(name, value),
		delete: (name: string) => void values.delete(name)
	} as unknown as Cookies;
	return { cookies, values };
}

describe("the reader's content language", () => {
	it('is the content language chosen while it is offered and not an interface language, otherwise the interface language', () => {
		expect(contentLocaleFrom('ar', OFFERED, 'en')).toBe('ar');
		expect(contentLocaleFrom(undefined, OFFERED, 'tr')).toBe('tr');
		// no longer offered, never offered, an interface language, or nonsense: the interface language
		expect(contentLocaleFrom('ar', ['so'], 'en')).toBe('en');
		expect(contentLocaleFrom('es', OFFERED, 'en')).toBe('en');
		expect(contentLocaleFrom('so', OFFERED, 'en')).toBe('en');
		expect(contentLocaleFrom('<script>', OFFERED, 'en')).toBe('en');
		expect(contentLocaleFrom('', OFFERED, 'pl')).toBe('pl');
	});

	it('choosing a content language that is not an interface language sets the page words to English and remembers it', () => {
		const { cookies, values } = jar({ [cookieName]: 'tr' });
		expect(chooseLanguage(cookies, URL_, 'ar', OFFERED)).toBe(true);
		expect(Object.fromEntries(values)).toEqual({ [cookieName]: 'en', [CONTENT_LANGUAGE_COOKIE]: 'ar' });
	});

	it('choosing an interface language forgets the content language', () => {
		const { cookies, values } = jar({ [cookieName]: 'en', [CONTENT_LANGUAGE_COOKIE]: 'ar' });
		expect(chooseLanguage(cookies, URL_, 'so', OFFERED)).toBe(true);
		expect(Object.fromEntries(values)).toEqual({ [cookieName]: 'so' });
	});

	it('ignores a language not offered, and anything that is not a language', () => {
		for (const choice of ['es', 'xx', '', null, 42, ['ar']]) {
			const { cookies, values } = jar({ [cookieName]: 'pl' });
			expect(chooseLanguage(cookies, URL_, choice, OFFERED)).toBe(false);
			expect(Object.fromEntries(values)).toEqual({ [cookieName]: 'pl' });
		}
	});
});
