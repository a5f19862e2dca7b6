import { db } from '$lib/server/db/app';
import * as forum from '$lib/server/forum';
import type { PageServerLoad } from './$types';

/** What the forum is, how to join, and who represents it now. */
export const load: PageServerLoad = ({ locals }) => ({ representatives: forum.publicRepresentatives(db(), locals.user) });
