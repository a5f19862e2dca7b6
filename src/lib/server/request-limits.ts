/**
 * How much a request may send. adapter-node's BODY_SIZE_LIMIT (11M with `npm run serve`) is one
 * figure for every request, set for the largest upload; a form needs far less. Here every request
 * body is held to 64 KB, except the upload actions, which get their own file limit and a little
 * room (and only for someone signed in: every upload page needs an account, and a stranger must
 * not make the server read megabytes before the page's own checks run).
 *
 * A body over its limit is refused with 413 before the app reads it: up front by its
 * Content-Length, or by counting as it comes when it has none (chunked). The answer is the site's
 * own "too big to send" page, in the person's language.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { PAPER_MAX_BYTES } from '$lib/features/meetings/model';
import { m } from '$lib/paraglide/messages';
import { PHOTO_MAX_BYTES } from '$lib/features/profiles/model';
import { MAX_SHEET_BYTES } from '$lib/features/translations/model';
import { PICTURE_MAX_BYTES } from './images';
import { can, type Actor } from './permissions';

/** Any form: thousands of words, far more than any form of ours holds. */
export const FORM_LIMIT = 64 * 1024;

/**
 * A figures CSV this big is tens of thousands of lines; the import page checks and shows every
 * line, so a larger file is not a real import.
 */
export const FIGURES_CSV_MAX_BYTES = 1_000_000;

/**
 * Room above an upload's own file limit for the form's other fields and the multipart wrapping,
 * and so that a file a little too big reaches the page, which says so next to the file field.
 */
const UPLOAD_ROOM = 1024 * 1024;

/**
 * Long writing, for signed-in staff only: a meeting's minutes for one item (20,000 letters of notes
 * and 5,000 of decisions) and a survey's whole translation sent at once. Written in Urdu or Bengali,
 * a letter is 2 or 3 bytes of UTF-8 and 6 to 9 once URL-encoded, so these need more than 64 KB.
 */
const LONG_WRITING = 512 * 1024;

/** Whether a signed-in person could ever send this form: only they get its larger allowance. */
type Sender = (actor: NonNullable<Actor>) => boolean;
const organisers: Sender = (actor) => can(actor, 'meetings.manage');
const surveyBuilders: Sender = (actor) => can(actor, 'surveys.manage');
/** `profiles.edit` depends on the profile; only young people and supporters ever have it. */
const profileEditors: Sender = (actor) => actor.roles.some((r) => r === 'young_person' || r === 'supporter');
/** `standards.enterFigures`: organisers for every standard, service leads for their services'. */
const translationAdmins: Sender = (actor) => can(actor, 'translations.manage');
const figureEnterers: Sender = (actor) => can(actor, 'standards.manage') || actor.roles.includes('service_lead');
/** Admins, who import the local population baseline. */
const baselineImporters: Sender = (actor) => can(actor, 'reach.baseline.import');

/**
 * The pages whose forms send files (or long writing): Kit's route id, the form actions that take a file, the
 * largest body each may send, and who may send that much (everyone else is held to 64 KB, so a signed-in
 * parent cannot make the server read a 10 MB "paper" that the page would refuse anyway: every form post is
 * read whole by the hooks before the page's own checks run). A new file input needs a line here, or its
 * form gets the 64 KB limit. The pages and services still decide who may do what; this only sizes bodies.
 */
export const UPLOADS: readonly { route: string; actions: readonly string[]; limit: number; who: Sender }[] = [
	// survey pictures (the builder's own picture library)
	{ route: '/(app)/manage/surveys/[surveyId]/images', actions: ['default'], limit: PICTURE_MAX_BYTES + UPLOAD_ROOM, who: surveyBuilders },
	// meeting papers; 10 MB + 1 MB is adapter-node's BODY_SIZE_LIMIT of 11M exactly
	{ route: '/(app)/manage/meetings/[meetingId]/items/[itemId]', actions: ['upload'], limit: PAPER_MAX_BYTES + UPLOAD_ROOM, who: organisers },
	// a young person's profile photo
	{ route: '/profiles/[youngPersonId]/photo', actions: ['upload'], limit: PHOTO_MAX_BYTES + UPLOAD_ROOM, who: profileEditors },
	// standards figures from a CSV file; "save" sends the checked file's text back as a field
	{ route: '/(app)/manage/standards/import', actions: ['check', 'save'], limit: FIGURES_CSV_MAX_BYTES + UPLOAD_ROOM, who: figureEnterers },
	// a language's messages from a translator's spreadsheet; "save" sends the checked changes back as a field
	{ route: '/(app)/admin/languages', actions: ['check', 'save'], limit: MAX_SHEET_BYTES + UPLOAD_ROOM, who: translationAdmins },
	// the local baseline from a CSV file (at most 100,000 characters, 3 bytes each once URL-encoded for "save")
	{ route: '/(app)/manage/reach/import', actions: ['check', 'save'], limit: LONG_WRITING, who: baselineImporters },
	// long writing: an item's minutes, and a survey's translation
	{ route: '/(app)/manage/meetings/[meetingId]/minutes', actions: ['notes'], limit: LONG_WRITING, who: organisers },
	{ route: '/(app)/manage/surveys/[surveyId]/translations/[locale]', actions: ['default'], limit: LONG_WRITING, who: surveyBuilders }
];

/**
 * Past its limit, a body up to this size is still read (and thrown away) before the answer, so the
 * browser, which is still sending, gets to show the answer rather than "connection reset". A larger
 * one is not read at all: the answer goes straight away and the connection is closed.
 */
export const READ_TO_REFUSE_MAX = 1024 * 1024;

