import { error, redirect } from '@sveltejs/kit';
import { ConfirmIdentityError, DomainError } from './errors';

/** Turns a typed domain error into the matching HTTP error page (403, 404, 409...); rethrows anything else. */
export function rethrowAsHttp(e: unknown): never {
	if (e instanceof DomainError) error(e.status, { message: e.message, code: e.code });
	throw e;
}

/** Runs a service call from a load function or action, with domain errors shown as their error page, not a 500. */
export function orError<T>(call: () => T): T {
	try {
		return call();
	} catch (e) {
		rethrowAsHttp(e);
	}
}

/** Reads a whole-number id from a route parameter, or shows "page not found". */
export function idParam(value: string): number {
	const id = Number(value);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, { message: 'Not found', code: 'not_found' });
	return id;
}

/** A "where to go next" that can only point inside this site. */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	return value;
}

/**
 * "Confirm it's you", then back to this page: where to send a person whose sign-in is not recent
 * enough for a dangerous step. A form action's `?/name` is left out: they come back to the page.
 */
export function confirmPath(url: URL): string {
	const params = new URLSearchParams([...url.searchParams].filter(([key]) => !key.startsWith('/')));
	const query = params.size ? `?${params}` : '';
	return `/confirm?next=${encodeURIComponent(url.pathname + query)}`;
}

/**
 * Runs a dangerous step's service call; when the service says the sign-in is not recent enough
 * (ConfirmIdentityError), goes to "Confirm it's you" and back to this page instead.
 */
export function orConfirm<T>(url: URL, call: () => T): T {
	try {
		return call();
	} catch (e) {
		if (e instanceof ConfirmIdentityError) redirect(303, confirmPath(url));
		throw e;
	}
}
