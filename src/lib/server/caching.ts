/**
 * What browsers and proxies may keep. A page with personal data must never be kept: on a shared
 * or family computer, Back or the browser's cache would show it to the next person. One rule covers
 * it: every answer to someone signed in, every answer to a form post (it repeats what was typed),
 * and the few pages that show personal data to someone not signed in, whose link or code is the key.
 */
import { servedOverHttps } from './origin';

/** Kit route ids (and everything under them) that show personal data without a session. */
const PERSONAL_WITHOUT_SIGN_IN = [
	// a young person's profile, opened through a share link
	'/shared-profile',
	// someone's answers to a survey, reached by their answering link or code
	'/surveys/[surveyId]/answer',
	// a set-password link names the account
	'/set-password',
	// a young person's card code and picture passcode
	'/young-people/sign-in',
	// a forum member's details and consents, opened by their address's link
	'/forum/membership',
	'/forum/confirm'
];

/** Kit route ids that never hold personal data, whoever asks: the same for everyone, so kept even for someone signed in. */
const NEVER_PERSONAL = [
	// the symbol pictures (src/lib/server/symbols.ts)
	'/symbols/openmoji/[file]'
];

type Asked = { request: Request; route: { id: string | null }; locals: { user: unknown } };

/** Whether this answer must carry `Cache-Control: no-store`. */
export function mustNotBeKept(event: Asked): boolean {
	const reading = event.request.method === 'GET' || event.request.method === 'HEAD';
	if (reading && event.route.id !== null && NEVER_PERSONAL.includes(event.route.id)) return false;
	if (event.locals.user) return true;
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return true;
	const id = event.route.id;
	return id !== null && PERSONAL_WITHOUT_SIGN_IN.some((page) => id === page || id.startsWith(page + '/'));
}

/** Marks an answer not to be kept, leaving alone one that already says so (some pages add `private`). */
export function keepOutOfCaches(headers: Headers): void {
	if (!/(^|,)\s*no-store\s*(,|$)/i.test(headers.get('cache-control') ?? '')) headers.set('cache-control', 'no-store');
}

/** A year, for this host and its subdomains: browsers then never try plain http here again. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** The Strict-Transport-Security header's value for this request, or null when it came over plain http. */
export function strictTransportSecurity(url: URL, env = process.env): string | null {
	return servedOverHttps(url, env) ? STRICT_TRANSPORT_SECURITY : null;
}
