import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { PageServerLoad } from './$types';

/**
 * The "too big to send" page (413) in the site's layout and the person's language. A form post over
 * its limit never reaches its page: hooks.server.ts answers it with this page instead
 * (src/lib/server/request-limits.ts), which is the error page for status 413.
 */
export const load: PageServerLoad = () => error(413, { message: m.site_too_big_title(), code: 'too_big' });
