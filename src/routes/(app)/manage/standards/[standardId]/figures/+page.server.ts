import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { londonDate, periodLabel } from '$lib/time';
import { db } from '$lib/server/db/app';
import { idParam, orError, refusal } from '$lib/server/http';
import type { Actor } from '$lib/server/permissions';
import * as standards from '$lib/server/standards';
import * as services from '$lib/server/services';
import { figureInputFrom, figureSchema, periodValue, recentQuarters } from '../../form';
import { figureProblemField, problemText } from '../../problems';
import { standardView } from '../../view.server';
import type { Actions, PageServerLoad } from './$types';

/** The standard of the address, which must take entered figures from this person. */
function standardFor(actor: Actor, param: string) {
	return orError(() => standards.forEntering(db(), actor, idParam(param)));
}

/** Entering a standard's figure for a period (the last whole quarter unless another is chosen), and the earlier ones. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const s = standardFor(locals.user, params.standardId);
	const quarters = recentQuarters(londonDate());
	const serviceName = s.serviceId === null ? null : services.get(db(), s.serviceId).name;
	return {
		standard: standardView(s, serviceName),
		quarters: quarters.map((q) => ({ value: periodValue(q), label: periodLabel(q) })),
		figures: orError(() => standards.figures(db(), locals.user, s.id)),
		done: url.searchParams.get('done'),
		form: await superValidate({ period: periodValue(quarters[0]) }, zod4(figureSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const s = standardFor(locals.user, params.standardId);
		const form = await superValidate(request, zod4(figureSchema));
		if (!form.valid) return fail(400, { form });
		try {
			standards.enterFigure(db(), locals.user, s.id, figureInputFrom(form.data));
		} catch (e) {
			return refusal(e, { figure: (e) => setError(form, figureProblemField(e.message), problemText(e.message)) });
		}
		redirect(303, `/manage/standards/${s.id}/figures?done=saved`);
	}
};
