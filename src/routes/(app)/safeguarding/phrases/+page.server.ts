import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { PHRASE_CATEGORIES } from '$lib/features/safeguarding/model';
import { db } from '$lib/server/db/app';
import { orError, refusal } from '$lib/server/http';
import * as safeguarding from '$lib/server/safeguarding';
import type { Actions, PageServerLoad } from './$types';

const phraseSchema = z.object({
	phrase: z
		.string()
		.trim()
		.min(1, { error: () => m.safeguarding_phrase_required() })
		.max(80, { error: () => m.safeguarding_phrase_long() })
		.default(''),
	category: z
		.string()
		.default('')
		.refine((v) => (PHRASE_CATEGORIES as readonly string[]).includes(v), { error: () => m.safeguarding_phrase_category_required() })
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const tried = (url.searchParams.get('try') ?? '').slice(0, safeguarding.TRY_MAX);
	const lists = orError(() => ({
		local: safeguarding.localPhrases(db(), locals.user).map((p) => ({ id: p.id, phrase: p.phrase, category: p.category })),
		builtIn: safeguarding.builtInByCategory(locals.user).map((g) => ({ category: g.category, phrases: [...g.phrases] })),
		/** "Try a sentence": what was typed and the phrases it matches (null when nothing was tried). */
		tried: tried.trim() ? { text: tried, matches: safeguarding.tryText(db(), locals.user, tried) } : null
	}));
	return {
		...lists,
		form: await superValidate(zod4(phraseSchema)),
		/** "added" or "removed": a confirmation above the list. */
		done: url.searchParams.get('done'),
		tryMax: safeguarding.TRY_MAX
	};
};

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const form = await superValidate(request, zod4(phraseSchema));
		if (!form.valid) return fail(400, { form });
		try {
			safeguarding.addPhrase(db(), locals.user, form.data.phrase, form.data.category);
		} catch (e) {
			return refusal(e, {
				phrase_exists: () => setError(form, 'phrase', m.safeguarding_phrase_exists()),
				category: () => setError(form, 'category', m.safeguarding_phrase_category_required()),
				phrase_short: () => setError(form, 'phrase', m.safeguarding_phrase_short()),
				phrase_long: () => setError(form, 'phrase', m.safeguarding_phrase_long())
			});
		}
		redirect(303, '/safeguarding/phrases?done=added#local-heading');
	},
	remove: async ({ request, locals }) => {
		const id = Number((await request.formData()).get('id'));
		try {
			safeguarding.removePhrase(db(), locals.user, id);
		} catch (e) {
			// Someone else removed it already: the list shows it has gone.
			refusal(e, { phrase: () => undefined });
		}
		redirect(303, '/safeguarding/phrases?done=removed#local-heading');
	}
};
