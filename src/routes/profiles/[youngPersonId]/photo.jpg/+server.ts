import { db } from '$lib/server/db/app';
import { idParam, rethrowAsHttp } from '$lib/server/http';
import * as profiles from '$lib/server/profiles';
import type { RequestHandler } from './$types';

/** A young person's photo, for them and their linked supporters; 404 when there is none. */
export const GET: RequestHandler = ({ params, locals }) => {
	const youngPersonId = idParam(params.youngPersonId);
	let photo;
	try {
		photo = profiles.photo(db(), locals.user, youngPersonId);
	} catch (e) {
		rethrowAsHttp(e);
	}
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'content-type': 'image/jpeg',
			'content-length': String(photo.bytes.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
