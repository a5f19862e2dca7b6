import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { itemSchema, responseSchema } from '$lib/features/board/schemas';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import * as coproduction from '$lib/server/coproduction';
import { itemFormValues, itemInputFrom } from '$lib/server/board';
import { idParam, orError, refusal } from '$lib/server/http';
import * as services from '$lib/server/services';
import * as settings from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const item = orError(() => board.itemToFollowUp(db(), locals.user, idParam(params.itemId)));
	const led = locals.user ? services.ledBy(db(), locals.user.id) : [];
	return {
		item,
		done: url.searchParams.get('done'),
		/** "Record how families were involved": for those who may record about the item's services, with how many are recorded from it. */
		coproduction: coproduction.mayRecordAbout(db(), locals.user, item.services.map((s) => s.id))
			? { recorded: coproduction.countFrom(db(), { boardItemId: item.id }).get(item.id) ?? 0 }
			: null,
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
		replyWithinWeeks: settings.replyWithinWeeks(db()),
		surveys: item.mayManage ? board.newItemChoices(db(), locals.user).surveys : [],
		/** Who this person can answer for: the forum (organisers) and the item's services they lead. */
		answerAs: [
			...(item.mayManage ? [{ value: 'forum', label: m.board_respond_as_forum() }] : []),
			...item.services.filter((s) => led.includes(s.id)).map((s) => ({ value: String(s.id), label: s.name }))
		],
		itemForm: await superValidate(itemFormValues(item), zod4(itemSchema), { errors: false, id: 'item' }),
		responseForm: await superValidate({ status: item.status }, zod4(responseSchema), { errors: false, id: 'response' })
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(itemSchema), { id: 'item' });
		if (!form.valid) return fail(400, { itemForm: form });
		try {
			board.updateItem(db(), locals.user, idParam(params.itemId), itemInputFrom(form.data));
		} catch (e) {
			return refusal(e, { survey_not_found: () => setError(form, 'surveyId', m.board_problem_survey_not_found()) });
		}
		return message(form, m.board_manage_item_saved());
	},
	publish: async ({ request, locals, params }) => {
		const published = (await request.formData()).get('published') === '1';
		orError(() => board.setPublished(db(), locals.user, idParam(params.itemId), published));
		return { published };
	},
	respond: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(responseSchema), { id: 'response' });
		if (!form.valid) return fail(400, { responseForm: form });
		const as = form.data.as === 'forum' ? 'forum' : Number(form.data.as);
		try {
			board.respond(db(), locals.user, idParam(params.itemId), { ...form.data, as });
		} catch (e) {
			return refusal(e, {
				bad_transition: () => setError(form, 'status', m.board_bad_transition()),
				reason_required: () => setError(form, 'reason', m.board_reason_required())
			});
		}
		// Saved: empty the fields (an empty, never-validated form would make this a 400 failure).
		form.data = { ...form.data, text: '', reason: '' };
		return message(form, m.board_respond_saved());
	}
};
