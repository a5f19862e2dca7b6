import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { errorMessage } from '$lib/features/meetings/manage/labels';
import { MEETING_ERROR_FIELDS, meetingInputFrom } from '$lib/features/meetings/manage/form';
import { meetingSchema } from '$lib/features/meetings/manage/schemas';
import { db } from '$lib/server/db/app';
import { forCodes, refusal } from '$lib/server/http';
import * as meetings from '$lib/server/meetings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	return { form: await superValidate(zod4(meetingSchema), { id: 'meeting' }) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(meetingSchema), { id: 'meeting' });
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = meetings.create(db(), locals.user, meetingInputFrom(form.data));
		} catch (e) {
			return refusal(e, forCodes(MEETING_ERROR_FIELDS, (field, e) => setError(form, field, errorMessage(e.code))));
		}
		redirect(303, `/manage/meetings/${id}?done=created`);
	}
};
