import { db } from '$lib/server/db/app';
import { rethrowAsHttp } from '$lib/server/http';
import * as profiles from '$lib/server/profiles';
import type { RequestHandler } from './$types';

/** The photo on a shared profile, while the link works; 404 otherwise or when there is none. */
export const GET: RequestHandler = ({ params }) => {
	let photo;
	try {
		// not recorded as an opening: the page itself was
		photo = profiles.photoOf(db(), profiles.sharedProfileId(db(), params.token));
	} catch (e) {
		rethrowAsHttp(e);
	}
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'content-type': 'image/jpeg',
			'content-length': String(photo.bytes.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'no-referrer'
		}
	});
};
