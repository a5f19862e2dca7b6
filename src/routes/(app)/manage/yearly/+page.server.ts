import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as yearly from '$lib/server/yearly';
import type { PageServerLoad } from './$types';

/** Each kind's recent years, published or not, to preview and publish. */
export const load: PageServerLoad = ({ locals }) => ({ kinds: orError(() => yearly.forStaff(db(), locals.user)) });
