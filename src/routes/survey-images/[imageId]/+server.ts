import { db } from '$lib/server/db/app';
import { idParam, orError } from '$lib/server/http';
import * as surveys from '$lib/server/surveys';
import type { RequestHandler } from './$types';

/**
 * An uploaded survey picture (PNG or JPEG, cleaned when it was uploaded). Pictures of drafts are
 * only for those who build surveys, so the answer is private to the browser that asked.
 */
export const GET: RequestHandler = ({ locals, params }) => {
	const id = idParam(params.imageId);
	const image = orError(() => surveys.imageFile(db(), locals.user, id));
	return new Response(new Uint8Array(image.bytes), {
		headers: {
			'Content-Type': image.mime,
			'Content-Length': String(image.bytes.length),
			'X-Content-Type-Options': 'nosniff',
			'Content-Disposition': `inline; filename="image-${id}.${image.mime === 'image/png' ? 'png' : 'jpg'}"`,
			'Cache-Control': 'private, max-age=300'
		}
	});
};
