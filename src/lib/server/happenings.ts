/**
 * Things that happened which operations counts (the figures behind GET /metrics): a survey
 * submitted, feedback sent, a sign-in failed or was held back, a card locked, an email that failed.
 *
 * The features that see them say so here and the operations feature, which listens, counts them.
 * Like report-inputs.ts, this keeps the direction one way: surveys, auth, profiles and the outbox
 * need not import operations. Only a kind is passed, never who or what was typed.
 */
export type Happening =
	| 'survey_submitted'
	| 'feedback_sent'
	| 'sign_in_failed'
	| 'sign_in_held_back'
	| 'card_locked'
	| 'email_failed'
	| 'email_given_up';

type Listener = (what: Happening, count: number) => void;
const listeners = new Set<Listener>();

/** Called by the operations feature at start. Returns a function that stops listening (for tests). */
export function whenItHappens(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Says that `what` happened `count` times (after the change that made it was committed). */
export function happened(what: Happening, count = 1): void {
	for (const listener of listeners) listener(what, count);
}
