import { browser } from '$app/environment';
import { installOverrides } from '$lib/i18n-overrides';
import type { LayoutLoad } from './$types';

// Staff pages (managing surveys, the board, meetings, reports, people) start the app in the
// browser: keyboard-friendly reordering, forms that keep focus, live previews. Their public pages
// do not (src/routes/+layout.ts); a few plain staff pages turn it off again.
export const csr = true;

/**
 * In the browser, the texts uploaded for the reader's language take their place before any
 * component draws (the root layout's header included), so the page hydrates with the words the
 * server sent. On the server the registry is already filled (hooks init, every upload).
 */
export const load: LayoutLoad = ({ data }) => {
	if (browser) installOverrides(data.uploadedTexts.locale, data.uploadedTexts.texts);
	return data;
};
