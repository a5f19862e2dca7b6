/**
 * What this site's address really is. adapter-node serves plain HTTP itself and, unless told
 * otherwise (ORIGIN, or PROTOCOL_HEADER behind a TLS proxy), assumes every request came over
 * https. So without that configuration — `npm start` on a laptop, a phone on the same
 * network — `event.url` says https while the browser uses http. These helpers read the truth.
 */
function configured(env = process.env): boolean {
	return Boolean(env.ORIGIN || env.PROTOCOL_HEADER);
}

/** Whether the browser reached us over https (cookies are then marked Secure). */
export function servedOverHttps(url: URL, env = process.env): boolean {
	return configured(env) && url.protocol === 'https:';
}

/** The origin to put in links we hand out (set-password links, feeds). */
export function siteOrigin(url: URL, env = process.env): string {
	return configured(env) ? url.origin : `http://${url.host}`;
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Cross-site request forgery check for form posts, in place of SvelteKit's own (which
 * compares against the https origin adapter-node assumes). A form post must carry an Origin
 * from this site: the same origin when the deployment is configured, otherwise the same host.
 */
export function isCrossSiteFormPost(request: Request, url: URL, env = process.env): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	const origin = request.headers.get('origin');
	if (!origin) return true;
	if (configured(env)) return origin !== url.origin;
	try {
		return new URL(origin).host !== url.host;
	} catch {
		return true;
	}
}

/**
 * The site's address for links that leave a request behind (emails sent by the outbox worker):
 * ORIGIN when set, otherwise the local address `npm start` serves on.
 */
export function publicOrigin(env = process.env): string {
	return env.ORIGIN || `http://localhost:${env.PORT ?? 3000}`;
}
