import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { PAPER_MAX_BYTES } from '$lib/features/meetings/model';
import { PHOTO_MAX_BYTES } from '$lib/features/profiles/model';
import { PICTURE_MAX_BYTES } from './images';
import type { Actor } from './permissions';
import {
	FORM_LIMIT,
	READ_TO_REFUSE_MAX,
	UPLOADS,
	actionName,
	bodyLimit,
	declaredLength,
	limitBody,
	readWithin
} from './request-limits';

/** adapter-node's BODY_SIZE_LIMIT as `npm run serve` sets it (11M = 11 × 1024 × 1024). */
const SERVER_LIMIT = 11 * 1024 * 1024;

/** A body arriving in `count` chunks of `size` bytes; `pulled()` says how many chunks were asked for. */
function chunks(count: number, size: number) {
	let sent = 0;
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				if (sent === count) return controller.close();
				sent++;
				controller.enqueue(new Uint8Array(size).fill(97));
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, pulled: () => sent };
}

const url = (p: string) => new URL(`http://localhost${p}`);

/** A request event as SvelteKit gives the hook, for a form post. */
function postEvent(options: { body: BodyInit; headers?: Record<string, string>; route?: string | null; path?: string; signedIn?: boolean }) {
	const target = url(options.path ?? '/feedback');
	const request = new Request(target, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
		body: options.body,
		// @ts-expect-error Node's Request needs this for a streamed body
		duplex: 'half'
	});
	const pages: string[] = [];
	const event = {
		request,
		url: target,
		route: { id: options.route === undefined ? '/feedback' : options.route },
		locals: { user: options.signedIn ? { id: 1, roles: ['organiser'] } : null },
		fetch: async (input: URL) => {
			pages.push(String(input));
			return new Response('<h1>This is too big to send</h1>', { status: 413, headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } });
		}
	} as unknown as RequestEvent;
	return { event, pages };
}

const ORGANISER: Actor = { id: 1, roles: ['organiser'] };
const SUPPORTER: Actor = { id: 2, roles: ['supporter'] };
const LEAD: Actor = { id: 3, roles: ['service_lead'] };
const PARENT: Actor = { id: 5, roles: ['parent_carer'] };

