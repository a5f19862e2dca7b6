/**
 * What organisers see of the forum's membership (issue 18, point 2): members at each month's end,
 * joined and left, and counts by each "about you" characteristic of the members who consented to
 * being counted, under the small-number rules. Nobody who did not consent is ever counted.
 */
import { and, count, eq, isNotNull, lte } from 'drizzle-orm';
import { londonDate, type Period } from '$lib/time';
import { CATEGORIES, type Category, type NamedLanguagesView, type ReachView } from '$lib/features/reach/model';
import { ABOUT_YOU, MONTHS_SHOWN, PREFER_NOT, type AboutYouCharacteristic } from '$lib/features/forum/model';
import type { Db } from '../db';
import { DEFAULT_DISCLOSURE, suppressBreakdown, type DisclosureRules } from '../disclosure';
import { ForbiddenError } from '../errors';
import { can, type Actor } from '../permissions';
import * as reach from '../reach';
import { forumLeavers, forumMember } from './schema';

const COLUMN = {
	need_area: forumMember.needArea,
	phase: forumMember.phase,
	support: forumMember.support,
	area: forumMember.area,
	ethnicity: forumMember.ethnicity,
	language: forumMember.language
} as const;

/**
 * The members who consented to being counted (and had joined by `asOf`), by category of one
 * characteristic. "Prefer not to say" and unanswered are left out. Raw counts, before any
 * suppression: for features that compare them with the local baseline and protect them there.
 */
export function memberCounts<C extends AboutYouCharacteristic>(db: Db, characteristic: C, asOf?: Date): Partial<Record<Category<C>, number>> {
	const column = COLUMN[characteristic];
	const rows = db
		.select({ value: column, confirmedAt: forumMember.confirmedAt })
		.from(forumMember)
		.where(and(isNotNull(forumMember.confirmedAt), isNotNull(forumMember.countConsentAt), asOf ? lte(forumMember.confirmedAt, asOf) : undefined))
		.all();
	const known = CATEGORIES[characteristic] as readonly string[];
	const counts: Partial<Record<Category<C>, number>> = {};
	for (const { value } of rows) {
		if (value === null || !known.includes(value)) continue;
		const key = value as Category<C>;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

export type MonthCount = { month: string; members: number; joined: number; left: number };

/** The last `months` London months, oldest first, as 'YYYY-MM'. */
function lastMonths(now: Date, months: number): string[] {
	const [y, m] = londonDate(now).split('-').map(Number);
	return Array.from({ length: months }, (_, i) => {
		const total = y * 12 + (m - 1) - (months - 1 - i);
		return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
	});
}

/**
 * Members at the end of each of the last MONTHS_SHOWN months (the current one so far), with how
 * many joined and left in it: from today's members and the leavers' counts. Organisers only.
 */
export function membershipOverTime(db: Db, actor: Actor, now = new Date()): MonthCount[] {
	if (!can(actor, 'forum.readCounts')) throw new ForbiddenError();
	const countMonth = monthCounter(db);
	return lastMonths(now, MONTHS_SHOWN).map(countMonth);
}

/**
 * Members, joined and left by month ('YYYY-MM'): members are those confirmed by the month's end
 * and not gone in it. From today's members and the leavers' counts (a leaver keeps no row).
 */
function monthCounter(db: Db): (month: string) => MonthCount {
	const joinedMonths = db
		.select({ at: forumMember.confirmedAt })
		.from(forumMember)
		.where(isNotNull(forumMember.confirmedAt))
		.all()
		.map((r) => londonDate(r.at!).slice(0, 7));
	const leavers = db.select().from(forumLeavers).all();
	return (month) => {
		let members = joinedMonths.filter((j) => j <= month).length;
		let joined = joinedMonths.filter((j) => j === month).length;
		let left = 0;
		for (const l of leavers) {
			if (l.joinedMonth <= month && l.leftMonth > month) members += l.count;
			if (l.joinedMonth === month) joined += l.count;
			if (l.leftMonth === month) left += l.count;
		}
		return { month, members, joined, left };
	};
}

/**
 * A period's membership in whole months: members at the end of its last month, how many joined
 * and how many left in it. Totals only, no person: what the forum's yearly report publishes.
 */
export function membershipIn(db: Db, period: Period): { membersAtEnd: number; joined: number; left: number } {
	const countMonth = monthCounter(db);
	const months: string[] = [];
	for (let month = period.start.slice(0, 7); month <= period.end.slice(0, 7); ) {
		months.push(month);
		const [y, m] = month.split('-').map(Number);
		month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
	}
	const counts = months.map(countMonth);
	return {
		membersAtEnd: counts.at(-1)?.members ?? 0,
		joined: counts.reduce((a, c) => a + c.joined, 0),
		left: counts.reduce((a, c) => a + c.left, 0)
	};
}

/** One characteristic's counts as organisers see them: each category, then "not said", each shown or hidden; the total. */
export type ReachTable = {
	characteristic: AboutYouCharacteristic;
	cells: { key: string; count: number | null }[];
	total: number | null;
};

/** Members not counted (no consent), and the counted members by characteristic, with small counts hidden. Organisers only. */
export function reachTables(db: Db, actor: Actor, rules: DisclosureRules = DEFAULT_DISCLOSURE): { counted: number; notCounted: number; tables: ReachTable[] } {
	if (!can(actor, 'forum.readCounts')) throw new ForbiddenError();
	const consenting = db.select().from(forumMember).where(and(isNotNull(forumMember.confirmedAt), isNotNull(forumMember.countConsentAt))).all();
	const members = db.select({ n: count() }).from(forumMember).where(isNotNull(forumMember.confirmedAt)).get()?.n ?? 0;
	const tables = ABOUT_YOU.map((characteristic): ReachTable => {
		const counts = memberCounts(db, characteristic) as Record<string, number>;
		const cells = (CATEGORIES[characteristic] as readonly string[]).map((key) => ({ key, count: counts[key] ?? 0 }));
		const said = cells.reduce((sum, c) => sum + c.count, 0);
		cells.push({ key: PREFER_NOT, count: consenting.length - said });
		const suppressed = suppressBreakdown(cells, consenting.length, rules);
		return {
			characteristic,
			cells: suppressed.cells.map((c) => ({ key: c.key, count: c.shown ? c.count : null })),
			total: suppressed.totalShown ? consenting.length : null
		};
	});
	return { counted: consenting.length, notCounted: members - consenting.length, tables };
}

/**
 * The languages counted members typed beside "another language", counted together with small
 * counts left out (reach's `namedLanguages`), to show beside `comparison`, the members' language
 * comparison; never tied to a member. Organisers only.
 */
export function otherLanguagesNamed(db: Db, actor: Actor, comparison: ReachView, rules?: DisclosureRules): NamedLanguagesView {
	if (!can(actor, 'forum.readCounts')) throw new ForbiddenError();
	const typed = db
		.select({ name: forumMember.otherLanguage })
		.from(forumMember)
		.where(and(isNotNull(forumMember.confirmedAt), isNotNull(forumMember.countConsentAt), eq(forumMember.language, 'other'), isNotNull(forumMember.otherLanguage)))
		.all()
		.map((r) => r.name!);
	return reach.namedLanguages(db, typed, comparison, rules);
}
