import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import { idParam, isFailure } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import { profileResource } from '$lib/server/profiles';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const youngPersonId = idParam(params.youngPersonId);
	// The young person and their supporters read this list; the young person (or an admin, for
	// someone who cannot choose yet) changes it. An admin cannot open the profile itself.
	const supporters = forPage(locals.user, url, () => profiles.supporters(db(), locals.user, youngPersonId));
	const resource = profileResource(db(), youngPersonId);
	const mayChoose = can(locals.user, 'profiles.chooseSupporters', resource);
	const stopId = Number(url.searchParams.get('stop'));
	const addedId = Number(url.searchParams.get('added'));
	return {
		youngPerson: { id: youngPersonId, name: resource.name },
		isOwn: locals.user?.id === youngPersonId,
		mayChoose,
		mayRead: can(locals.user, 'profiles.read', resource),
		supporters: supporters.map(({ id, name, linkedAt }) => ({ id, name, linkedAt })),
		// "Stop … seeing my profile" first asks "are you sure?" (a GET form, so no JavaScript is needed)
		confirmStop: mayChoose ? (supporters.find((s) => s.id === stopId) ?? null) : null,
		added: supporters.find((s) => s.id === addedId)?.name ?? null,
		stopped: url.searchParams.get('done') === 'stopped'
	};
};

export const actions: Actions = {
	/** Lets a supporter see the profile, found by the email they sign in with. */
	add: async ({ locals, params, request, url }) => {
		const youngPersonId = idParam(params.youngPersonId);
		const email = String((await request.formData()).get('email') ?? '').trim().slice(0, 200);
		const problem = (message: string) => fail(400, { email, problems: [{ field: 'email', message }] });
		if (!email) return problem(m.profiles_share_error_email_required());
		const outcome = forPage(locals.user, url, () => profiles.linkSupporter(db(), locals.user, youngPersonId, email), {
			not_a_supporter: () => problem(m.profiles_share_error_not_a_supporter()),
			already_linked: () => problem(m.profiles_share_error_already_linked())
		});
		if (isFailure(outcome)) return outcome;
		redirect(303, `/profiles/${youngPersonId}/supporters?added=${outcome.id}`);
	},

	/** Stops a supporter seeing the profile, at once; pressing it twice is not an error. */
	remove: async ({ locals, params, request, url }) => {
		const youngPersonId = idParam(params.youngPersonId);
		const supporterId = idParam(String((await request.formData()).get('supporterId') ?? ''));
		// already stopped: nothing to do
		forPage(locals.user, url, () => profiles.unlinkSupporter(db(), locals.user, youngPersonId, supporterId), { supporter: () => undefined });
		redirect(303, `/profiles/${youngPersonId}/supporters?done=stopped`);
	}
};
