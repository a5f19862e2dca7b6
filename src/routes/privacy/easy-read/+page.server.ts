import { db } from '$lib/server/db/app';
import * as retention from '$lib/server/retention';
import type { PageServerLoad } from './$types';

/** The easy-read notice tells people the area's actual retention periods too. */
export const load: PageServerLoad = () => ({ periods: retention.periods(db()) });
