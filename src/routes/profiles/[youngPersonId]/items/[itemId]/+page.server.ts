import { error, fail, redirect } from '@sveltejs/kit';
import { isProfileSection } from '$lib/features/profiles/model';
import { isPickableSymbol, isPickableTopic, pickerState, SECTION_TOPICS } from '$lib/features/profiles/picker';
import { symbolById } from '$lib/symbols/catalogue';
import { db } from '$lib/server/db/app';
import { searchIn } from '$lib/symbols/names';
import { getLocale } from '$lib/paraglide/runtime';
import { idParam } from '$lib/server/http';
import { attempt, forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import { profileOf } from '../../profile.server';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const itemId = idParam(params.itemId);
	const { view, ...heading } = profileOf(event);
	const shown = view.sections.find((s) => s.items.some((item) => item.id === itemId));
	if (!shown) error(404, { message: 'That is no longer on the profile.', code: 'item_not_found' });
	const index = shown.items.findIndex((item) => item.id === itemId);
	const item = shown.items[index];
	// Open the picker where the current picture is, so it is easy to pick one like it.
	const topic = item.symbolId && isPickableSymbol(item.symbolId) ? symbolById(item.symbolId)!.topic : null;
	return {
		...heading,
		section: shown.section,
		item,
		position: index + 1,
		count: shown.items.length,
		mayChange: profiles.mayChangeItem(locals.user, heading.id, item),
		picker: pickerState(
			{ query: url.searchParams.get('q'), topic: url.searchParams.get('topic') },
			isPickableTopic(topic) ? topic : SECTION_TOPICS[shown.section],
			[item.symbolId],
			await searchIn(getLocale())
		),
		removing: url.searchParams.has('remove'),
		action: url.pathname + url.search
	};
};

/** Where to go after a save: the item (or its section, once removed) on the profile, with the confirmation. */
async function read(event: RequestEvent) {
	const form = await event.request.formData();
	const section = String(form.get('section') ?? '');
	return {
		id: idParam(event.params.youngPersonId),
		itemId: idParam(event.params.itemId),
		section: isProfileSection(section) ? section : null,
		form
	};
}

function savedPath(id: number, version: number, did: string, section: string | null, anchor: string) {
	return `/profiles/${id}?saved=${version}&did=${did}${section ? `&section=${section}` : ''}#${anchor}`;
}

export const actions: Actions = {
	/** Changes the picture and/or the words. */
	save: async (event) => {
		const { locals, url } = event;
		const { id, itemId, section, form } = await read(event);
		const symbolId = String(form.get('symbolId') ?? '');
		const words = String(form.get('words') ?? '');
		const outcome = attempt(locals.user, url, () => profiles.updateItem(db(), locals.user, id, itemId, { symbolId, words }));
		if (!outcome.ok) return fail(outcome.status, { problem: outcome.problem, symbolId, words });
		redirect(303, savedPath(id, outcome.value, 'changed', section, `item-${itemId}`));
	},
	/** Removes it, after "Are you sure?" (?remove). */
	remove: async (event) => {
		const { locals, url } = event;
		const { id, itemId, section } = await read(event);
		const outcome = attempt(locals.user, url, () => profiles.removeItem(db(), locals.user, id, itemId));
		if (!outcome.ok) return fail(outcome.status, { problem: outcome.problem });
		redirect(303, savedPath(id, outcome.value, 'removed', section, section ? `section-${section}` : 'main'));
	},
	up: (event) => move(event, 'up'),
	down: (event) => move(event, 'down')
};

/** Moves it one place up or down in its section; at the end already, nothing changes. */
async function move(event: RequestEvent, direction: 'up' | 'down') {
	const { locals, url } = event;
	const { id, itemId, section } = await read(event);
	const version = forPage(locals.user, url, () => profiles.moveItem(db(), locals.user, id, itemId, direction));
	if (version === null) redirect(303, `/profiles/${id}#item-${itemId}`);
	redirect(303, savedPath(id, version, 'moved', section, `item-${itemId}`));
}
