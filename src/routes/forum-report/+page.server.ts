import { db } from '$lib/server/db/app';
import { yearsOf } from '$lib/server/yearly';
import type { PageServerLoad } from './$types';

/** Every published year, newest first: a stable address the council's site can link to. */
export const load: PageServerLoad = ({ locals }) => ({ years: yearsOf(db(), locals.user, 'forum') });
