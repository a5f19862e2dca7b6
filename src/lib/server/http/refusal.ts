/**
 * The one way a route turns a service's expected refusal into what the person sees (0042):
 *
 *     try {
 *       surveys.update(db(), locals.user, id, input);
 *     } catch (e) {
 *       return refusal(e, {
 *         anonymity_fixed: (e) => setError(form, 'anonymity', errorMessage(e.code), { status: 409 }),
 *         closes_before_opens: (e) => setError(form, 'closesOn', errorMessage(e.code))
 *       });
 *     }
 *
 * A DomainError whose `code` has a handler gives that handler's result (a `fail`, `setError` or
 * `message`, whose types the action keeps); with `confirm` given, a ConfirmIdentityError goes to
 * "Confirm it's you" and back, and with `signIn` given (for a visitor) a ForbiddenError goes to sign
 * in and back; any other DomainError is the HTTP error page with its status; anything
 * else (a bug, or SvelteKit's own redirect or error thrown inside the try) is rethrown untouched.
 */
import { isActionFailure, redirect, type ActionFailure } from '@sveltejs/kit';
import { ConfirmIdentityError, DomainError, ForbiddenError } from '../errors';
import { rethrowAsHttp } from './errors';
import { confirmPath, loginRedirect } from './sign-in';

/** A handler for the refusals with one code: the error in, what the action returns out. */
export type CodeHandlers = Readonly<Record<string, (e: DomainError) => unknown>>;

/** A class of DomainError (for the few refusals that carry more than a code, such as a field). */
export type DomainErrorClass<E extends DomainError> = abstract new (...args: never[]) => E;

/** A handler for every refusal of one class, whatever its code (see `anyOf`). */
export type KindHandler<R = unknown> = { readonly kind: DomainErrorClass<DomainError>; readonly handle: (e: DomainError) => R };

/**
 * A handler for every refusal of one class, whatever its code: only for refusals that carry more
 * than a code (StandardProblem's `field`). Prefer handlers by code.
 */
export function anyOf<E extends DomainError, R>(kind: DomainErrorClass<E>, handle: (e: E) => R): KindHandler<R> {
	return { kind, handle: handle as (e: DomainError) => R };
}

/**
 * Handlers for a table of codes, each to its value (the field it is about, its message), or for a
 * list of codes handled alike (each to itself):
 * `refusal(e, forCodes(MEETING_ERROR_FIELDS, (field, e) => setError(form, field, errorMessage(e.code))))`.
 */
export function forCodes<C extends string, R>(codes: readonly C[], handle: (code: C, e: DomainError) => R): Record<C, (e: DomainError) => R>;
export function forCodes<C extends string, V, R>(table: Readonly<Record<C, V>>, handle: (value: V, e: DomainError) => R): Record<C, (e: DomainError) => R>;
export function forCodes<V, R>(table: readonly string[] | Readonly<Record<string, V>>, handle: (value: V | string, e: DomainError) => R): Record<string, (e: DomainError) => R> {
	const entries: [string, V | string][] = Array.isArray(table) ? table.map((code: string) => [code, code]) : Object.entries(table);
	return Object.fromEntries(entries.map(([code, value]) => [code, (e: DomainError) => handle(value, e)]));
}

export type RefusalOptions<K extends readonly KindHandler[]> = {
	/** This page's address: a ConfirmIdentityError goes to "Confirm it's you" and back here. */
	confirm?: URL;
	/** For a visitor, this page's address: a ForbiddenError sends them to sign in and back here. */
	signIn?: URL;
	/** Handlers by class, tried in order after the handlers by code. */
	kinds?: K;
};

/** What a handler by class gives (never for none). */
type KindResult<T> = T extends KindHandler<infer R> ? R : never;

/** What a handler by code gives (never for none). */
type CodeResult<T> = T extends (e: DomainError) => infer R ? R : never;

export type Refused<H extends CodeHandlers, K extends readonly KindHandler[] = []> = CodeResult<H[keyof H]> | KindResult<K[number]>;

/**
 * What an action returns for a service's refusal `e`: the handler for its code (or class), or
 * else the error page with its status (see above). Use as `catch (e) { return refusal(e, {...}) }`.
 */
export function refusal<H extends CodeHandlers, K extends readonly KindHandler[] = []>(e: unknown, codes: H, options: RefusalOptions<K> = {}): Refused<H, K> {
	if (e instanceof DomainError) {
		if (Object.hasOwn(codes, e.code)) return codes[e.code](e) as Refused<H, K>;
		for (const { kind, handle } of options.kinds ?? []) if (e instanceof kind) return handle(e) as Refused<H, K>;
		if (options.confirm && e instanceof ConfirmIdentityError) redirect(303, confirmPath(options.confirm));
		if (options.signIn && e instanceof ForbiddenError) loginRedirect(options.signIn);
	}
	rethrowAsHttp(e);
}


/**
 * Whether what a call gave is a form failure (`fail`, `setError`...): for calls that return either
 * their value or a refusal's result, so the action can `return` the failure and go on with the value.
 */
export function isFailure<T>(result: T): result is Extract<T, ActionFailure<unknown>> {
	return isActionFailure(result);
}
