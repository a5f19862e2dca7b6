import { photoResponse } from '$lib/features/profiles/photo-response';
import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as profiles from '$lib/server/profiles';
import type { RequestHandler } from './$types';

/** A young person's photo, for them and their linked supporters; 404 when there is none. */
export const GET: RequestHandler = ({ params, locals }) => {
	const youngPersonId = idParam(params.youngPersonId);
	return photoResponse(orError(() => profiles.photo(db(), locals.user, youngPersonId)).bytes);
};
