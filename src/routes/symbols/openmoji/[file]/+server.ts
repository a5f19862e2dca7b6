import { error } from '@sveltejs/kit';
import { SYMBOL_CACHE_CONTROL, stillFresh, symbolPicture } from '$lib/server/symbols';
import type { RequestHandler } from './$types';

/** A symbol's picture, kept by browsers for a month (src/lib/server/symbols.ts). */
export const GET: RequestHandler = async ({ params, request }) => {
	const picture = await symbolPicture(params.file)?.catch(() => null);
	if (!picture) error(404, { message: 'Not found' });
	const headers = { 'cache-control': SYMBOL_CACHE_CONTROL, etag: picture.etag };
	if (stillFresh(request.headers.get('if-none-match'), picture.etag)) return new Response(null, { status: 304, headers });
	return new Response(picture.body, { headers: { ...headers, 'content-type': 'image/svg+xml' } });
};
