import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { db } from '$lib/server/db/app';
import { anyOf, idParam, orError, refusal } from '$lib/server/http';
import { can } from '$lib/server/permissions';
import * as standards from '$lib/server/standards';
import * as services from '$lib/server/services';
import * as surveys from '$lib/server/surveys';
import { standardFormValues, standardInputFrom, standardSchema } from '../form';
import { problemText } from '../problems';
import { standardView } from '../view.server';
import type { Actions, PageServerLoad } from './$types';

/** A standard: what it measures, its rule, its figures or linked questions; organisers change and archive it here. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idParam(params.standardId);
	const s = orError(() => standards.getFor(db(), locals.user, id));
	const all = services.list(db(), { includeArchived: true });
	const serviceName = all.find((x) => x.id === s.serviceId)?.name ?? null;
	const mayManage = can(locals.user, 'standards.manage');
	return {
		standard: standardView(s, serviceName),
		figures: s.measureKind === 'operational' ? orError(() => standards.figures(db(), locals.user, id)) : [],
		questions: s.measureKind === 'survey' ? surveys.linkedQuestions(db(), [id]) : [],
		mayManage,
		mayManageSurveys: can(locals.user, 'surveys.manage'),
		/** Its statement and measure can be translated for the published reports (organisers and admins). */
		mayTranslate: can(locals.user, 'content.translate'),
		mayEnter: orError(() => standards.forFigures(db(), locals.user)).some((x) => x.id === id),
		done: url.searchParams.get('done'),
		// the live services, and the standard's own even if it has since been archived
		services: all.filter((x) => !x.archivedAt || x.id === s.serviceId).map((x) => ({ id: x.id, name: x.name })),
		form: mayManage ? await superValidate(standardFormValues(s), zod4(standardSchema), { errors: false }) : null
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const id = idParam(params.standardId);
		const form = await superValidate(request, zod4(standardSchema));
		if (!form.valid) return fail(400, { form });
		try {
			standards.update(db(), locals.user, id, standardInputFrom(form.data));
		} catch (e) {
			return refusal(e, {}, { kinds: [anyOf(standards.StandardProblem, (e) => setError(form, e.field, problemText(e.message)))] });
		}
		redirect(303, `/manage/standards/${id}?done=saved`);
	},
	archive: async ({ request, locals, params }) => {
		const id = idParam(params.standardId);
		const archived = (await request.formData()).get('archived') === '1';
		orError(() => standards.setArchived(db(), locals.user, id, archived));
		redirect(303, `/manage/standards/${id}?done=${archived ? 'archived' : 'restored'}`);
	}
};
