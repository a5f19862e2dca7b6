import { redirect } from '@sveltejs/kit';
import {
	CONTRASTS,
	DISPLAY_COOKIE,
	FONTS,
	SYMBOLS,
	TEXT_SIZES,
	parseDisplay,
	serialiseDisplay
} from '$lib/display';
import { safeRedirectTarget } from '$lib/server/http';
import { db } from '$lib/server/db/app';
import * as content from '$lib/server/content';
import { chooseLanguage } from '$lib/server/language';
import { servedOverHttps } from '$lib/server/origin';
import type { Actions, PageServerLoad } from './$types';

const YEAR = 60 * 60 * 24 * 365;

export const load: PageServerLoad = ({ locals, url }) => ({
	display: locals.display,
	done: url.searchParams.get('done'),
	options: { TEXT_SIZES, FONTS, CONTRASTS, SYMBOLS }
});

export const actions: Actions = {
	/** Saves the display settings in a cookie; unknown values fall back to the defaults. */
	display: async ({ request, cookies, url }) => {
		const data = await request.formData();
		const settings = parseDisplay(
			['textSize', 'font', 'contrast', 'symbols'].map((k) => String(data.get(k) ?? '')).join('.')
		);
		cookies.set(DISPLAY_COOKIE, serialiseDisplay(settings), {
			path: '/',
			maxAge: YEAR,
			httpOnly: true,
			sameSite: 'lax',
			secure: servedOverHttps(url)
		});
		redirect(303, '/settings?done=display');
	},
	/**
	 * Switches the interface language (Paraglide reads this cookie), or chooses a content language
	 * that is not one (the page's words then English), and goes back where the person was.
	 */
	language: async ({ request, cookies, url }) => {
		const data = await request.formData();
		chooseLanguage(cookies, url, data.get('locale'), content.offeredLanguages(db()));
		const back = safeRedirectTarget(String(data.get('returnTo') ?? ''), '/settings?done=language');
		redirect(303, back);
	}
};
