import { db } from '$lib/server/db/app';
import * as retention from '$lib/server/retention';
import { DRAFT_DAYS } from '$lib/server/surveys';
import type { PageServerLoad } from './$types';

/** The notice tells people the area's actual retention periods, as the admin set them. */
export const load: PageServerLoad = () => ({ periods: retention.periods(db()), draftDays: DRAFT_DAYS });
