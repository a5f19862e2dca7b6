import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { areaSettingsSchema } from '$lib/features/board/schemas';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as settings from '$lib/server/settings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!can(locals.user, 'settings.manage')) error(403, { message: 'Forbidden', code: 'forbidden' });
	return { form: await superValidate(settings.get(db()), zod4(areaSettingsSchema), { errors: false }) };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const formData = await request.formData();
		const form = await superValidate(formData, zod4(areaSettingsSchema));
		// Give back what was typed: a number field that is not a number would come back as "NaN".
		const typed = {
			replyWithinWeeks: String(formData.get('replyWithinWeeks') ?? ''),
			disclosureMinimumResponses: String(formData.get('disclosureMinimumResponses') ?? ''),
			disclosureSmallCountBelow: String(formData.get('disclosureSmallCountBelow') ?? '')
		};
		if (!form.valid) return fail(400, { form, typed });
		orError(() => settings.update(db(), locals.user, form.data));
		return message(form, m.area_settings_saved());
	}
};