describe('which limit a request gets', () => {
	it('reads the form action from the address as SvelteKit does', () => {
		expect(actionName(url('/x'))).toBe('default');
		expect(actionName(url('/x?/upload'))).toBe('upload');
		expect(actionName(url('/x?page=2&/save'))).toBe('save');
	});

	it('gives 64 KB to every form, and to anyone not signed in, even on an upload page', () => {
		expect(FORM_LIMIT).toBe(65_536);
		expect(bodyLimit('/feedback', url('/feedback'), ORGANISER)).toBe(FORM_LIMIT);
		expect(bodyLimit('/(app)/manage/meetings/[meetingId]/items/[itemId]', url('/manage/meetings/1/items/2?/upload'), null)).toBe(FORM_LIMIT);
		expect(bodyLimit(null, url('/nowhere'), ORGANISER)).toBe(FORM_LIMIT);
	});

	it('gives each upload action its own file limit and a megabyte of room, only for that action', () => {
		const paper = '/(app)/manage/meetings/[meetingId]/items/[itemId]';
		expect(bodyLimit(paper, url('/manage/meetings/1/items/2?/upload'), ORGANISER)).toBe(PAPER_MAX_BYTES + 1024 * 1024);
		// the same page's other forms are ordinary forms
		expect(bodyLimit(paper, url('/manage/meetings/1/items/2?/save'), ORGANISER)).toBe(FORM_LIMIT);
		expect(bodyLimit('/(app)/manage/surveys/[surveyId]/images', url('/manage/surveys/1/images'), ORGANISER)).toBe(PICTURE_MAX_BYTES + 1024 * 1024);
		expect(bodyLimit('/profiles/[youngPersonId]/photo', url('/profiles/4/photo?/upload'), SUPPORTER)).toBe(PHOTO_MAX_BYTES + 1024 * 1024);
		expect(bodyLimit('/profiles/[youngPersonId]/photo', url('/profiles/4/photo?/remove'), SUPPORTER)).toBe(FORM_LIMIT);
		expect(bodyLimit('/(app)/manage/standards/import', url('/manage/standards/import?/save'), LEAD)).toBeGreaterThan(FORM_LIMIT);
		// long writing: minutes in Urdu, a whole translation (staff, signed in)
		expect(bodyLimit('/(app)/manage/meetings/[meetingId]/minutes', url('/manage/meetings/3/minutes?/notes'), ORGANISER)).toBe(512 * 1024);
		expect(bodyLimit('/(app)/manage/meetings/[meetingId]/minutes', url('/manage/meetings/3/minutes?/notes'), null)).toBe(FORM_LIMIT);
		expect(bodyLimit('/(app)/manage/surveys/[surveyId]/translations/[locale]', url('/manage/surveys/1/translations/ur'), ORGANISER)).toBe(512 * 1024);
	});

	it('gives an upload page allowance only to people who could ever send that form: others signed in get 64 KB', () => {
		const paper = '/(app)/manage/meetings/[meetingId]/items/[itemId]';
		for (const actor of [PARENT, SUPPORTER, LEAD]) expect(bodyLimit(paper, url('/manage/meetings/1/items/2?/upload'), actor)).toBe(FORM_LIMIT);
		expect(bodyLimit(paper, url('/manage/meetings/1/items/2?/upload'), { id: 9, roles: ['admin'] })).toBe(PAPER_MAX_BYTES + 1024 * 1024);
		expect(bodyLimit('/(app)/manage/surveys/[surveyId]/images', url('/manage/surveys/1/images'), PARENT)).toBe(FORM_LIMIT);
		expect(bodyLimit('/profiles/[youngPersonId]/photo', url('/profiles/4/photo?/upload'), ORGANISER)).toBe(FORM_LIMIT);
		expect(bodyLimit('/profiles/[youngPersonId]/photo', url('/profiles/4/photo?/upload'), { id: 4, roles: ['young_person'] })).toBe(PHOTO_MAX_BYTES + 1024 * 1024);
		expect(bodyLimit('/(app)/manage/standards/import', url('/manage/standards/import?/check'), PARENT)).toBe(FORM_LIMIT);
		expect(bodyLimit('/(app)/manage/reach/import', url('/manage/reach/import?/check'), ORGANISER)).toBe(FORM_LIMIT);
		expect(bodyLimit('/(app)/manage/reach/import', url('/manage/reach/import?/save'), { id: 9, roles: ['admin'] })).toBe(512 * 1024);
		expect(bodyLimit('/(app)/manage/surveys/[surveyId]/translations/[locale]', url('/manage/surveys/1/translations/ur'), LEAD)).toBe(FORM_LIMIT);
	});

	it('never allows more than the server itself reads (BODY_SIZE_LIMIT 11M)', () => {
		for (const upload of UPLOADS) expect(upload.limit, upload.route).toBeLessThanOrEqual(SERVER_LIMIT);
	});

	it('lists a real page and real form actions for every upload', () => {
		for (const upload of UPLOADS) {
			const file = path.join('src/routes', upload.route, '+page.server.ts');
			const source = readFileSync(file, 'utf8');
			for (const action of upload.actions) expect(source, `${file} has no action "${action}"`).toMatch(new RegExp(`\\b${action}: async`));
		}
	});

	it('knows every file input in the app (a new one needs a line in UPLOADS, or its form is held to 64 KB)', () => {
		// A file input is written once, in FileField; every form that uses it (or a bare one) is listed.
		const withFileInput = (readdirSync('src', { recursive: true }) as string[])
			.filter((f) => f.endsWith('.svelte') && f !== path.join('lib', 'components', 'FileField.svelte'))
			.filter((f) => /type="file"|<FileField\b/.test(readFileSync(path.join('src', f), 'utf8')))
			.sort();
		expect(withFileInput).toEqual([
			'lib/components/CsvImport.svelte', // on /(app)/manage/reach/import and /(app)/manage/standards/import
			'lib/features/meetings/manage/PaperUpload.svelte', // on /(app)/manage/meetings/[meetingId]/items/[itemId]
			'routes/(app)/admin/languages/+page.svelte',
			'routes/(app)/manage/surveys/[surveyId]/images/+page.svelte',
			'routes/profiles/[youngPersonId]/photo/+page.svelte'
		]);
	});

	it('reads a Content-Length only when it is a plain number', () => {
		expect(declaredLength(new Headers({ 'content-length': '65537' }))).toBe(65_537);
		expect(declaredLength(new Headers())).toBeNull();
		expect(declaredLength(new Headers({ 'content-length': '1e9' }))).toBeNull();
	});
});

