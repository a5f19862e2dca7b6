import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { entryFormValues, entryInputFrom, entrySchema, errorPath } from '$lib/features/coproduction/schemas';
import { problemText } from '$lib/features/coproduction/labels';
import { db } from '$lib/server/db/app';
import { anyOf, orError, refusal } from '$lib/server/http';
import * as coproduction from '$lib/server/coproduction';
import type { Actions, PageServerLoad } from './$types';

const idFrom = (v: string | null) => (v && /^\d{1,12}$/.test(v) ? Number(v) : null);

/**
 * A new entry. Reached from an agenda item (`?agendaItem=`) or a "you said" item (`?boardItem=`),
 * the form comes filled in from it, so saving is the only other step.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const from = { agendaItem: idFrom(url.searchParams.get('agendaItem')), boardItem: idFrom(url.searchParams.get('boardItem')) };
	const choices = orError(() => coproduction.newEntryChoices(db(), locals.user, from));
	return {
		services: choices.services,
		links: choices.links,
		ladder: coproduction.ladder(db()),
		from: choices.prefill.agendaItemId ? ('agenda' as const) : choices.prefill.boardItemId ? ('board' as const) : null,
		fromTitle: choices.prefill.title ?? '',
		form: await superValidate(entryFormValues(choices.prefill), zod4(entrySchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(entrySchema));
		if (!form.valid) return fail(400, { form });
		let id: number;
		try {
			id = coproduction.create(db(), locals.user, entryInputFrom(form.data));
		} catch (e) {
			return refusal(e, {}, { kinds: [anyOf(coproduction.EntryProblem, (e) => setError(form, errorPath(e.field), problemText(e.code, e.message)))] });
		}
		redirect(303, `/manage/coproduction/${id}?done=created`);
	}
};
