import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import * as twoStep from '$lib/server/accounts';
import { challengeCookie, deleteChallengeCookie } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/session';
import { safeRedirectTarget } from '$lib/server/http';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

/*
 * Signing in, second step: the 6-digit code from the authenticator app, or a recovery code. The
 * page works only while the half-done sign-in (a cookie from the sign-in page) lasts: 10 minutes.
 */

export const load: PageServerLoad = ({ cookies, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const token = challengeCookie(cookies);
	const found = token ? twoStep.challengeFor(db(), token) : null;
	if (!found) redirect(303, '/login?done=expired');
	if (found.setUp) redirect(303, `/login/set-up?next=${encodeURIComponent(safeRedirectTarget(url.searchParams.get('next')))}`);
	return { name: found.name };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const code = String((await request.formData()).get('code') ?? '').slice(0, 40);
		const problem = (message: string, status = 400) => fail(status, { problems: [{ field: 'code', message }] });
		if (!code.trim()) return problem(m.accounts_code_required());
		if (!twoStep.isCodeShaped(code)) return problem(m.accounts_code_shape());
		const token = challengeCookie(cookies);
		const secure = servedOverHttps(url);
		const result = token ? twoStep.finishSignIn(db(), { challenge: token, code, address: getClientAddress() }) : ({ ok: false, reason: 'expired' } as const);
		if (result.ok) {
			deleteChallengeCookie(cookies, secure);
			setSessionCookie(cookies, result.token, result.session, secure);
			redirect(303, safeRedirectTarget(url.searchParams.get('next')));
		}
		if (result.reason === 'expired') {
			deleteChallengeCookie(cookies, secure);
			redirect(303, '/login?done=expired');
		}
		if (result.reason === 'throttled') return problem(m.accounts_login_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }), 429);
		return problem(m.accounts_code_wrong());
	}
};
