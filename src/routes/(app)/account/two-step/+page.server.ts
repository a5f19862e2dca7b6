import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import * as twoStep from '$lib/server/accounts';
import { confirmPath, orConfirm, refusal } from '$lib/server/http';
import { signedInRecently } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/*
 * One's own two-step sign-in: turn it on (or move it to a new phone), get new recovery codes, or
 * turn it off (not for admins and safeguarding leads, who must use it). Changing it when it is on
 * asks for a recent sign-in ("Confirm it's you").
 */

function mine(locals: App.Locals) {
	// young people sign in with a card and pictures: no password step to add a code to
	if (!locals.user || locals.user.email === null) error(404, { message: 'Not found', code: 'not_found' });
	return { ...locals.user, email: locals.user.email };
}

export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const me = mine(locals);
	const status = twoStep.status(db(), me);
	const moving = url.searchParams.get('move') === '1';
	return {
		status,
		confirmPath: confirmPath(url),
		recent: signedInRecently(me),
		// a new secret to add, when it is off or the person is moving it to a new phone
		secret: !status.enabled || moving ? twoStep.newSecret(me.id, me.email, m.accounts_qr_label()) : null,
		moving
	};
};

export const actions: Actions = {
	/** Turn it on, or move it to a new phone: the sealed secret and the first code. */
	enable: async ({ request, locals, url, getClientAddress }) => {
		const me = mine(locals);
		const data = await request.formData();
		const code = String(data.get('code') ?? '').slice(0, 40);
		const sealed = String(data.get('sealed') ?? '').slice(0, 400);
		const secret = twoStep.sameSecret(sealed, me.id, me.email, m.accounts_qr_label()) ?? twoStep.newSecret(me.id, me.email, m.accounts_qr_label());
		const problem = (message: string, status = 400) => fail(status, { secret, problems: [{ field: 'code', message }] });
		if (!code.trim()) return problem(m.accounts_code_required());
		const result = orConfirm(url, () => twoStep.enable(db(), me, { sealed: secret.sealed, code, address: getClientAddress() }));
		if (result.ok) return { recoveryCodes: result.recoveryCodes };
		if (result.reason === 'throttled') return problem(m.accounts_login_error_throttled({ minutes: Math.ceil(result.retryAfterSeconds / 60) }), 429);
		return problem(m.accounts_set_up_code_wrong());
	},

	/** Ten new recovery codes in place of the old. */
	renew: async ({ locals, url }) => {
		const me = mine(locals);
		return { recoveryCodes: orConfirm(url, () => twoStep.renewRecoveryCodes(db(), me)) };
	},

	/** Turn it off (refused for roles that must use it). */
	disable: async ({ locals, url }) => {
		const me = mine(locals);
		try {
			orConfirm(url, () => twoStep.disable(db(), me));
		} catch (e) {
			return refusal(e, { two_step_required: () => fail(409, { problems: [{ field: 'disable', message: m.accounts_two_step_required_note() }] }) });
		}
		return { turnedOff: true };
	}
};
