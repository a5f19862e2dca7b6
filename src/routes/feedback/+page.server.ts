import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { feedbackSchema } from '$lib/features/board/schemas';
import { localOfferFrom } from '$lib/features/board/model';
import { db } from '$lib/server/db/app';
import * as feedback from '$lib/server/board';
import { refusal } from '$lib/server/http';
import * as services from '$lib/server/services';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	services: services.list(db()).map((s) => ({ id: s.id, name: s.name })),
	form: await superValidate(zod4(feedbackSchema))
});

export const actions: Actions = {
	default: async (event) => {
		const form = await superValidate(event.request, zod4(feedbackSchema));
		if (!form.valid) return fail(400, { form });
		// The honeypot: only robots fill in the field people cannot see. Say thank you (with a
		// reference that leads nowhere, so the page looks the same), keep nothing.
		if (form.data.website) redirect(303, `/feedback/sent?ref=${feedback.newReference()}`);
		const serviceId = Number(form.data.service) || null;
		let reference: string;
		try {
			reference = feedback.send(db(), { ...form.data, serviceId, aboutWho: form.data.aboutWho || null, localOffer: localOfferFrom(form.data.localOffer), locale: getLocale() }, event.getClientAddress()).reference;
		} catch (e) {
			return refusal(e, { rate_limited: () => message(form, m.board_feedback_rate_limited(), { status: 429 }) });
		}
		// the reference in the address, so the page shows it without JavaScript or a session
		redirect(303, `/feedback/sent?ref=${reference}`);
	}
};
