/**
 * Yearly reports: a draft is worked out from the data each time an organiser previews it; publishing
 * freezes it as a snapshot in `yearly_report`, which later data never changes, at a stable public
 * address (`/local-offer/2025`, `/forum-report/2025`). One report per kind and year (0056).
 */
import { and, desc, eq } from 'drizzle-orm';
import { YEARLY_KINDS, type YearlyData, type YearlyKind } from '$lib/features/yearly/model';
import { londonDate, partnershipYear, partnershipYearOf } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { user, yearlyReport } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import { buildLocalOffer } from './local-offer';
import { buildForum } from './forum';

/** How many past years the staff page offers to preview and publish. */
export const YEARS_OFFERED = 5;

const BUILDERS: Record<YearlyKind, (db: Db, year: number, now: Date) => YearlyData> = {
	local_offer: buildLocalOffer,
	forum: buildForum
};

/** The partnership year now (its start year). */
export const currentYear = (now = new Date()) => partnershipYearOf(londonDate(now));

function checkKindAndYear(kind: YearlyKind, year: number, now: Date): void {
	if (!YEARLY_KINDS.includes(kind)) throw new NotFoundError('report_not_found');
	// a year not begun has nothing to report; years before Chorus's time are not asked for
	if (!Number.isInteger(year) || year > currentYear(now) || year < 2000) throw new NotFoundError('report_not_found');
}

export type Publication = { publishedAt: Date; publishedBy: string | null };

export type YearlyView = { kind: YearlyKind; year: number; data: YearlyData; published: Publication | null };

function findPublished(db: Db, kind: YearlyKind, year: number) {
	return db
		.select({ snapshot: yearlyReport.snapshot, publishedAt: yearlyReport.publishedAt, publishedBy: user.name })
		.from(yearlyReport)
		.leftJoin(user, eq(user.id, yearlyReport.publishedBy))
		.where(and(eq(yearlyReport.kind, kind), eq(yearlyReport.year, year)))
		.get();
}

/**
 * A year's report for the staff: the published one, frozen, if there is one; otherwise a draft
 * worked out from today's data. Throws ForbiddenError, NotFoundError.
 */
export function preview(db: Db, actor: Actor, kind: YearlyKind, year: number, now = new Date()): YearlyView & { mayPublish: boolean; yearOver: boolean } {
	if (!can(actor, 'yearly.manage')) throw new ForbiddenError();
	checkKindAndYear(kind, year, now);
	const row = findPublished(db, kind, year);
	const yearOver = partnershipYear(year).end < londonDate(now);
	return {
		kind,
		year,
		data: row ? (JSON.parse(row.snapshot) as YearlyData) : BUILDERS[kind](db, year, now),
		published: row ? { publishedAt: row.publishedAt, publishedBy: row.publishedBy } : null,
		mayPublish: !row && yearOver,
		yearOver
	};
}

/**
 * Publishes a year's report: works it out one last time and freezes it. Only a year that has
 * ended, and only once per kind and year. Returns the report's id. Throws ForbiddenError,
 * NotFoundError, ValidationError('year_not_over'), ConflictError('already_published').
 */
export function publish(db: Db, actor: Actor, kind: YearlyKind, year: number, now = new Date()): number {
	if (!can(actor, 'yearly.manage')) throw new ForbiddenError();
	checkKindAndYear(kind, year, now);
	if (partnershipYear(year).end >= londonDate(now)) throw new ValidationError('year_not_over');
	return writeTransaction(db, (tx) => {
		if (findPublished(tx, kind, year)) throw new ConflictError('already_published');
		const data = BUILDERS[kind](tx, year, now);
		const { id } = tx
			.insert(yearlyReport)
			.values({ kind, year, snapshot: JSON.stringify(data), publishedAt: now, publishedBy: actor!.id })
			.returning({ id: yearlyReport.id })
			.get();
		audit.record(tx, { actorId: actor!.id, action: 'yearly.published', subjectType: 'yearly_report', subjectId: id, details: { kind, year }, at: now });
		return id;
	});
}

/** A published report as the public reads it (who published it is for staff only). Throws NotFoundError, ForbiddenError. */
export function published(db: Db, actor: Actor, kind: YearlyKind, year: number): { data: YearlyData; publishedAt: Date } {
	if (!can(actor, 'yearly.readPublished')) throw new ForbiddenError();
	if (!YEARLY_KINDS.includes(kind)) throw new NotFoundError('report_not_found');
	const row = findPublished(db, kind, year);
	if (!row) throw new NotFoundError('report_not_found');
	return { data: JSON.parse(row.snapshot) as YearlyData, publishedAt: row.publishedAt };
}

/** The years a kind of report is published for, newest first. Throws ForbiddenError. */
export function publishedYears(db: Db, actor: Actor, kind: YearlyKind): { year: number; publishedAt: Date }[] {
	if (!can(actor, 'yearly.readPublished')) throw new ForbiddenError();
	return db
		.select({ year: yearlyReport.year, publishedAt: yearlyReport.publishedAt })
		.from(yearlyReport)
		.where(eq(yearlyReport.kind, kind))
		.orderBy(desc(yearlyReport.year))
		.all();
}

export type StaffYear = { year: number; yearOver: boolean; published: Publication | null };

/**
 * For the staff page: each kind's last YEARS_OFFERED years (this one first, still running), each
 * published or not. Throws ForbiddenError.
 */
export function forStaff(db: Db, actor: Actor, now = new Date()): Record<YearlyKind, StaffYear[]> {
	if (!can(actor, 'yearly.manage')) throw new ForbiddenError();
	const rows = db
		.select({ kind: yearlyReport.kind, year: yearlyReport.year, publishedAt: yearlyReport.publishedAt, publishedBy: user.name })
		.from(yearlyReport)
		.leftJoin(user, eq(user.id, yearlyReport.publishedBy))
		.all();
	const current = currentYear(now);
	const today = londonDate(now);
	const years = Array.from({ length: YEARS_OFFERED }, (_, i) => current - i);
	return Object.fromEntries(
		YEARLY_KINDS.map((kind) => [
			kind,
			years.map((year) => {
				const row = rows.find((r) => r.kind === kind && r.year === year);
				return { year, yearOver: partnershipYear(year).end < today, published: row ? { publishedAt: row.publishedAt, publishedBy: row.publishedBy } : null };
			})
		])
	) as Record<YearlyKind, StaffYear[]>;
}
