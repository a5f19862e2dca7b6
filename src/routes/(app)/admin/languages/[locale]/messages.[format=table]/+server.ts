import { londonDate } from '$lib/time';
import { normaliseMessageText } from '$lib/text';
import { db } from '$lib/server/db/app';
import { tableDownload } from '$lib/server/downloads';
import { loginRedirect, orError } from '$lib/server/http';
import * as translations from '$lib/server/translations';
import type { RequestHandler } from './$types';

/**
 * A language's messages for a translator (decision 0058): key, English, current text, status, as
 * .xlsx (text cells: a formula-looking text is never run) or CSV (formulas neutralised). Admins only.
 */
export const GET: RequestHandler = ({ locals, params, url }) => {
	// The (app) layout's sign-in guard does not run for endpoints.
	if (!locals.user) loginRedirect(url);
	const rows = orError(() => translations.download(db(), locals.user, params.locale));
	return tableDownload(rows, params.format, { name: `chorus-messages-${params.locale}-${londonDate()}`, sheet: params.locale, cacheControl: 'no-store', normalise: normaliseMessageText });
};
