/**
 * "You said, we did": the words and rules both the browser and the server need.
 * Calendar days (heard on, due on) are ISO dates "YYYY-MM-DD" in Europe/London ($lib/time).
 */
export const BOARD_STATUSES = ['heard', 'working_on_it', 'done', 'not_possible'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export const BOARD_SOURCES = ['survey', 'meeting', 'direct_feedback', 'pupil_voice', 'other'] as const;
export type BoardSource = (typeof BOARD_SOURCES)[number];

/** Where an item may go next. A finished item can be reopened ("working on it") with a response. */
export const NEXT_STATUSES: Record<BoardStatus, readonly BoardStatus[]> = {
	heard: ['heard', 'working_on_it', 'done', 'not_possible'],
	working_on_it: ['working_on_it', 'done', 'not_possible'],
	done: ['done', 'working_on_it'],
	not_possible: ['not_possible', 'working_on_it']
};

export function canMoveTo(from: BoardStatus, to: BoardStatus): boolean {
	return NEXT_STATUSES[from].includes(to);
}

/** Who answers: a service (through its lead) or the forum (through an organiser). */
export const RESPONDERS = ['service', 'forum'] as const;
export type Responder = (typeof RESPONDERS)[number];

export const FEEDBACK_WHO = ['parent_carer', 'young_person', 'professional', 'other', 'prefer_not_to_say'] as const;
export type FeedbackWho = (typeof FEEDBACK_WHO)[number];

/**
 * What feedback or a board item about the Local Offer (the council's SEND information website) is
 * about: what it says, how easy it is to use, or how it was made. The Code of Practice asks the
 * council to publish these comments with its response: the yearly Local Offer report gathers them.
 */
export const LOCAL_OFFER_ASPECTS = ['content', 'accessibility', 'development'] as const;
export type LocalOfferAspect = (typeof LOCAL_OFFER_ASPECTS)[number];

/** A form's Local Offer answer ('' for "no" or not answered) as the column's value. */
export const localOfferFrom = (value: string): LocalOfferAspect | null =>
	(LOCAL_OFFER_ASPECTS as readonly string[]).includes(value) ? (value as LocalOfferAspect) : null;

export const FEEDBACK_STATUSES = ['new', 'made_item', 'merged', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** Normalises topic tags: trimmed, lower case, no repeats, no empties. */
export function parseTopics(text: string): string[] {
	return [...new Set(text.split(/[,،]/).map((t) => t.trim().toLowerCase()).filter(Boolean))].slice(0, 10);
}
