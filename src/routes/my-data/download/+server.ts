import { redirect } from '@sveltejs/kit';
import { signInHref } from '$lib/links';
import { db } from '$lib/server/db/app';
import { orConfirm, rethrowAsHttp } from '$lib/server/http';
import * as privacy from '$lib/server/privacy';
import type { RequestHandler } from './$types';

/** The "Download my data" button: the zip of everything held about the signed-in person. */
export const POST: RequestHandler = ({ locals }) => {
	if (!locals.user) redirect(303, signInHref('/my-data'));
	let file;
	try {
		// a download of personal data asks who it is again after 15 minutes, then back to /my-data
		file = orConfirm(new URL('/my-data', 'http://x'), () => privacy.download(db(), locals.user));
	} catch (e) {
		rethrowAsHttp(e);
	}
	return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'content-length': String(file.bytes.byteLength),
			'cache-control': 'private, no-store'
		}
	});
};

/** The button posts; a link or a reload lands on the page that explains it. */
export const GET: RequestHandler = () => redirect(303, '/my-data');
