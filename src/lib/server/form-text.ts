/**
 * Every text a form sends is normalised (NFC, one kind of line break, no hidden controls or
 * bidirectional overrides: `normaliseText` in $lib/text.ts) before any form action sees it, so no
 * feature has to remember to. hooks.server.ts reads each form post once, normalises every string
 * value (files are passed on untouched) and hands the actions a rebuilt request. Search words in
 * the address (`?q=`) are normalised the same way.
 */
import { randomUUID } from 'node:crypto';
import { normaliseText } from '$lib/text';
import { withBody } from './request-limits';

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/**
 * superforms' JSON mode (`dataType: 'json'`) sends the whole form as one serialised field. No form
 * of ours uses it, so such a field can only be made by hand to get round this normalisation and
 * superforms' parser: it is dropped, and the form is read from its ordinary fields.
 */
const DROPPED = /^__superform_(json|file_|files_)/;

function mediaType(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/** Whether this request is a form post whose text is normalised here. */
export function isFormPost(request: Request): boolean {
	if (!request.body) return false;
	const type = mediaType(request);
	return type === URLENCODED || type === MULTIPART;
}

/**
 * The form post again, every string value normalised, files untouched, fields in the same order.
 * Throws when the body is not a readable form (a malformed multipart body).
 *
 * A multipart body is written out here rather than by FormData: FormData's encoding turns every
 * line break in a value back into CRLF (as browsers do when they send a form), which would undo
 * the normalisation.
 */
export async function normaliseFormPost(request: Request): Promise<Request> {
	if (mediaType(request) === URLENCODED) {
		const sent = new URLSearchParams(await request.text());
		const clean = new URLSearchParams();
		for (const [name, value] of sent) if (!DROPPED.test(name)) clean.append(name, normaliseText(value));
		return withBody(request, clean.toString(), { 'content-type': URLENCODED });
	}
	const sent = await request.formData();
	const boundary = `----chorus-${randomUUID()}`;
	const parts: BlobPart[] = [];
	for (const [name, value] of sent) {
		if (DROPPED.test(name)) continue;
		if (typeof value === 'string') {
			parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n`, normaliseText(value), '\r\n');
		} else {
			const type = value.type || 'application/octet-stream';
			parts.push(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`,
				value,
				'\r\n'
			);
		}
	}
	parts.push(`--${boundary}--\r\n`);
	return withBody(request, new Blob(parts), { 'content-type': `${MULTIPART}; boundary=${boundary}` });
}

/**
 * A name in a multipart header, escaped as browsers do (HTML's multipart/form-data encoding):
 * quote, CR and LF percent-encoded.
 */
function quoted(name: string): string {
	return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Normalises the values in the address's query (search words), changing the address only when a
 * value changes. Returns whether it changed.
 */
export function normaliseQuery(url: URL): boolean {
	if (!url.search.includes('%')) return false; // a value that needs normalising is always percent-encoded
	const clean = new URLSearchParams();
	let changed = false;
	for (const [name, value] of url.searchParams) {
		const normal = normaliseText(value);
		if (normal !== value) changed = true;
		clean.append(name, normal);
	}
	if (changed) url.search = clean.toString();
	return changed;
}
