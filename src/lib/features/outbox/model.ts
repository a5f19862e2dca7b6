/** Where one email to one person stands (the outbox, decision 0048). */
export const OUTBOX_STATUSES = [
	/** Not sent yet: due at once, or waiting for its next try after a failure. */
	'waiting',
	'sent',
	/** Given up on after the last try, or refused for good by the mail server: shown to admins, who may try again. */
	'dead',
	/** Not sent because there was no one to send it to any more (no email address, account turned off, the thing it was about gone). */
	'dropped'
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The waits between tries after a failure: 1 minute, 5 minutes, 30 minutes, 2 hours, 12 hours; then the delivery is dead. */
export const RETRY_BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;
