import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { signInHref } from '$lib/links';
import { db } from '$lib/server/db/app';
import * as twoStep from '$lib/server/accounts';
import { safeRedirectTarget } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/*
 * "Confirm it's you": before a dangerous step (erasing a person, changing roles, downloading
 * personal data, opening a safeguarding flag), when the person last proved who they are more than
 * 15 minutes ago, they give their password again (and the code, if they use two-step sign-in),
 * then go back to where they were. Young people have no password: they sign in with their card again.
 */

export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const next = safeRedirectTarget(url.searchParams.get('next'));
	if (!locals.user) redirect(303, signInHref(next));
	if (locals.user.email === null) redirect(303, `/young-people/sign-in?next=${encodeURIComponent(next)}`);
	return { email: locals.user.email, needsCode: twoStep.usesTwoStep(db(), locals.user.id) };
};

export const actions: Actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const next = safeRedirectTarget(url.searchParams.get('next'));
		if (!locals.user || !locals.session) redirect(303, signInHref(next));
		const data = await request.formData();
		const password = String(data.get('password') ?? '').slice(0, 256);
		const code = String(data.get('code') ?? '').slice(0, 40);
		const needsCode = twoStep.usesTwoStep(db(), locals.user.id);
		const problems: { field: string; message: string }[] = [];
		if (!password) problems.push({ field: 'password', message: m.accounts_login_password_required() });
		if (needsCode && !code.trim()) problems.push({ field: 'code', message: m.accounts_code_required() });
		if (problems.length) return fail(400, { problems });
		const result = await twoStep.confirmIdentity(db(), locals.user, locals.session.id, { password, code, address: getClientAddress() });
		if (result.ok) redirect(303, next);
		if (result.reason === 'throttled') {
			return fail(429, { problems: [{ field: 'password', message: m.accounts_login_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }) }] });
		}
		return fail(400, {
			problems:
				result.reason === 'wrong_password'
					? [{ field: 'password', message: m.accounts_confirm_wrong_password() }]
					: [{ field: 'code', message: m.accounts_code_wrong() }]
		});
	}
};
