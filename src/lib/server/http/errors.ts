/**
 * Domain errors to HTTP: a service's typed refusal (DomainError, with its status and code) becomes
 * the matching error page; a bad id in the address is "page not found", never a 500.
 */
import { error } from '@sveltejs/kit';
import { DomainError } from '../errors';

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
