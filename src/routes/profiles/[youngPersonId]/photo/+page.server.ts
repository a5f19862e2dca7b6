import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ITEM_WORDS_MAX } from '$lib/features/profiles/model';
import { db } from '$lib/server/db/app';
import { idParam, refusal } from '$lib/server/http';
import { forPage } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

type Problem = { field: 'photo' | 'description'; message: string };

/** What each refusal of processPhoto / setPhoto means, in plain words, and which field it is about. */
const PHOTO_PROBLEMS = {
	image_too_large: () => ({ field: 'photo', message: m.profiles_share_error_image_too_large() }),
	image_type: () => ({ field: 'photo', message: m.profiles_share_error_image_type() }),
	image_damaged: () => ({ field: 'photo', message: m.profiles_share_error_image_damaged() }),
	image_dimensions: () => ({ field: 'photo', message: m.profiles_share_error_image_dimensions() }),
	photo_description: () => ({ field: 'description', message: m.profiles_share_error_photo_description() })
} satisfies Record<string, () => Problem>;

type PhotoProblem = keyof typeof PHOTO_PROBLEMS;

/** The refusals the form shows, each as its code; anything else goes on to the error page. */
const SHOWN_ON_FORM = Object.fromEntries(Object.keys(PHOTO_PROBLEMS).map((code) => [code, () => code as PhotoProblem]));

export const load: PageServerLoad = ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const youngPersonId = idParam(params.youngPersonId);
	const profile = forPage(locals.user, url, () => profiles.view(db(), locals.user, youngPersonId));
	const done = url.searchParams.get('done');
	return {
		youngPerson: { id: youngPersonId, name: profile.youngPerson.name },
		isOwn: profile.isOwn,
		photoDescription: profile.hasPhoto ? profile.photoDescription : null,
		// "Remove the photo" first asks "are you sure?" (a link, so it works without JavaScript)
		confirmRemove: profile.hasPhoto && url.searchParams.has('remove'),
		done: done === 'saved' || done === 'removed' ? done : null
	};
};

export const actions: Actions = {
	/** Adds or replaces the photo: re-drawn small without metadata, with its description. */
	upload: async ({ locals, params, request, url }) => {
		const youngPersonId = idParam(params.youngPersonId);
		// Checked before the picture is decoded, so nobody else can make the server do that work.
		forPage(locals.user, url, () => profiles.assertMayEdit(db(), locals.user, youngPersonId));
		const data = await request.formData();
		const file = data.get('photo');
		const description = String(data.get('description') ?? '');
		const problems: Problem[] = [];
		if (!(file instanceof File) || file.size === 0) problems.push({ field: 'photo', message: m.profiles_share_error_photo_required() });
		const words = description.replace(/\s+/g, ' ').trim();
		if (!words) problems.push(PHOTO_PROBLEMS.photo_description());
		else if (words.length > ITEM_WORDS_MAX) problems.push({ field: 'description', message: m.profiles_share_error_too_long({ max: ITEM_WORDS_MAX }) });
		if (problems.length || !(file instanceof File)) return fail(400, { problems, description });

		let refused: PhotoProblem | null = null;
		let processed: Awaited<ReturnType<typeof profiles.processPhoto>> | null = null;
		try {
			processed = await profiles.processPhoto(new Uint8Array(await file.arrayBuffer()));
		} catch (e) {
			refused = refusal(e, SHOWN_ON_FORM);
		}
		if (processed) {
			const photo = { bytes: processed.bytes, description };
			refused = forPage(
				locals.user,
				url,
				() => {
					profiles.setPhoto(db(), locals.user, youngPersonId, photo);
					return null;
				},
				SHOWN_ON_FORM
			);
		}
		// Keep the description typed; a file chooser cannot be refilled, so the page asks for it again.
		if (refused) return fail(400, { problems: [PHOTO_PROBLEMS[refused]()], description });
		redirect(303, `/profiles/${youngPersonId}/photo?done=saved`);
	},

	/** Removes the photo (after "are you sure?"); pressing it twice is not an error. */
	remove: async ({ locals, params, url }) => {
		const youngPersonId = idParam(params.youngPersonId);
		// already removed: nothing to do
		forPage(locals.user, url, () => profiles.removePhoto(db(), locals.user, youngPersonId), { photo: () => undefined });
		redirect(303, `/profiles/${youngPersonId}/photo?done=removed`);
	}
};
