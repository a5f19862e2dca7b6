import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { closeSchema, itemSchema, localOfferSchema, mergeSchema, replySchema } from '$lib/features/board/schemas';
import { localOfferFrom } from '$lib/features/board/model';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import { itemInputFrom } from '$lib/server/board';
import * as feedback from '$lib/server/board';
import { idParam, orError, refusal } from '$lib/server/http';
import { sendMail } from '$lib/server/mail';
import * as services from '$lib/server/services';
import * as settings from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';
import * as operations from '$lib/server/operations';

export const load: PageServerLoad = async ({ locals, params }) => {
	const item = orError(() => feedback.get(db(), locals.user, idParam(params.feedbackId)));
	return {
		feedback: item,
		services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
		items: board.listForMerge(db(), locals.user),
		replyWithinWeeks: settings.replyWithinWeeks(db()),
		itemForm: await superValidate(
			{ heardOn: item.receivedOn, voices: 1, source: 'direct_feedback' as const, serviceIds: item.serviceId ? [item.serviceId] : [], localOffer: item.localOffer ?? '' },
			zod4(itemSchema),
			{ errors: false, id: 'item' }
		),
		mergeForm: await superValidate(zod4(mergeSchema), { id: 'merge' }),
		replyForm: await superValidate(zod4(replySchema), { id: 'reply' }),
		closeForm: await superValidate(zod4(closeSchema), { id: 'close' }),
		localOfferForm: await superValidate({ localOffer: item.localOffer ?? '' }, zod4(localOfferSchema), { errors: false, id: 'localOffer' })
	};
};

/** Runs a moderation step; "someone already dealt with it" comes back as the form's message. */
function moderate<T>(form: Parameters<typeof message>[0], step: () => T): T | ReturnType<typeof message> {
	try {
		return step();
	} catch (e) {
		return refusal(e, { already_moderated: () => message(form, m.board_moderation_already(), { status: 409 }) });
	}
}

export const actions: Actions = {
	makeItem: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(itemSchema), { id: 'item' });
		if (!form.valid) return fail(400, { itemForm: form });
		const id = idParam(params.feedbackId);
		const result = moderate(form, () => feedback.makeItem(db(), locals.user, id, itemInputFrom(form.data)));
		if (typeof result !== 'number') return result;
		redirect(303, `/manage/board/${result}?done=saved`);
	},
	merge: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(mergeSchema), { id: 'merge' });
		if (!form.valid) return fail(400, { mergeForm: form });
		const refused = moderate(form, () => feedback.merge(db(), locals.user, idParam(params.feedbackId), form.data.itemId));
		return refused ?? message(form, m.board_moderation_merged_done());
	},
	reply: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(replySchema), { id: 'reply' });
		if (!form.valid) return fail(400, { replyForm: form });
		let sent;
		try {
			sent = feedback.reply(db(), locals.user, idParam(params.feedbackId), form.data.text);
		} catch (e) {
			return refusal(e, { no_consent: () => setError(form, 'text', m.board_moderation_no_consent_error()) });
		}
		let emailed = false;
		if (sent.email) {
			try {
				emailed = await sendMail({ to: sent.email, subject: m.board_title(), text: form.data.text });
			} catch (e) {
				// by name and code only: a mail server's message can hold the address
				operations.log().error(operations.errorFields(e), 'could not email the reply');
			}
			if (emailed) feedback.markEmailed(db(), sent.replyId);
		}
		// Saved: empty the field (an empty, never-validated form would make this a 400 failure).
		form.data.text = '';
		return message(form, emailed ? m.board_moderation_replied_emailed() : m.board_moderation_replied_manual());
	},
	localOffer: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(localOfferSchema), { id: 'localOffer' });
		if (!form.valid) return fail(400, { localOfferForm: form });
		feedback.setLocalOffer(db(), locals.user, idParam(params.feedbackId), localOfferFrom(form.data.localOffer));
		return message(form, m.board_moderation_local_offer_done());
	},
	close: async ({ request, locals, params }) => {
		const form = await superValidate(request, zod4(closeSchema), { id: 'close' });
		if (!form.valid) return fail(400, { closeForm: form });
		const refused = moderate(form, () => feedback.close(db(), locals.user, idParam(params.feedbackId), form.data.reason));
		return refused ?? message(form, m.board_moderation_closed_done());
	}
};
