/**
 * The partnership board's reports: a draft is worked out afresh from the data when it is read
 * (reused for a few seconds, see ./recent), board members comment on it, and an organiser or
 * admin publishes it. Publishing stores the whole report as a snapshot, so what the board
 * approved never changes afterwards, and the public can read it. Standards and figures are in ./standards, the working out in ./build.
 */
import { and, asc, count, desc, eq, notInArray, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import * as outbox from '../outbox';
import { REPORT_PUBLISHED } from './news';
import { SECTORS, type Sector } from '$lib/sectors';
import type { ReportScopeKind } from '$lib/features/standards/model';
import { isIsoDate, londonDate, quarterFrom, wholeMonths, type Period } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { report, reportComment, user, type Report } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as services from '../services';
import type { CsvCell } from '../csv';
import * as settings from '../settings';
import * as standards from '../standards';
import { crossTab } from '../surveys';
import { protectShares } from './shares';
import { showCount, type CountDisplay } from '../disclosure';
import type { Need } from '../contributions';
import { ABOUT_YOU, type AboutYou } from '$lib/features/surveys/model';
import { LEVELS } from '$lib/features/coproduction/model';
import { levelName } from '$lib/features/coproduction/labels';
import { categoryName, characteristicName } from '$lib/features/reach/labels';
import { buildReport, pct, type ReportData, type ReportScope } from './build';
import { forgetDrafts, recentDraft } from './recent';

export { buildReport } from './build';
export type { ReportData, ReportScope, StandardReport, Figure } from './build';

export type ReportInput = { title: string; period: Period; scope: ReportScopeKind; sector?: Sector | null; serviceId?: number | null };

/** The quarter a report covers by default: the last whole quarter before today. */
export function defaultPeriod(now = new Date()): Period {
	return quarterFrom(londonDate(now), -1);
}

function checkInput(db: Db, input: ReportInput): ReportInput {
	const title = input.title.replace(/\s+/g, ' ').trim();
	if (!title || title.length > 120) throw new ValidationError('title', 'Give the report a title of up to 120 letters.');
	if (!isIsoDate(input.period.start) || !isIsoDate(input.period.end)) throw new ValidationError('period', 'Give the period as two dates.');
	if (input.period.end < input.period.start) throw new ValidationError('period', 'The period must end on or after its first day.');
	if (input.scope === 'sector' && !(input.sector && SECTORS.includes(input.sector))) throw new ValidationError('sector', 'Choose a sector.');
	if (input.scope === 'service') services.get(db, input.serviceId ?? -1);
	return {
		title,
		period: input.period,
		scope: input.scope,
		sector: input.scope === 'sector' ? input.sector : null,
		serviceId: input.scope === 'service' ? input.serviceId : null
	};
}

/** What the new report form offers an organiser: the live services a report may be for. Throws ForbiddenError. */
export function newReportChoices(db: Db, actor: Actor): { services: { id: number; name: string; sector: Sector }[] } {
	if (!can(actor, 'reports.manage')) throw new ForbiddenError();
	return { services: services.list(db).map((s) => ({ id: s.id, name: s.name, sector: s.sector })) };
}

/** Starts a draft report. Returns its id. Throws ForbiddenError, ValidationError or NotFoundError. */
export function createDraft(db: Db, actor: Actor, input: ReportInput, now = new Date()): number {
	if (!can(actor, 'reports.manage')) throw new ForbiddenError();
	const clean = checkInput(db, input);
	return writeTransaction(db, (tx) => {
		const { id } = tx
			.insert(report)
			.values({
				title: clean.title,
				periodStart: clean.period.start,
				periodEnd: clean.period.end,
				scope: clean.scope,
				scopeSector: clean.sector ?? null,
				scopeServiceId: clean.serviceId ?? null,
				createdBy: actor!.id,
				createdAt: now
			})
			.returning({ id: report.id })
			.get();
		audit.record(tx, { actorId: actor!.id, action: 'report.drafted', subjectType: 'report', subjectId: id, at: now });
		return id;
	});
}

function find(db: Db, id: number): Report {
	const row = db.select().from(report).where(eq(report.id, id)).get();
	if (!row) throw new NotFoundError('report_not_found', 'There is no such report.');
	return row;
}

const scopeOfRow = (r: Report): ReportScope => ({ kind: r.scope, sector: r.scopeSector, serviceId: r.scopeServiceId });

export type ReportComment = { id: number; author: string | null; body: string; createdAt: Date };

export type ReportView = {
	id: number;
	title: string;
	status: 'draft' | 'published';
	publishedAt: Date | null;
	publishedBy: string | null;
	data: ReportData;
	comments: ReportComment[];
};

/**
 * A report as its reader may see it: a published one from its frozen snapshot (anyone); a draft
 * worked out now (staff who read reports). Throws NotFoundError or ForbiddenError.
 */
export function get(db: Db, actor: Actor, id: number, now = new Date()): ReportView {
	const row = find(db, id);
	if (row.status === 'published') {
		if (!can(actor, 'reports.readPublished')) throw new ForbiddenError();
	} else if (!can(actor, 'reports.read')) {
		// a draft is not public: to a visitor it does not exist
		if (!actor) throw new NotFoundError('report_not_found', 'There is no such report.');
		throw new ForbiddenError();
	}
	const data = row.status === 'published' && row.snapshot ? (JSON.parse(row.snapshot) as ReportData) : draftData(db, row, now);
	const publisher = row.publishedBy ? db.select({ name: user.name }).from(user).where(eq(user.id, row.publishedBy)).get() : undefined;
	return {
		id: row.id,
		title: row.title,
		status: row.status,
		publishedAt: row.publishedAt,
		publishedBy: publisher?.name ?? null,
		data,
		// comments are the board's working notes: staff only
		comments: can(actor, 'reports.read') ? comments(db, id) : []
	};
}

/**
 * A draft's figures, worked out now, or a moment ago for the same period, scope and disclosure
 * rules (see ./recent: continuous reading must not keep the server's thread busy).
 */
function draftData(db: Db, row: Report, now: Date): ReportData {
	const area = settings.get(db);
	const rules = { minimumForPercentage: area.disclosureMinimumResponses, smallCountBelow: area.disclosureSmallCountBelow };
	const period = { start: row.periodStart, end: row.periodEnd };
	const scope = scopeOfRow(row);
	return recentDraft(db, row.id, JSON.stringify([period, scope, rules]), now, () => buildReport(db, period, scope, now, rules));
}

function comments(db: Db, reportId: number): ReportComment[] {
	return db
		.select({ id: reportComment.id, author: user.name, body: reportComment.body, createdAt: reportComment.createdAt })
		.from(reportComment)
		.leftJoin(user, eq(user.id, reportComment.authorId))
		.where(eq(reportComment.reportId, reportId))
		.orderBy(asc(reportComment.createdAt), asc(reportComment.id))
		.all();
}

/** Adds a comment to a draft. Throws ForbiddenError, NotFoundError, ValidationError or ConflictError('published'). */
export function comment(db: Db, actor: Actor, reportId: number, body: string, now = new Date()): number {
	if (!can(actor, 'reports.comment')) throw new ForbiddenError();
	const text = body.trim();
	if (!text || text.length > 4000) throw new ValidationError('comment', 'Write a comment of up to 4000 letters.');
	const row = find(db, reportId);
	if (row.status === 'published') throw new ConflictError('published', 'This report is published: it can no longer be commented on.');
	return db.insert(reportComment).values({ reportId, authorId: actor!.id, body: text, createdAt: now }).returning({ id: reportComment.id }).get().id;
}

/**
 * The board members' count for their home page: drafts they have not commented on yet. Those who
 * publish reports (organisers) write the drafts: theirs is the next step, not a comment.
 */
export function needsYou(db: Db, actor: NonNullable<Actor>): Need[] {
	if (!can(actor, 'reports.comment') || can(actor, 'reports.manage')) return [];
	const commented = db.select({ id: reportComment.reportId }).from(reportComment).where(eq(reportComment.authorId, actor.id));
	const n = db.select({ n: count() }).from(report).where(and(eq(report.status, 'draft'), notInArray(report.id, commented))).get()?.n ?? 0;
	return [{ id: 'reports.to_comment', count: n, text: m.reports_needs_to_comment({ count: n }), href: '/manage/reports', urgency: 'waiting' }];
}

/**
 * Approves and publishes a draft: the report is worked out one last time and stored as its
 * snapshot, which nothing changes afterwards. Throws ForbiddenError, NotFoundError or
 * ConflictError('published').
 */
export function publish(db: Db, actor: Actor, reportId: number, now = new Date()): void {
	if (!can(actor, 'reports.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const row = find(tx, reportId);
		if (row.status === 'published') throw new ConflictError('published', 'This report is already published.');
		// `db`, not `tx`: one connection, so this reads inside the same transaction, and the report's
		// prepared statements belong to the connection
		const data = buildReport(db, { start: row.periodStart, end: row.periodEnd }, scopeOfRow(row), now);
		tx.update(report)
			.set({ status: 'published', snapshot: JSON.stringify(data), publishedAt: now, publishedBy: actor!.id })
			.where(and(eq(report.id, reportId), eq(report.status, 'draft')))
			.run();
		outbox.emit(tx, REPORT_PUBLISHED, reportId, now);
		audit.record(tx, { actorId: actor!.id, action: 'report.published', subjectType: 'report', subjectId: reportId, at: now });
	});
	// from now on it is read from its snapshot: the reused draft is of no more use
	forgetDrafts(db, reportId);
}

/** Removes a draft nobody needs. Published reports cannot be removed. */
export function removeDraft(db: Db, actor: Actor, reportId: number, now = new Date()): void {
	if (!can(actor, 'reports.manage')) throw new ForbiddenError();
	writeTransaction(db, (tx) => {
		const row = find(tx, reportId);
		if (row.status === 'published') throw new ConflictError('published', 'A published report cannot be removed.');
		tx.delete(report).where(eq(report.id, reportId)).run();
		audit.record(tx, { actorId: actor!.id, action: 'report.draft_removed', subjectType: 'report', subjectId: reportId, details: { title: row.title }, at: now });
	});
	forgetDrafts(db, reportId);
}

export type ReportSummary = { id: number; title: string; status: 'draft' | 'published'; period: Period; scope: ReportScopeKind; publishedAt: Date | null; createdAt: Date };

/** Every report, drafts and published, for the staff's reports page. Throws ForbiddenError. */
export function forStaff(db: Db, actor: Actor): ReportSummary[] {
	if (!can(actor, 'reports.read')) throw new ForbiddenError();
	return list(db, actor);
}

/** Reports the reader may see, newest first: published ones for everyone, drafts too for staff. */
export function list(db: Db, actor: Actor): ReportSummary[] {
	const staff = can(actor, 'reports.read');
	return db
		.select()
		.from(report)
		.where(staff ? undefined : eq(report.status, 'published'))
		.orderBy(desc(report.periodEnd), desc(report.id))
		.all()
		.map((r) => ({ id: r.id, title: r.title, status: r.status, period: { start: r.periodStart, end: r.periodEnd }, scope: r.scope, publishedAt: r.publishedAt, createdAt: r.createdAt }));
}

/**
 * The published reports that used a survey's answers as evidence for a standard, newest first:
 * what a survey receipt on /follow shows (public, like the reports themselves).
 */
export function publishedUsingSurvey(db: Db, surveyId: number): { id: number; title: string }[] {
	return db
		.select({ id: report.id, title: report.title })
		.from(report)
		.where(
			and(
				eq(report.status, 'published'),
				sql`exists (select 1 from json_each(${report.snapshot}, '$.standards') st, json_each(st.value, '$.evidence.questions') q
				            where json_extract(q.value, '$.surveyId') = ${surveyId})`
			)
		)
		.orderBy(desc(report.periodEnd), desc(report.id))
		.all();
}

const countText = (c: { kind: string; value?: number; limit?: number } | null) =>
	c === null ? '[hidden]' : c.kind === 'value' ? String(c.value) : c.kind === 'none' ? '0' : `fewer than ${c.limit}`;

/** Every figure of a report as CSV rows (header first): each standard's current value and trend, and breakdowns. */
export function csvRows(data: ReportData): CsvCell[][] {
	const HIDDEN = 'hidden to protect small groups';
	const rows: CsvCell[][] = [
		[
			'Standard',
			'Service',
			'Measure',
			'Period start',
			'Period end',
			'Breakdown',
			'Value',
			'Unit',
			'Target',
			'RAG',
			'Responses or items',
			'Margin of error (points)',
			'Why no value',
			'Local share',
			'Ratio to local share',
			'Under-heard'
		]
	];
	const { start, end } = data.period;
	for (const s of data.standards) {
		const service = s.service?.name ?? 'Whole area';
		const line = (p: Period, breakdown: string, f: ReportData['standards'][number]['current']) => [
			s.statement,
			service,
			s.measure,
			p.start,
			p.end,
			breakdown,
			f.value,
			s.unit,
			s.target,
			f.rag ?? '',
			f.basis ? countText(f.basis) : '',
			f.interval?.margin ?? '',
			f.missing === 'too_few' ? 'too few responses to show' : f.missing === 'no_data' ? 'no data' : ''
		];
		for (const t of s.trend) rows.push(line(t.period, 'all', t.figure));
		rows.push(line(data.period, 'all', s.current));
		for (const [kind, list] of [['group', s.byGroup], ['sector', s.bySector]] as const) {
			for (const b of list) {
				rows.push([s.statement, service, s.measure, start, end, `${kind}: ${b.key}`, b.share, 'percent', s.target, '', countText(b.responses), '', b.share === null ? HIDDEN : '']);
			}
		}
	}
	// Co-production this period (decisions, not people: nothing is hidden), in the scope's words.
	if (data.coproduction) {
		const { counts, share, ladder } = data.coproduction;
		const scope = data.scope.label;
		for (const level of LEVELS) {
			rows.push(['Co-production: how families were involved', scope, 'Decisions recorded', start, end, `level: ${levelName(level, ladder, 'en')}`, counts[level], 'decisions', '', '', '', '', '']);
		}
		rows.push([
			'Co-production: how families were involved',
			scope,
			'Share co-designed or co-produced with families',
			start,
			end,
			'all',
			share.percent,
			'percent',
			'',
			'',
			`${share.shared} of ${share.total}`,
			'',
			share.percent === null ? 'no data' : ''
		]);
	}
	// Who we heard from: each group's share beside its local share; a figure hidden on the page is hidden here.
	for (const view of data.heardFrom ?? []) {
		const measure = characteristicName(view.characteristic, 'en');
		for (const r of view.rows) {
			const shown = r.share !== null;
			rows.push([
				'Who we heard from',
				'Whole area',
				measure,
				start,
				end,
				`group: ${categoryName(view.characteristic, r.category as never, 'en')}`,
				shown ? pct(r.share!) : null,
				'percent',
				'',
				'',
				r.count ?? '',
				'',
				shown ? '' : r.count === null ? HIDDEN : '',
				r.localShare === null ? '' : pct(r.localShare),
				r.ratio === null ? '' : Math.round(r.ratio * 100) / 100,
				r.underHeard === null ? '' : r.underHeard ? 'yes' : 'no'
			]);
		}
	}
	return rows;
}

export type AboutYouBreakdown = { aboutYou: AboutYou; period: Period; rows: { label: string | null; share: number | null; responses: CountDisplay | null }[]; total: { share: number | null; responses: CountDisplay | null } };

/**
 * A survey standard's share of positive answers split by an "about you" answer (area, age band...)
 * over a period widened to whole months (`wholeMonths`: two overlapping custom periods cannot be
 * subtracted to isolate the few people who answered on the days between them), with the report's
 * disclosure rules. Returns the period actually used. Scans raw answers off the request thread.
 * Throws ForbiddenError, NotFoundError or ValidationError('standard_kind').
 */
export async function breakdownByAboutYou(db: Db, actor: Actor, standardId: number, asked: Period, aboutYou: AboutYou): Promise<AboutYouBreakdown> {
	if (!can(actor, 'reports.read')) throw new ForbiddenError();
	if (!ABOUT_YOU.includes(aboutYou)) throw new ValidationError('about_you', 'Choose what to split the answers by.');
	if (!isIsoDate(asked.start) || !isIsoDate(asked.end) || asked.end < asked.start) throw new ValidationError('period', 'Give the period as two dates.');
	const period = wholeMonths(asked);
	standards.checkSurveyStandard(db, standardId);
	const area = settings.get(db);
	const rules = { minimumForPercentage: area.disclosureMinimumResponses, smallCountBelow: area.disclosureSmallCountBelow };
	const rows = await crossTab(db, standardId, period, aboutYou);
	const guarded = protectShares(rows.map((r, i) => ({ key: String(i), n: r.answered, positive: r.positive })), rules);
	const totalN = rows.reduce((a, r) => a + r.answered, 0);
	const totalPositive = rows.reduce((a, r) => a + r.positive, 0);
	const share = (positive: number, n: number) => pct(positive / n);
	return {
		aboutYou,
		period,
		rows: guarded.cells.map((c, i) => ({
			label: rows[i].bucket,
			share: c.shareShown ? share(c.positive, c.n) : null,
			responses: c.nShown ? showCount(c.n, rules) : null
		})),
		total: {
			share: guarded.totalShareShown && totalN > 0 ? share(totalPositive, totalN) : null,
			responses: guarded.totalNShown ? showCount(totalN, rules) : null
		}
	};
}
