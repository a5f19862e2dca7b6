/**
 * What the profile pages share on the server: a visitor is sent to sign in (and brought back),
 * while a signed-in person the service turns away sees the friendly error page.
 */
import { ForbiddenError, ValidationError } from '../errors';
import { anyOf, refusal, type CodeHandlers, type Refused } from '../http';
import type { Actor } from '../permissions';

/**
 * Runs a profiles service call for a page or form. Returns what it returns; a visitor it refuses
 * is redirected to sign in; a refusal with a code in `codes` gives that handler's result (as
 * `refusal` does); other domain errors become their error page (403, 404...).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no handlers: only the error page
export function forPage<T, H extends CodeHandlers = {}>(actor: Actor, url: URL, call: () => T, codes: H = {} as H): T | Refused<H> {
	try {
		return call();
	} catch (e) {
		return refusal(e, codes, { signIn: actor ? undefined : url });
	}
}

/** A form's outcome: what the service returned, or a problem to show on the form. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; status: 400 | 403; problem: string };

/**
 * Runs a profiles service call for a form whose problems are shown on the form itself: a
 * ValidationError gives its code (400); a signed-in person refused gives 'forbidden' (403), for a
 * friendly line rather than an error page. Visitors and other errors go as with `forPage`.
 */
export function attempt<T>(actor: Actor, url: URL, call: () => T): Attempt<T> {
	try {
		return { ok: true, value: call() };
	} catch (e) {
		const problem = anyOf(ValidationError, (e): Attempt<T> => ({ ok: false, status: 400, problem: e.code }));
		const refused = anyOf(ForbiddenError, (): Attempt<T> => ({ ok: false, status: 403, problem: 'forbidden' }));
		return refusal(e, {}, actor ? { kinds: [problem, refused] } : { kinds: [problem], signIn: url });
	}
}
