/**
 * Links the pages build, safe in the browser and on the server. The server's `signInPath(url)`
 * (src/lib/server/http) builds on these, so every sign-in link is made the same way.
 */

/** The sign-in page, coming back to `path` (a path on this site, with its query if any) afterwards. */
export function signInHref(path: string): string {
	return `/login?next=${encodeURIComponent(path)}`;
}