/** The form action a post is for, as SvelteKit reads it: `?/name`, or "default". */
export function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

/** The largest body this request may send, from this person (null: a visitor). */
export function bodyLimit(routeId: string | null, url: URL, actor: Actor): number {
	if (!actor || routeId === null) return FORM_LIMIT;
	const action = actionName(url);
	const upload = UPLOADS.find((u) => u.route === routeId && u.actions.includes(action));
	return upload && upload.who(actor) ? upload.limit : FORM_LIMIT;
}

/** The Content-Length the request declares, or null when it has none (a chunked body). */
export function declaredLength(headers: Headers): number | null {
	const value = headers.get('content-length');
	if (value === null || !/^\d+$/.test(value.trim())) return null;
	return Number(value);
}

export type Read = { bytes: Uint8Array; tooBig: false } | { tooBig: true; finished: boolean };

/**
 * Reads a body, keeping at most `limit` bytes. Past the limit it reads on, keeping nothing, until
 * the body ends (`finished`) or `stopAfter` bytes have come, then stops without reading the rest.
 * The stream is never cancelled: for a request, that would close the connection before any answer.
 */
export async function readWithin(body: ReadableStream<Uint8Array>, limit: number, stopAfter = READ_TO_REFUSE_MAX): Promise<Read> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			if (total > limit && total > stopAfter) return { tooBig: true, finished: false };
			const { done, value } = await reader.read();
			if (done) break;
			total += value.byteLength;
			if (total <= limit) chunks.push(value);
		}
	} finally {
		reader.releaseLock();
	}
	if (total > limit) return { tooBig: true, finished: true };
	const bytes = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.byteLength;
	}
	return { bytes, tooBig: false };
}

/**
 * The request again with another body, already in hand (so its length is known). `change` sets
 * headers, or removes those given null (a Content-Type that Request should work out itself).
 */
export function withBody(request: Request, body: BodyInit, change: Record<string, string | null> = {}): Request {
	const headers = new Headers(request.headers);
	headers.delete('content-length');
	headers.delete('transfer-encoding');
	for (const [name, value] of Object.entries(change)) {
		if (value === null) headers.delete(name);
		else headers.set(name, value);
	}
	return new Request(request.url, {
		method: request.method,
		headers,
		body,
		signal: request.signal,
		// @ts-expect-error Node's Request needs this for a body (not in the DOM types)
		duplex: 'half'
	});
}

/** What the person is told, as text (for a script) or as the action result an enhanced form shows. */
function tooBigWords(): string {
	return `${m.site_too_big_title()}. ${m.site_too_big_body()}`;
}

/**
 * The "too big to send" answer (413). An enhanced form (JavaScript on) gets an action error, which
 * SvelteKit shows as the error page; a browser gets the site's error page for 413 (the route
 * /too-big renders it in the person's language and the site's style); anything else gets plain
 * text. `finished` says whether the whole body was read: if not, the connection is closed after
 * the answer, so the server never reads the rest.
 */
export async function tooBig(event: RequestEvent, finished: boolean): Promise<Response> {
	const headers = new Headers({ 'cache-control': 'no-store' });
	if (!finished) headers.set('connection', 'close');
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		headers.set('content-type', 'application/json');
		const result = { type: 'error', error: { message: m.site_too_big_title(), code: 'too_big' } };
		return new Response(JSON.stringify(result), { status: 413, headers });
	}
	if ((event.request.headers.get('accept') ?? '').includes('text/html')) {
		try {
			const page = await event.fetch(new URL('/too-big', event.url), { headers: { accept: 'text/html' } });
			if (page.status === 413) {
				for (const [name, value] of page.headers) {
					if (['set-cookie', 'content-length', 'cache-control', 'etag'].includes(name)) continue;
					headers.set(name, value);
				}
				for (const cookie of page.headers.getSetCookie()) headers.append('set-cookie', cookie);
				return new Response(await page.arrayBuffer(), { status: 413, headers });
			}
		} catch {
			// the plain answer below still says what happened
		}
	}
	headers.set('content-type', 'text/plain; charset=utf-8');
	return new Response(tooBigWords(), { status: 413, headers });
}

/**
 * The answer when a body could not be read: over adapter-node's own BODY_SIZE_LIMIT (413, which
 * SvelteKit's reader reports with a status), or broken off by the sender (400; nobody is there to
 * read it, but it must not count as a server failure).
 */
export function unreadableBody(event: RequestEvent, error: unknown): Promise<Response> | Response {
	const status = (error as { status?: unknown } | null)?.status;
	if (status === 413) return tooBig(event, false);
	return new Response(m.site_form_unreadable(), {
		status: 400,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }
	});
}

/**
 * Holds the request to its limit. Returns the 413 answer for a body over it; otherwise null, having
 * replaced a chunked body (no Content-Length) with the bytes read, so nothing later reads more.
 */
export async function limitBody(event: RequestEvent): Promise<Response | null> {
	const body = event.request.body;
	if (!body) return null;
	const limit = bodyLimit(event.route.id, event.url, event.locals.user);
	const length = declaredLength(event.request.headers);
	try {
		if (length !== null) {
			// adapter-node stops the body at its Content-Length, so the length is all that needs checking
			if (length <= limit) return null;
			if (length > READ_TO_REFUSE_MAX) return await tooBig(event, false);
			const read = await readWithin(body, 0, length);
			return await tooBig(event, read.tooBig && read.finished);
		}
		const read = await readWithin(body, limit);
		if (read.tooBig) return await tooBig(event, read.finished);
		event.request = withBody(event.request, read.bytes as Uint8Array<ArrayBuffer>);
		return null;
	} catch (error) {
		return unreadableBody(event, error);
	}
}
