import { error, fail, redirect } from '@sveltejs/kit';
import { ITEMS_PER_SECTION_MAX, isProfileSection, type ProfileSection } from '$lib/features/profiles/model';
import { pickerState, SECTION_TOPICS } from '$lib/features/profiles/picker';
import { db } from '$lib/server/db/app';
import { searchIn } from '$lib/symbols/names';
import { getLocale } from '$lib/paraglide/runtime';
import { idParam } from '$lib/server/http';
import { attempt } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import { profileOf } from '../profile.server';
import type { Actions, PageServerLoad } from './$types';

/** The section of the address (?section=support), or "page not found". */
function sectionOf(url: URL): ProfileSection {
	const section = url.searchParams.get('section') ?? '';
	if (!isProfileSection(section)) error(404, { message: 'Not found', code: 'section_not_found' });
	return section;
}

export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const section = sectionOf(url);
	const { view, ...heading } = profileOf(event);
	const count = view.sections.find((s) => s.section === section)?.items.length ?? 0;
	return {
		...heading,
		section,
		full: count >= ITEMS_PER_SECTION_MAX,
		picker: pickerState({ query: url.searchParams.get('q'), topic: url.searchParams.get('topic') }, SECTION_TOPICS[section], [], await searchIn(getLocale())),
		// The form posts back to this very address, so an error shows the same pictures.
		action: url.pathname + url.search
	};
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const id = idParam(params.youngPersonId);
		const section = sectionOf(url);
		const form = await request.formData();
		const symbolId = String(form.get('symbolId') ?? '');
		const words = String(form.get('words') ?? '');
		const outcome = attempt(locals.user, url, () => profiles.addItem(db(), locals.user, id, section, { symbolId, words }));
		// Keep what was chosen and typed, so nothing is lost.
		if (!outcome.ok) return fail(outcome.status, { problem: outcome.problem, symbolId, words });
		redirect(303, `/profiles/${id}?saved=${outcome.value.version}&section=${section}#section-${section}`);
	}
};
