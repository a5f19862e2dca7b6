import { redirect } from '@sveltejs/kit';
import { isProfileSection } from '$lib/features/profiles/model';
import { db } from '$lib/server/db/app';
import { idParam } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import { PUPIL_VOICE_MINIMUM } from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';
import { profileOf } from './profile.server';

/** A confirmation the last save asked for: ?saved=<version>&did=<what>&section=<where>. */
function savedFrom(url: URL) {
	const version = Number(url.searchParams.get('saved'));
	if (!Number.isSafeInteger(version) || version <= 0) return null;
	const section = url.searchParams.get('section') ?? '';
	return {
		version,
		did: url.searchParams.get('did') ?? 'added',
		section: isProfileSection(section) ? section : null
	};
}

export const load: PageServerLoad = (event) => {
	const { locals, url } = event;
	const { id, view } = profileOf(event);
	return {
		view,
		/** The items this person may change or remove ("Change" is shown on these only). */
		changeable: view.sections.flatMap((s) => s.items).filter((item) => profiles.mayChangeItem(locals.user, id, item)).map((item) => item.id),
		saved: savedFrom(url),
		reviewed: url.searchParams.has('reviewed'),
		consent: url.searchParams.get('consent'),
		/** Counts are shown only when at least this many young people are counted. */
		minimum: PUPIL_VOICE_MINIMUM
	};
};

export const actions: Actions = {
	/** "It is still right": marks the profile reviewed today. */
	review: ({ locals, params, url }) => {
		const id = idParam(params.youngPersonId);
		forPage(locals.user, url, () => profiles.markReviewed(db(), locals.user, id));
		redirect(303, `/profiles/${id}?reviewed=1`);
	},
	/** The young person ticks or unticks "count my pictures". */
	consent: async ({ locals, params, request, url }) => {
		const id = idParam(params.youngPersonId);
		const consent = (await request.formData()).get('consent') === '1';
		forPage(locals.user, url, () => profiles.setConsent(db(), locals.user, id, consent));
		redirect(303, `/profiles/${id}?consent=${consent ? 'on' : 'off'}#consent`);
	}
};
