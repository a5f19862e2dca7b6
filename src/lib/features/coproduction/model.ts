/**
 * Co-production: how families were involved in each decision, on the ladder of involvement the
 * partnership uses. Browser-safe: the levels, the bodies that decide, and the figures (counts by
 * level, the share co-designed or co-produced) that the public page, the board report and the
 * standard's measure all work out the same way.
 */
import { partnershipYear, partnershipYearOf, type Period } from '$lib/time';

/** The ladder, lowest rung first: families told, asked, involved, designing with, making with. */
export const LEVELS = ['inform', 'consult', 'engage', 'co_design', 'co_produce'] as const;
export type Level = (typeof LEVELS)[number];

/** The rungs the partnership counts as families sharing the work ("co-designed or co-produced"). */
export const SHARED_LEVELS: readonly Level[] = ['co_design', 'co_produce'];

export const isLevel = (v: unknown): v is Level => typeof v === 'string' && (LEVELS as readonly string[]).includes(v);

/** Which body decided or made it: the partnership board, the forum, one service, or another named in words. */
export const BODIES = ['partnership_board', 'forum', 'service', 'other'] as const;
export type Body = (typeof BODIES)[number];

/** What an entry may point at, each by its id. */
export const LINK_KINDS = ['agendaItem', 'survey', 'boardItem', 'standard'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** The symbol shown beside each level in the easy-read view (ids in $lib/symbols/catalogue). */
export const LEVEL_SYMBOLS = {
	inform: 'read',
	consult: 'question',
	engage: 'talk',
	co_design: 'idea',
	co_produce: 'group-work'
} as const satisfies Record<Level, string>;

/** Longest title, "what changed" and other body's name, in letters. */
export const TITLE_MAX = 200;
export const CHANGED_MAX = 2000;
export const BODY_NAME_MAX = 120;
/** The most people of one kind an entry may count (a typo guard, not a rule about meetings). */
export const PEOPLE_MAX = 10_000;
/** A level's edited name and meaning, in letters. */
export const LEVEL_NAME_MAX = 40;
export const LEVEL_MEANING_MAX = 200;

export type LevelCounts = Record<Level, number>;

/** How many entries sit at each level (every level present, 0 when none). */
export function countsByLevel(levels: Iterable<Level>): LevelCounts {
	const counts = Object.fromEntries(LEVELS.map((l) => [l, 0])) as LevelCounts;
	for (const level of levels) counts[level]++;
	return counts;
}

/** The share co-designed or co-produced: how many of how many, and the percentage (null with no entries). */
export type SharedShare = { shared: number; total: number; percent: number | null };

export function sharedShare(counts: LevelCounts): SharedShare {
	const total = LEVELS.reduce((a, l) => a + counts[l], 0);
	const shared = SHARED_LEVELS.reduce((a, l) => a + counts[l], 0);
	return { shared, total, percent: total === 0 ? null : Math.round((shared / total) * 1000) / 10 };
}

/**
 * Fewer decisions than this and the public page says "3 of 4" without a percentage: a share of a
 * handful of decisions says little. (Decisions are not people: no disclosure rule applies.)
 */
export const SHARE_NEEDS = 5;

/** The partnership years a list of days covers, newest first (for the year filter). */
export function yearsOf(days: Iterable<string>): number[] {
	return [...new Set([...days].map(partnershipYearOf))].sort((a, b) => b - a);
}

/** Whether a day falls in the partnership year that starts in April of `startYear`. */
export function inYear(day: string, startYear: number): boolean {
	const { start, end } = partnershipYear(startYear);
	return day >= start && day <= end;
}

/** Whether a day lies in a period (both ends included). */
export const inPeriod = (day: string, period: Period): boolean => day >= period.start && day <= period.end;
