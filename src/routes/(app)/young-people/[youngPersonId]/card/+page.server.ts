import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { formatCode } from '$lib/features/profiles/model';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import { servedOverHttps, siteOrigin } from '$lib/server/origin';
import { qrSvg } from '$lib/server/qr';
import { cardPath, freshCode, rememberFreshCode } from '$lib/server/profiles';
import { card } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

/**
 * A young person's sign-in card, for the supporters they are linked to. The code is shown only
 * just after the card is made (see card-cookie.ts); otherwise the page offers a new card.
 */
export const load: PageServerLoad = ({ locals, params, cookies, url, setHeaders }) => {
	// It may show a sign-in code: never keep it in a cache.
	setHeaders({ 'cache-control': 'no-store' });
	const view = orError(() => card(db(), locals.user, idParam(params.youngPersonId), freshCode(cookies)));
	const address = `${siteOrigin(url)}/young-people/sign-in`;
	const code = view.code ? formatCode(view.code) : null;
	return {
		card: { ...view, code },
		address,
		qr: code ? qrSvg(`${address}?code=${code}`, m.profiles_card_card_qr_label()) : null,
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	/** A new code: the old card stops working. The page then shows the new card. */
	newCard: ({ locals, params, cookies, url }) => {
		const id = idParam(params.youngPersonId);
		const code = orError(() => profiles.newSignInCode(db(), locals.user, id));
		rememberFreshCode(cookies, id, code, servedOverHttps(url));
		redirect(303, cardPath(id));
	},
	/** Forgotten pictures: they choose new ones at their next sign-in, and are signed out now. */
	reset: ({ locals, params }) => {
		const id = idParam(params.youngPersonId);
		orError(() => profiles.resetPasscode(db(), locals.user, id));
		redirect(303, `${cardPath(id)}?done=reset`);
	}
};
