import { contentOnly } from '$lib/features/content/model';
import { db } from '$lib/server/db/app';
import { CONTENT_LANGUAGE_COOKIE, contentLocaleFrom } from '$lib/server/language';
import { getLocale } from '$lib/paraglide/runtime';
import { navigationFor } from '$lib/server/navigation';
import * as settings from '$lib/server/settings';
import { demoPresent } from '$lib/server/seed';
import { reviewedShares } from '$lib/server/translations';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies }) => {
	const area = settings.get(db());
	return {
		user: locals.user ? { name: locals.user.name, roles: locals.user.roles } : null,
		nav: navigationFor(locals.user),
		display: locals.display,
		/** For "Where to get help now" (GetHelpNow.svelte) on every page where people write. */
		help: { childrensServicesContact: area.childrensServicesContact },
		/** Demo accounts exist: every page says so (their password is public). */
		demo: demoPresent(db()),
		/** Each draft language's reviewed share, for the language menus (cached; decision 0058). */
		reviewed: reviewedShares(db()),
		/** The offered content languages that are not interface languages (Arabic...), for the language menus' second group (decision 0059). */
		contentLanguages: contentOnly(area.contentLanguages),
		/** The language public texts are shown in: NotTranslated names it, the menus mark it chosen. */
		contentLocale: contentLocaleFrom(cookies.get(CONTENT_LANGUAGE_COOKIE), area.contentLanguages, getLocale())
	};
};
