/**
 * When the database cannot grow (the disk is full, or PRAGMA max_page_count is reached), SQLite
 * refuses the write with SQLITE_FULL and rolls back the statement; every write here is in a
 * transaction, so nothing half-written is kept. This file is the one mechanism that turns that
 * refusal into something a person can act on, whatever page they were on:
 *
 * - hooks.server.ts keeps a copy of each form post (`rememberForm`) before any action reads it;
 * - handleError recognises the refusal (`notSavedError`) and answers with the error code
 *   `not_saved` and the fields that were sent, so the error page says "we could not save this,
 *   please try again" with a button that sends the same fields again: what they typed is kept,
 *   with or without JavaScript;
 * - the refusal is remembered for GET /readyz until a write succeeds again (readiness.ts).
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';

let fullSince: Date | null = null;

/** Whether `error` (or what caused it) is SQLite saying the database could not grow. */
export function isStorageFull(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 3) return false;
	if ((error as { code?: unknown }).code === 'SQLITE_FULL') return true;
	return isStorageFull((error as { cause?: unknown }).cause, depth + 1);
}

/** Notes that a write found no room (from the error handler or the readiness probe). */
export function storageWasFull(now = new Date()): void {
	fullSince ??= now;
}

/** Notes that a write that needed room succeeded (the readiness probe). */
export function storageHasRoom(): void {
	fullSince = null;
}

/** Since when writes have found no room, or null. */
export function storageFullSince(): Date | null {
	return fullSince;
}

/** A copy of each form post, kept until the request is answered (keyed by the request event). */
const forms = new WeakMap<object, Request>();

/** Keeps a copy of a form post's body, to give it back if it cannot be saved. Call before any action reads it. */
export function rememberForm(event: Pick<RequestEvent, 'request' | 'locals'>): void {
	forms.set(event.locals, event.request.clone());
}

/**
 * Fields a person would not want written into a page again, even their own: they type these again.
 * Files cannot be given back either.
 */
const NOT_KEPT = /pass(word|code)|code|token|secret|totp|^pictures?$/i;

export type KeptForm = {
	/** Where the form was sent (path and query, such as ?/save). */
	action: string;
	/** The text fields sent, in order. */
	fields: [string, string][];
	/** A file or a password-like field was left out: the person must choose or type it again. */
	leftOut: boolean;
};

/** The fields of the form post this request carried, or null for a request without one. */
export async function keptForm(event: Pick<RequestEvent, 'locals' | 'url' | 'request'>): Promise<KeptForm | null> {
	const copy = forms.get(event.locals);
	if (!copy || event.request.method !== 'POST') return null;
	try {
		const sent = await copy.formData();
		const fields: [string, string][] = [];
		let leftOut = false;
		for (const [name, value] of sent) {
			if (typeof value !== 'string' || NOT_KEPT.test(name)) leftOut ||= typeof value !== 'string' ? value.size > 0 : value !== '';
			else fields.push([name, value]);
		}
		return { action: event.url.pathname + event.url.search, fields, leftOut };
	} catch {
		return null;
	}
}

/** The error for the page when `error` is a refusal to grow the database, or null for any other error. */
export async function notSavedError(error: unknown, event: Pick<RequestEvent, 'locals' | 'url' | 'request'>, message: string): Promise<App.Error | null> {
	if (!isStorageFull(error)) return null;
	storageWasFull();
	event.locals.notSaved = true;
	return { message, code: 'not_saved', kept: await keptForm(event) };
}

/**
 * After the error page for a refusal to grow is made: 503 (try again later) rather than 500, and
 * never kept by a browser or proxy (it holds what was typed).
 */
export const answerNotSaved: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.locals.notSaved) return response;
	const headers = new Headers(response.headers);
	headers.set('cache-control', 'no-store');
	const page = (headers.get('content-type') ?? '').startsWith('text/html');
	return new Response(response.body, { status: page ? 503 : response.status, headers });
};
