import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db/app';
import { loginRedirect } from '$lib/server/http';
import { overridesFor } from '$lib/server/translations';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) needs a signed-in person; what each may do is checked by the services. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) loginRedirect(url);
	// Staff pages run in the browser: the texts uploaded for the reader's language go with them,
	// so a page drawn there says what the server's page said (decision 0058).
	const locale = getLocale();
	return { uploadedTexts: { locale, texts: overridesFor(db(), locale) } };
};
