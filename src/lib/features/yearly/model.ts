/**
 * Yearly reports, frozen when published: the Local Offer's "what you told us and what we did" and
 * the forum's report for funders and members. Each covers one partnership year (April to March,
 * `partnershipYear` in $lib/time), named by the year it starts in. The shapes here are what a
 * published report's snapshot holds, so pages render drafts and frozen reports alike.
 */
import type { BoardStatus, FeedbackStatus, LocalOfferAspect } from '$lib/features/board/model';
import type { Period } from '$lib/time';

export const YEARLY_KINDS = ['local_offer', 'forum'] as const;
export type YearlyKind = (typeof YEARLY_KINDS)[number];

/** The first part of each kind's public address (`/local-offer/2025`, `/forum-report/2025`) and of its staff page. */
export const KIND_PATHS: Record<YearlyKind, string> = { local_offer: 'local-offer', forum: 'forum-report' };

/** A kind from its address's first part, or null. */
export function kindOfPath(path: string): YearlyKind | null {
	return YEARLY_KINDS.find((k) => KIND_PATHS[k] === path) ?? null;
}

/** A year as it appears in an address: four digits, nothing else. */
export function yearOfParam(param: string): number | null {
	return /^(19|20)\d\d$/.test(param) ? Number(param) : null;
}

/* ---------------------------------------------------------------------------------------- */
/* The Local Offer report                                                                    */
/* ---------------------------------------------------------------------------------------- */

/** One "you said" about the Local Offer, from the public board, with every "we did" on it. */
export type LocalOfferEntry = {
	itemId: number;
	youSaid: string;
	easyRead: string | null;
	easyReadSymbol: string | null;
	voices: number;
	status: BoardStatus;
	heardOn: string;
	dueOn: string;
	firstAnsweredOn: string | null;
	answeredOnTime: boolean;
	weDid: { text: string; on: string; by: string | null; status: BoardStatus }[];
};

export type LocalOfferAspectPart = {
	aspect: LocalOfferAspect;
	entries: LocalOfferEntry[];
	/** The entries by status (every status, 0 included). */
	byStatus: Record<BoardStatus, number>;
	/** Items about this aspect heard in the year that are not on the public board: counted, never shown. */
	notPublic: number;
	/** Feedback about this aspect received in the year, by what became of it: counted, its words never shown. */
	feedback: Record<FeedbackStatus, number>;
};

export type LocalOfferData = {
	kind: 'local_offer';
	year: number;
	period: Period;
	/** The day the figures were worked out (a published report's: the day it was frozen). */
	madeOn: string;
	aspects: LocalOfferAspectPart[];
};

/* ---------------------------------------------------------------------------------------- */
/* The forum report: a list of sections                                                      */
/* ---------------------------------------------------------------------------------------- */

/**
 * Every key a forum report's section, figure or table column may have; their words are in
 * ./labels.ts. A new section adds its keys here, its words there, and its builder in
 * $lib/server/yearly/forum.ts.
 */
export const SECTION_KEYS = ['members', 'members_reach', 'meetings', 'surveys', 'you_said', 'coproduction'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];
export const FIGURE_KEYS = [
	'members_at_end',
	'members_joined',
	'members_left',
	'meetings_held',
	'meetings_attended',
	'meetings_guests',
	'meetings_apologies',
	'meetings_minutes_published',
	'surveys_run',
	'surveys_responses',
	'you_said_raised',
	'you_said_due',
	'you_said_answered_on_time',
	'you_said_done',
	'you_said_overdue',
	'coproduction_total',
	'coproduction_shared',
	'coproduction_inform',
	'coproduction_consult',
	'coproduction_engage',
	'coproduction_co_design',
	'coproduction_co_produce'
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export const COLUMN_KEYS = ['meeting', 'day', 'attended', 'guests', 'apologies', 'survey', 'opens_on', 'closes_on', 'responses', 'characteristic', 'group', 'members', 'our_share', 'local_share', 'under_heard'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type Cell = string | number | null;
/** How a column's cells read: words, a day ("YYYY-MM-DD"), or a number. */
export type ColumnKind = 'text' | 'day' | 'number';

export type ReportSection = {
	key: SectionKey;
	figures: { key: FigureKey; value: number }[];
	/** A table of what the figures count (each meeting, each survey), when there is one. */
	table?: { columns: { key: ColumnKey; kind: ColumnKind }[]; rows: Cell[][] };
};

export type ForumData = {
	kind: 'forum';
	year: number;
	period: Period;
	madeOn: string;
	sections: ReportSection[];
};

export type YearlyData = LocalOfferData | ForumData;
