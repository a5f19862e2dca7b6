/**
 * The one way a route refuses a person: the 403 error page, decided by `can()` (0039). Routes
 * call it before a load or action that has no service call of its own to decide; a service that
 * decides throws ForbiddenError, which `rethrowAsHttp` turns into the same page.
 */
import { error } from '@sveltejs/kit';
import { can, type Action, type Actor, type Resource } from '../permissions';

/** What the 403 page carries when no special message is given (the page shows its own words). */
export const FORBIDDEN = { message: 'Forbidden', code: 'forbidden' } as const;

/** Shows the 403 error page, with `message` if given (its code is always 'forbidden'). */
export function forbidden(message: string = FORBIDDEN.message): never {
	error(403, { message, code: FORBIDDEN.code });
}

/**
 * Goes on only if the actor may take this action (on this resource); otherwise the 403 error page.
 * Narrows the actor to a signed-in person, since no action that needs a guard is public.
 */
export function guard(actor: Actor, action: Action, options: { resource?: Resource; message?: string } = {}): asserts actor is NonNullable<Actor> {
	if (!actor || !can(actor, action, options.resource)) forbidden(options.message);
}
