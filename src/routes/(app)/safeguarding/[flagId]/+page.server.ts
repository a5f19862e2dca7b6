import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { FLAG_OUTCOMES } from '$lib/features/safeguarding/model';
import { db } from '$lib/server/db/app';
import * as feedback from '$lib/server/board';
import { idParam, orConfirm, orError, refusal } from '$lib/server/http';
import * as safeguarding from '$lib/server/safeguarding';
import type { Actions, PageServerLoad } from './$types';

/** The review form. The outcome starts empty (no radio chosen), so a lead always decides it. */
const reviewSchema = z.object({
	outcome: z
		.string()
		.default('')
		.refine((v) => (FLAG_OUTCOMES as readonly string[]).includes(v), { error: () => m.safeguarding_review_outcome_required() }),
	note: z
		.string()
		.trim()
		.min(1, { error: () => m.safeguarding_review_note_required() })
		.max(safeguarding.REVIEW_NOTE_MAX, { error: () => m.safeguarding_review_note_too_long({ max: safeguarding.REVIEW_NOTE_MAX }) })
		.default('')
});

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idParam(params.flagId);
	// Opening the flag is recorded in the audit log (by the service), and asks for the password
	// (and code) again when the lead last gave them more than 15 minutes ago.
	const flag = orError(() => orConfirm(url, () => safeguarding.open(db(), locals.user, id, (feedbackId) => feedback.contactFor(db(), feedbackId))));
	return {
		flag,
		form: await superValidate(zod4(reviewSchema)),
		/** "reviewed" after this lead's review; "already" when another lead had reviewed it first. */
		done: url.searchParams.get('done')
	};
};

export const actions: Actions = {
	review: async ({ request, locals, params }) => {
		const id = idParam(params.flagId);
		const form = await superValidate(request, zod4(reviewSchema));
		if (!form.valid) return fail(400, { form });
		try {
			safeguarding.review(db(), locals.user, id, form.data);
		} catch (e) {
			return refusal(e, {
				outcome: () => setError(form, 'outcome', m.safeguarding_review_outcome_required()),
				note_required: () => setError(form, 'note', m.safeguarding_review_note_required()),
				note_too_long: () => setError(form, 'note', m.safeguarding_review_note_too_long({ max: safeguarding.REVIEW_NOTE_MAX })),
				// Another lead got there first: the page now shows their review, and says so.
				already_reviewed: () => redirect(303, `/safeguarding/${id}?done=already`)
			});
		}
		redirect(303, `/safeguarding/${id}?done=reviewed`);
	}
};
