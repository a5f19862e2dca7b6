/**
 * Compresses what the app itself makes (pages, feeds, calendars, CSV) with gzip when the browser
 * accepts it: an easy-read board page is a fifth of its size on slow mobile data. Built files,
 * fonts and symbols are compressed ahead of time by the build and served as they are (adapter-node).
 *
 * Two rules:
 * - Only answers that may be kept are compressed. One that must not be (`no-store`: anything for
 *   someone signed in, any answer to a form, a page reached by a personal link or code; see
 *   caching.ts) can hold a secret beside text an attacker chose, and its compressed length could
 *   then give the secret away a letter at a time (the BREACH attack). Public pages hold no secret.
 * - CHORUS_COMPRESS=0 turns it off, for a proxy in front that compresses already.
 */

/** Types worth compressing: text of every kind the app answers with. */
const TEXT = /^(text\/|application\/(json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image\/svg\+xml)/i;

/** Smaller than this gains nothing worth the gzip header and the work. */
const SMALLEST = 1024;

/** Whether the browser accepts gzip (and did not refuse it with q=0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
	for (const part of (acceptEncoding ?? '').split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		if (name !== 'gzip' && name !== '*') continue;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	}
	return false;
}

/** Whether this answer to this request is compressed (see the rules above). */
export function shouldCompress(request: Request, response: Response, env: Record<string, string | undefined> = process.env): boolean {
	if (env.CHORUS_COMPRESS === '0') return false;
	if (request.method === 'HEAD' || !response.body || response.status === 204 || response.status === 304) return false;
	if (!acceptsGzip(request.headers.get('accept-encoding'))) return false;
	const headers = response.headers;
	if (headers.has('content-encoding')) return false;
	if (!TEXT.test(headers.get('content-type') ?? '')) return false;
	if (/(^|,)\s*no-store\s*(,|$)/i.test(headers.get('cache-control') ?? '')) return false;
	const length = headers.get('content-length');
	return length === null || Number(length) >= SMALLEST;
}

/** The same answer, gzipped as it streams. */
export function compressed(response: Response): Response {
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.set('content-encoding', 'gzip');
	const vary = headers.get('vary');
	if (!vary || !/(^|,)\s*accept-encoding\s*(,|$)/i.test(vary)) headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
	return new Response(response.body!.pipeThrough(new CompressionStream('gzip')), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}
