import { fail, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { guard, refusal } from '$lib/server/http';
import { servedOverHttps } from '$lib/server/origin';
import { cardPath, rememberFreshCode } from '$lib/server/profiles';
import * as profiles from '$lib/server/profiles';
import type { Actions, PageServerLoad } from './$types';

const NAME_MAX = 40;
const YEAR_GROUP_MAX = 30;

export const load: PageServerLoad = ({ locals }) => {
	guard(locals.user, 'profiles.create');
	return {};
};

export const actions: Actions = {
	/** Makes the account, then shows its sign-in card with the new code (the only time it exists in the clear). */
	default: async ({ request, locals, cookies, url }) => {
		const data = await request.formData();
		const name = String(data.get('name') ?? '');
		const yearGroup = String(data.get('yearGroup') ?? '');
		const typed = { name, yearGroup };
		if (yearGroup.trim().length > YEAR_GROUP_MAX) return fail(400, { ...typed, problem: 'year_too_long' as const });
		let made;
		try {
			made = profiles.createYoungPerson(db(), locals.user, { name, yearGroup });
		} catch (e) {
			return refusal(e, {
				name: () => fail(400, { ...typed, problem: name.trim().length > NAME_MAX ? ('name_too_long' as const) : ('name_missing' as const) })
			});
		}
		rememberFreshCode(cookies, made.id, made.code, servedOverHttps(url));
		redirect(303, cardPath(made.id));
	}
};
