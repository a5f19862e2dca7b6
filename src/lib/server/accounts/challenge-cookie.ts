/**
 * The cookie that carries a half-done sign-in (password right, code still to come) from the
 * sign-in page to the code page. It holds a random token; the server keeps only its SHA-256
 * (accounts/two-step.ts). HttpOnly, SameSite=Lax, only sent to /login pages, gone after 10 minutes.
 */
import type { Cookies } from '@sveltejs/kit';
import { CHALLENGE_COOKIE, CHALLENGE_LIFETIME_MS } from './two-step';

const OPTIONS = { path: '/login', httpOnly: true, sameSite: 'lax' } as const;

export function setChallengeCookie(cookies: Cookies, token: string, secure: boolean): void {
	cookies.set(CHALLENGE_COOKIE, token, { ...OPTIONS, secure, maxAge: CHALLENGE_LIFETIME_MS / 1000 });
}

export function challengeCookie(cookies: Cookies): string | null {
	return cookies.get(CHALLENGE_COOKIE) ?? null;
}

export function deleteChallengeCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(CHALLENGE_COOKIE, { ...OPTIONS, secure });
}
