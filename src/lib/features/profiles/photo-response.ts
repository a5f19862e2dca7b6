/**
 * A young person's photo as both photo.jpg routes send it (their profile's, and a shared link's):
 * a JPEG, never kept in a cache and never type-sniffed. `headers` adds to these.
 */
export function photoResponse(bytes: Uint8Array, headers: Record<string, string> = {}): Response {
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'image/jpeg',
			'content-length': String(bytes.length),
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			...headers
		}
	});
}
