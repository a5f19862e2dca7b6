import { db } from '$lib/server/db/app';
import * as surveys from '$lib/server/surveys';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
	surveys: surveys.listOpen(db()).map((s) => ({ id: s.id, title: s.title, intro: s.intro, audience: s.audience, closesOn: s.closesOn }))
});
