/**
 * Service standards and the board's report: the parts forms, pages and the server share.
 * Browser-safe. Periods, quarters and their words are in $lib/time.
 */

/**
 * Where a standard's figure comes from:
 * - survey: the share of positive answers to the survey questions linked to it;
 * - operational: a figure per period the service lead enters or imports (with a note);
 * - board_answered_on_time / board_overdue / board_done: worked out from "you said, we did";
 * - coproduction_share: the share of decisions in the co-production record co-designed or
 *   co-produced with families (a service's standard: decisions it made or took part in).
 */
export const MEASURE_KINDS = ['survey', 'operational', 'board_answered_on_time', 'board_overdue', 'board_done', 'coproduction_share'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_UNITS = ['percent', 'count', 'days'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The unit a measure kind is always in (operational figures choose theirs). */
export const FIXED_UNIT: Readonly<Partial<Record<MeasureKind, MeasureUnit>>> = {
	survey: 'percent',
	board_answered_on_time: 'percent',
	board_overdue: 'count',
	board_done: 'count',
	coproduction_share: 'percent'
};

export const REPORT_SCOPES = ['area', 'sector', 'service'] as const;
export type ReportScopeKind = (typeof REPORT_SCOPES)[number];

export const REPORT_STATUSES = ['draft', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
