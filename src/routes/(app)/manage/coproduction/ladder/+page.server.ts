import { fail, redirect } from '@sveltejs/kit';
import { LEVELS } from '$lib/features/coproduction/model';
import { problemText } from '$lib/features/coproduction/labels';
import { db } from '$lib/server/db/app';
import { anyOf, orError, refusal } from '$lib/server/http';
import * as coproduction from '$lib/server/coproduction';
import type { Actions, PageServerLoad } from './$types';

/** The ladder's words, for an admin to change (both boxes of a rung empty: the usual words). */
export const load: PageServerLoad = ({ locals, url }) => ({
	ladder: orError(() => coproduction.ladderForEditing(db(), locals.user)),
	saved: url.searchParams.get('done') === 'saved'
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const data = await request.formData();
		const words = LEVELS.map((level) => ({ level, name: String(data.get(`name_${level}`) ?? ''), meaning: String(data.get(`meaning_${level}`) ?? '') }));
		try {
			coproduction.saveLadder(db(), locals.user, words);
		} catch (e) {
			return refusal(e, {}, {
				kinds: [anyOf(coproduction.LadderProblem, (e) => fail(400, { words, problem: { field: `${e.field}_${e.level}`, message: problemText(e.code, e.message) } }))]
			});
		}
		redirect(303, '/manage/coproduction/ladder?done=saved');
	}
};
