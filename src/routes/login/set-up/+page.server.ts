import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import * as twoStep from '$lib/server/accounts';
import { challengeCookie, deleteChallengeCookie } from '$lib/server/accounts';
import { SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/session';
import { safeRedirectTarget } from '$lib/server/http';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

/*
 * Signing in for the first time with a role that must use two-step sign-in (admin, safeguarding
 * lead): add Chorus to an authenticator app (QR code, or the secret typed), type its first code,
 * then save the ten recovery codes. Nothing is kept until the first code proves the app has the
 * secret: the new secret travels sealed (encrypted with the deployment's key) in the form.
 */

export const load: PageServerLoad = ({ cookies, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const token = challengeCookie(cookies);
	const found = token ? twoStep.challengeFor(db(), token) : null;
	// just set up and signed in (this answer shows the recovery codes), or back here later
	if (!found && cookies.get(SESSION_COOKIE)) return { name: null, secret: null, next: safeRedirectTarget(url.searchParams.get('next')) };
	if (!found) redirect(303, '/login?done=expired');
	if (!found.setUp) redirect(303, `/login/code?next=${encodeURIComponent(safeRedirectTarget(url.searchParams.get('next')))}`);
	return {
		name: found.name,
		secret: twoStep.newSecret(found.userId, found.email, m.accounts_qr_label()),
		next: safeRedirectTarget(url.searchParams.get('next'))
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const data = await request.formData();
		const code = String(data.get('code') ?? '').slice(0, 40);
		const sealed = String(data.get('sealed') ?? '').slice(0, 400);
		const token = challengeCookie(cookies);
		const found = token ? twoStep.challengeFor(db(), token) : null;
		const secure = servedOverHttps(url);
		if (!token || !found) {
			deleteChallengeCookie(cookies, secure);
			redirect(303, '/login?done=expired');
		}
		// a wrong code shows the same secret again: the person's app already has it
		const secret = twoStep.sameSecret(sealed, found.userId, found.email, m.accounts_qr_label()) ?? twoStep.newSecret(found.userId, found.email, m.accounts_qr_label());
		const problem = (message: string, status = 400) => fail(status, { secret, problems: [{ field: 'code', message }] });
		if (!code.trim()) return problem(m.accounts_code_required());
		const result = twoStep.finishSignInWithSetUp(db(), { challenge: token, sealed: secret.sealed, code, address: getClientAddress() });
		if (result.ok) {
			deleteChallengeCookie(cookies, secure);
			setSessionCookie(cookies, result.token, result.session, secure);
			// shown once, in this answer only: the page never shows them again
			return { recoveryCodes: result.recoveryCodes ?? [], next: safeRedirectTarget(url.searchParams.get('next')) };
		}
		if (result.reason === 'expired') redirect(303, '/login?done=expired');
		if (result.reason === 'throttled') return problem(m.accounts_login_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }), 429);
		return problem(m.accounts_set_up_code_wrong());
	}
};
