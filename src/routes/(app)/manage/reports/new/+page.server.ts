import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { periodKey, quarterChoices, reportInputFrom } from '$lib/features/reports/period';
import { reportSchema } from '$lib/features/reports/schemas';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as reports from '$lib/server/reports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { services } = orError(() => reports.newReportChoices(db(), locals.user));
	const period = reports.defaultPeriod();
	return {
		quarters: quarterChoices(period),
		services,
		form: await superValidate({ period: periodKey(period), scope: 'area' }, zod4(reportSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(reportSchema));
		if (!form.valid) return fail(400, { form });
		const input = reportInputFrom(form.data);
		if (!input) return setError(form, 'period', m.reports_period_required());
		let id: number;
		try {
			id = reports.createDraft(db(), locals.user, input);
		} catch (e) {
			return refusal(e, {
				title: () => setError(form, 'title', m.reports_title_required()),
				period: () => setError(form, form.data.period === 'custom' ? 'periodEnd' : 'period', m.reports_last_before_first()),
				sector: () => setError(form, 'scope', m.reports_scope_required()),
				service_not_found: () => setError(form, 'scope', m.reports_scope_required())
			});
		}
		redirect(303, `/manage/reports/${id}?done=created`);
	}
};