describe('readWithin', () => {
	it('gives the whole body when it is within the limit', async () => {
		const body = chunks(4, 1000);
		const read = await readWithin(body.stream, 4000);
		expect(read.tooBig).toBe(false);
		if (!read.tooBig) expect(read.bytes).toHaveLength(4000);
	});

	it('reads a body a little over the limit to its end, keeping none of it', async () => {
		const body = chunks(10, 1000);
		expect(await readWithin(body.stream, 4000, 20_000)).toEqual({ tooBig: true, finished: true });
		expect(body.pulled()).toBe(10);
	});

	it('stops reading a huge body soon after the limit, and never reads the rest', async () => {
		const body = chunks(1000, 64 * 1024); // 64 MB
		expect(await readWithin(body.stream, FORM_LIMIT)).toEqual({ tooBig: true, finished: false });
		expect(body.pulled() * 64 * 1024).toBeLessThanOrEqual(READ_TO_REFUSE_MAX + 64 * 1024);
	});
});

describe('limitBody', () => {
	it('lets a form within 64 KB through, untouched', async () => {
		const { event } = postEvent({ body: 'whatHappened=hello', headers: { 'content-length': '18' } });
		const before = event.request;
		expect(await limitBody(event)).toBeNull();
		expect(event.request).toBe(before);
	});

	it('refuses a body whose Content-Length is over the limit with 413, without reading it, and closes the connection', async () => {
		const body = chunks(200, 64 * 1024);
		const { event } = postEvent({ body: body.stream, headers: { 'content-length': String(200 * 64 * 1024) } });
		const answer = await limitBody(event);
		expect(answer?.status).toBe(413);
		expect(answer?.headers.get('connection')).toBe('close');
		expect(answer?.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await answer?.text()).toMatch(/^This is too big to send\. /);
		expect(body.pulled()).toBeLessThanOrEqual(1);
	});

	it('refuses a chunked body (no Content-Length) once it passes the limit', async () => {
		const body = chunks(100, 1024);
		const { event } = postEvent({ body: body.stream });
		const answer = await limitBody(event);
		expect(answer?.status).toBe(413);
		// 100 KB is small enough to read to its end, so the connection can stay open
		expect(answer?.headers.get('connection')).toBeNull();
	});

	it('hands on a chunked body within the limit as the bytes it read', async () => {
		const { event } = postEvent({ body: chunks(3, 1000).stream });
		expect(await limitBody(event)).toBeNull();
		expect((await event.request.arrayBuffer()).byteLength).toBe(3000);
		expect(event.request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
	});

	it('shows the site\'s page to a browser and an action error to an enhanced form', async () => {
		const big = 'a'.repeat(FORM_LIMIT + 1);
		const browser = postEvent({ body: big, headers: { accept: 'text/html,application/xhtml+xml', 'content-length': String(big.length) } });
		const page = await limitBody(browser.event);
		expect(page?.status).toBe(413);
		expect(browser.pages).toEqual(['http://localhost/too-big']);
		expect(await page?.text()).toContain('<h1>This is too big to send</h1>');
		expect(page?.headers.get('cache-control')).toBe('no-store');

		const enhanced = postEvent({ body: big, headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } });
		const result = await limitBody(enhanced.event);
		expect(result?.status).toBe(413);
		expect(await result?.json()).toEqual({ type: 'error', error: { message: 'This is too big to send', code: 'too_big' } });
	});

	it('lets someone signed in send a paper of 10 MB to the upload action', async () => {
		const length = String(PAPER_MAX_BYTES + 500_000);
		const paper = postEvent({
			body: 'x',
			headers: { 'content-length': length },
			route: '/(app)/manage/meetings/[meetingId]/items/[itemId]',
			path: '/manage/meetings/1/items/2?/upload',
			signedIn: true
		});
		expect(await limitBody(paper.event)).toBeNull();
	});
});
