import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { SHARE_LINK_DEFAULT_DAYS } from '$lib/features/profiles/model';
import { db } from '$lib/server/db/app';
import { idParam, isFailure } from '$lib/server/http';
import { siteOrigin } from '$lib/server/origin';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url, setHeaders }) => {
	// After "Make the link" this page holds the new link's secret: no cache may keep it.
	setHeaders({ 'cache-control': 'private, no-store' });
	const youngPersonId = idParam(params.youngPersonId);
	const profile = forPage(locals.user, url, () => profiles.view(db(), locals.user, youngPersonId));
	return {
		youngPerson: { id: youngPersonId, name: profile.youngPerson.name },
		isOwn: profile.isOwn,
		links: forPage(locals.user, url, () => profiles.shareLinks(db(), locals.user, youngPersonId)),
		stopped: url.searchParams.get('done') === 'stopped'
	};
};

export const actions: Actions = {
	/**
	 * Makes a link and shows it on the page this once. Only its hash is stored, so there is no
	 * redirect here: it would lose the link.
	 */
	create: async ({ locals, params, request, url }) => {
		const youngPersonId = idParam(params.youngPersonId);
		const data = await request.formData();
		const label = String(data.get('label') ?? '');
		const days = String(data.get('days') ?? SHARE_LINK_DEFAULT_DAYS);
		const outcome = forPage(locals.user, url, () => profiles.createShareLink(db(), locals.user, youngPersonId, { label, days: Number(days) }), {
			label: () => fail(400, { problems: [{ field: 'label', message: m.profiles_share_error_label() }], label, days }),
			days: () => fail(400, { problems: [{ field: 'days', message: m.profiles_share_error_days() }], label, days })
		});
		if (isFailure(outcome)) return outcome;
		return {
			created: {
				link: `${siteOrigin(url)}/shared-profile/${outcome.token}`,
				label: label.replace(/\s+/g, ' ').trim(),
				expiresAt: outcome.expiresAt
			}
		};
	},

	/** Stops one link at once; stopping one already stopped changes nothing. */
	revoke: async ({ locals, params, request, url }) => {
		const youngPersonId = idParam(params.youngPersonId);
		const linkId = idParam(String((await request.formData()).get('linkId') ?? ''));
		forPage(locals.user, url, () => profiles.revokeShareLink(db(), locals.user, youngPersonId, linkId));
		redirect(303, `/profiles/${youngPersonId}/share?done=stopped`);
	}
};
