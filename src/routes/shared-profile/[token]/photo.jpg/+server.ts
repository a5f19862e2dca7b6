import { photoResponse } from '$lib/features/profiles/photo-response';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as profiles from '$lib/server/profiles';
import type { RequestHandler } from './$types';

/** The photo on a shared profile, while the link works; 404 otherwise or when there is none. */
export const GET: RequestHandler = ({ params }) => {
	// not recorded as an opening: the page itself was
	const photo = orError(() => profiles.photoOf(db(), profiles.sharedProfileId(db(), params.token)));
	return photoResponse(photo.bytes, { 'referrer-policy': 'no-referrer' });
};
