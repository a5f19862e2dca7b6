import { error } from '@sveltejs/kit';
import { PAPER_TYPES } from '$lib/features/meetings/model';
import { db } from '$lib/server/db/app';
import * as meetings from '$lib/server/meetings';
import { idParam, orError } from '$lib/server/http';
import type { RequestHandler } from './$types';

const ALLOWED_TYPES: ReadonlySet<string> = new Set(Object.values(PAPER_TYPES));

/**
 * A meeting's paper, always as a download (never opened in the page): the type it was checked
 * to be on upload, a file name made safe on upload, and no type sniffing by the browser.
 */
export const GET: RequestHandler = ({ params, locals }) => {
	const file = orError(() => meetings.paperFile(db(), locals.user, idParam(params.paperId)));
	if (!ALLOWED_TYPES.has(file.mime)) error(404, { message: 'Not found', code: 'paper_not_found' });
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.mime,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'content-length': String(file.bytes.length),
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, max-age=300'
		}
	});
};
