import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as settings from '$lib/server/settings';
import * as retention from '$lib/server/retention';
import { NUMBER_FIELDS, settingsPageSchema } from './schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const current = orError(() => settings.forEditing(db(), locals.user));
	return {
		form: await superValidate(current, zod4(settingsPageSchema), { errors: false }),
		lastRun: retention.lastRun(db(), locals.user)
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const formData = await request.formData();
		const form = await superValidate(formData, zod4(settingsPageSchema));
		// Give back what was typed: a number field that is not a whole number would come back
		// empty ("abc") or changed ("1.5"), and the person would not see what was wrong.
		const typed = Object.fromEntries(NUMBER_FIELDS.map((field) => [field, String(formData.get(field) ?? '')]));
		if (!form.valid) return fail(400, { form, typed });
		const d = form.data;
		// valid, so every number is a whole number in its range (never null)
		const num = (v: number | null) => v as number;
		orError(() =>
			settings.update(db(), locals.user, {
				replyWithinWeeks: d.replyWithinWeeks,
				disclosureMinimumResponses: d.disclosureMinimumResponses,
				disclosureSmallCountBelow: d.disclosureSmallCountBelow,
				safeguardingReviewWorkingDays: num(d.safeguardingReviewWorkingDays),
				childrensServicesContact: d.childrensServicesContact.trim(),
				retainFeedbackContactDays: num(d.retainFeedbackContactDays),
				retainClosedSurveyTextDays: num(d.retainClosedSurveyTextDays),
				retainInactiveProfileDays: num(d.retainInactiveProfileDays),
				retainShareOpenDays: num(d.retainShareOpenDays),
				retainAuditDays: num(d.retainAuditDays)
			})
		);
		return message(form, m.settings_area_settings_saved());
	}
};
