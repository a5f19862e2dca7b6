/**
 * Where a "next" address may send a person: only a path on this site (0029).
 */

/** A made-up origin to resolve against: only a path on "this site" can keep it. */
const HERE = 'http://this-site.invalid';
/** Longer than any address the app makes; a longer one is not ours. */
const MAX_TARGET = 2048;
/** Only visible ASCII: our own links are percent-encoded, so spaces, tabs, newlines and other controls mean tampering. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** Percent-decoded until it stops changing (a few rounds at most), or null if it never settles or is not valid. */
function fullyDecoded(path: string): string | null {
	let current = path;
	for (let round = 0; round < 4; round++) {
		let next: string;
		try {
			next = decodeURIComponent(current);
		} catch {
			return null;
		}
		if (next === current) return current;
		current = next;
	}
	return null;
}

/** Whether a path, however often decoded, could be read as another site ("//evil", "/\\evil") or carries controls. */
function pathLooksLikeAnotherSite(path: string): boolean {
	const decoded = fullyDecoded(path);
	// eslint-disable-next-line no-control-regex -- control characters are what is refused
	return decoded === null || decoded.startsWith('//') || /[\\\u0000-\u001f\u007f-\u009f]/.test(decoded);
}

/**
 * A "where to go next" (`?next=` after signing in, a form's `returnTo`) that can only point inside
 * this site. The value is resolved as a browser would resolve a Location header (WHATWG URL) and
 * accepted only if it is a path on this site: never another origin (`//evil.x`, `https:evil.x`,
 * `/\evil.x`), never a `javascript:` or `data:` address, nothing with a backslash, a space, a tab
 * or a newline anywhere (browsers drop tabs and newlines, turning `/\t/evil.x` into `//evil.x`), and
 * no path whose decoding starts with `//` (`/%2F%2Fevil.x`). Returns the clean path and query
 * (the fragment is dropped), or `fallback`.
 */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TARGET) return fallback;
	if (!VISIBLE_ASCII.test(value) || value.includes('\\')) return fallback;
	// a path of this site: one slash, then not a second one (a scheme-relative "//host")
	if (!value.startsWith('/') || value.startsWith('//')) return fallback;
	let url: URL;
	try {
		url = new URL(value, HERE);
	} catch {
		return fallback;
	}
	if (url.origin !== HERE || url.username || url.password) return fallback;
	// dot segments can leave a path starting "//" ("/.//evil.x"), which a browser reads as another site
	if (url.pathname.startsWith('//') || pathLooksLikeAnotherSite(url.pathname)) return fallback;
	return url.pathname + url.search;
}
