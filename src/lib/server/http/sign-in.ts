/**
 * Where a person is sent to prove who they are: the sign-in page for a visitor, "Confirm it's you"
 * for a dangerous step, each coming back to this page afterwards.
 */
import { redirect } from '@sveltejs/kit';
import { signInHref } from '$lib/links';
import { ConfirmIdentityError } from '../errors';

/** This page's path and query, without a form action's `?/name`: where to come back to. */
export function pathHere(url: URL): string {
	const params = new URLSearchParams([...url.searchParams].filter(([key]) => !key.startsWith('/')));
	const query = params.size ? `?${params}` : '';
	return url.pathname + query;
}

/** The sign-in page, coming back to this page afterwards (without a form action's `?/name`). */
export function signInPath(url: URL): string {
	return signInHref(pathHere(url));
}

/** Sends a visitor to sign in and back to this page (303). */
export function loginRedirect(url: URL): never {
	redirect(303, signInPath(url));
}

/**
 * "Confirm it's you", then back to this page: where to send a person whose sign-in is not recent
 * enough for a dangerous step. A form action's `?/name` is left out: they come back to the page.
 */
export function confirmPath(url: URL): string {
	return `/confirm?next=${encodeURIComponent(pathHere(url))}`;
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
