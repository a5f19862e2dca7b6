/**
 * Typed failures a service throws. Routes turn expected ones into form messages; anything
 * that escapes is rendered by +error.svelte with the status below (never as a bare 500).
 */
export class DomainError extends Error {
	readonly status: number = 400;
	constructor(
		/** A stable code routes map to a translated message. */
		readonly code: string,
		message?: string
	) {
		super(message ?? code);
		this.name = new.target.name;
	}
}

export class NotFoundError extends DomainError {
	override readonly status = 404;
}

export class ForbiddenError extends DomainError {
	override readonly status = 403;
	constructor(message = 'You do not have permission to do that.') {
		super('forbidden', message);
	}
}

export class ConflictError extends DomainError {
	override readonly status = 409;
}

export class ValidationError extends DomainError {
	override readonly status = 400;
}

/**
 * A dangerous step (erasing a person, changing roles, downloading personal data, opening a
 * safeguarding flag) needs the person to have proved who they are in the last 15 minutes.
 * Routes send them to "Confirm it's you" (/confirm) and back.
 */
export class ConfirmIdentityError extends DomainError {
	override readonly status = 401;
	constructor() {
		super('confirm_identity', 'Confirm it is you to do that.');
	}
}
