import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { errorMessage } from '$lib/features/surveys/labels';
import { db } from '$lib/server/db/app';
import { forCodes, guard, idParam, orError, refusal } from '$lib/server/http';
import { PICTURE_MAX_BYTES } from '$lib/server/images';
import * as surveys from '$lib/server/surveys';
import type { Actions, PageServerLoad } from './$types';

const MAX_ALT = 300;

/** The field of the upload form each refusal of addImage is about. */
const IMAGE_PROBLEMS = { alt_required: 'alt', image_too_large: 'file', image_type: 'file', image_damaged: 'file', image_dimensions: 'file' };

export const load: PageServerLoad = ({ locals, params, url }) => {
	const survey = orError(() => surveys.get(db(), locals.user, idParam(params.surveyId)));
	return {
		survey: { id: survey.id, title: survey.title },
		images: surveys.imagesOf(db(), locals.user, survey.id),
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		// Checked before the upload is read, so nobody else can make the server do that work.
		guard(locals.user, 'surveys.manage');
		const surveyId = idParam(params.surveyId);
		const data = await request.formData();
		const alt = String(data.get('alt') ?? '').trim();
		const file = data.get('file');
		const problems: { field: string; message: string }[] = [];
		if (!(file instanceof File) || file.size === 0) problems.push({ field: 'file', message: m.surveys_build_file_required() });
		else if (file.size > PICTURE_MAX_BYTES) problems.push({ field: 'file', message: errorMessage('image_too_large') });
		if (!alt) problems.push({ field: 'alt', message: m.surveys_build_alt_required() });
		else if (alt.length > MAX_ALT) problems.push({ field: 'alt', message: m.site_form_too_long({ max: MAX_ALT }) });
		if (problems.length || !(file instanceof File)) return fail(400, { upload: { alt, problems } });
		try {
			await surveys.addImage(db(), locals.user, surveyId, new Uint8Array(await file.arrayBuffer()), alt);
		} catch (e) {
			return refusal(e, forCodes(IMAGE_PROBLEMS, (field, e) => fail(400, { upload: { alt, problems: [{ field, message: errorMessage(e.code) }] } })));
		}
		redirect(303, `/manage/surveys/${surveyId}/images?done=uploaded`);
	}
};
