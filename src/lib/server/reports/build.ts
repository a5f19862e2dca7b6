/**
 * Works out a board report: for a period and scope, every live standard with its value, target,
 * RAG and the rule behind it, the trend over the four periods before, the responses behind it and
 * (for survey measures) a 95% margin of error, breakdowns by respondent group and sector, the
 * board's responsiveness, what families told us and what matters to young people.
 *
 * Everything comes from running tallies, entered figures and small tables, never from scanning
 * answers, so a full-area report stays quick on the request thread. Disclosure rules are applied
 * here, before anything leaves the server: a hidden figure is not in the data at all.
 *
 * The result is plain JSON (no Dates), so a published report stores it as its frozen snapshot.
 */
import { RESPONDENT_GROUPS } from '$lib/features/surveys/model';
import { SECTORS, type Sector } from '$lib/sectors';
import type { MeasureKind, MeasureUnit, ReportScopeKind } from '$lib/features/standards/model';
import { previousPeriods, type Period } from '$lib/time';
import type { Db } from '../db';
import * as services from '../services';
import * as settings from '../settings';
import { linkedQuestions, reachCountsInPeriod, reportQuotes, reportThemes, standardTallies, type StandardTally } from '../surveys';
import * as reach from '../reach';
import type { ReachView } from '$lib/features/reach/model';
import { responsiveness, type Responsiveness } from '../board';
import { symbolCounts } from '../profiles';
import { rate, ruleText, type Rag } from '../standards';
import { marginOfError, wilson } from './wilson';
import { showCount, type CountDisplay, type DisclosureRules } from '../disclosure';
import { protectShares } from './shares';
import * as standards from '../standards';
import * as coproduction from '../coproduction';
import type { LevelCounts, SharedShare } from '$lib/features/coproduction/model';

export type ReportScope = { kind: ReportScopeKind; sector?: Sector | null; serviceId?: number | null };

/** One figure of a standard in one period, after disclosure rules. */
export type Figure = {
	/** The value to show; null when there is none or it is hidden. */
	value: number | null;
	/** Why there is no value: no data, or too few responses to show. */
	missing: 'no_data' | 'too_few' | null;
	rag: Rag | null;
	/** Responses (survey) or items (board) behind it, as it may be shown; null for entered figures. */
	basis: CountDisplay | null;
	/** Survey measures: the 95% Wilson interval, in percentage points (low, high) and half its width. */
	interval: { low: number; high: number; margin: number } | null;
	/** Entered figures: the period the figure is for, and its note. */
	figurePeriod?: Period;
	note?: string;
};

export type BreakdownRow = { key: string; share: number | null; responses: CountDisplay | null };

export type StandardReport = {
	id: number;
	statement: string;
	measure: string;
	/**
	 * The language the statement and measure are shown in, where not the page's: set by the public
	 * page over the frozen English (a content translation, decision 0059), never frozen itself.
	 */
	statementLang?: string;
	measureLang?: string;
	measureKind: MeasureKind;
	unit: MeasureUnit;
	direction: 'higher_better' | 'lower_better';
	target: number;
	amberFrom: number;
	rule: string;
	service: { id: number; name: string; sector: Sector } | null;
	current: Figure;
	/** The four periods before, oldest first. */
	trend: { period: Period; figure: Figure }[];
	/** Survey measures only: by respondent group and by sector (key 'area' for questions about no service). */
	byGroup: BreakdownRow[];
	bySector: BreakdownRow[];
	evidence: {
		questions: { surveyId: number; surveyTitle: string; questionId: number; text: string }[];
		figures: { periodStart: string; periodEnd: string; value: number; note: string; enteredBy: string | null; enteredAt: string }[];
		boardItemIds: number[];
	};
};

export type ReportData = {
	period: Period;
	scope: ReportScope & { label: string };
	generatedAt: string;
	rules: DisclosureRules;
	standards: StandardReport[];
	summary: Record<Rag | 'unrated', number>;
	board: { raised: number; due: number; answeredOnTime: number; overdue: number; done: number; items: Responsiveness['items'] };
	quotes: { text: string; surveyTitle: string; submittedOn: string }[];
	themes: { name: string; answers: CountDisplay }[];
	youngPeople: { shown: boolean; youngPeople: CountDisplay; symbols: { symbolId: string; youngPeople: CountDisplay }[] };
	/**
	 * Who we heard from: the answers to every survey's "about you" questions sent in the period,
	 * beside the local baseline, protected (whole-area reports only). Absent from reports made before it.
	 */
	heardFrom?: ReachView[];
	/**
	 * Co-production this period: decisions recorded by rung (in scope: those a scoped service
	 * decided or took part in) and the share co-designed or co-produced, with the ladder's words as
	 * they were. Decisions are not people: no disclosure rule applies. Absent from reports frozen
	 * before the co-production record existed.
	 */
	coproduction?: { counts: LevelCounts; share: SharedShare; ladder: coproduction.LadderRung[] };
};

/** A share as a percentage with one decimal (0.7125 -> 71.3). */
export const pct = (x: number) => Math.round(x * 1000) / 10;

/** The scope's services (null: every service) and its label. Throws NotFoundError for an unknown service. */
function scopeOf(db: Db, scope: ReportScope, all: services.ServiceWithLeads[]): { serviceIds: number[] | null; label: string } {
	if (scope.kind === 'service') {
		const s = services.get(db, scope.serviceId ?? -1);
		return { serviceIds: [s.id], label: s.name };
	}
	if (scope.kind === 'sector') {
		const sector = scope.sector && SECTORS.includes(scope.sector) ? scope.sector : 'education';
		return { serviceIds: all.filter((s) => s.sector === sector).map((s) => s.id), label: sector };
	}
	return { serviceIds: null, label: 'area' };
}

function surveyFigure(rows: StandardTally[], standard: standards.StandardSummary, rules: DisclosureRules): Figure {
	const n = rows.reduce((a, r) => a + r.answered, 0);
	const positive = rows.reduce((a, r) => a + r.positive, 0);
	if (n === 0) return { value: null, missing: 'no_data', rag: null, basis: showCount(0, rules), interval: null };
	if (n < rules.minimumForPercentage) return { value: null, missing: 'too_few', rag: null, basis: showCount(n, rules), interval: null };
	const value = pct(positive / n);
	const w = wilson(positive, n)!;
	return {
		value,
		missing: null,
		rag: rate(value, standard),
		basis: showCount(n, rules),
		interval: { low: pct(w.low), high: pct(w.high), margin: pct(marginOfError(positive, n)!) }
	};
}

/**
 * A breakdown of a survey figure, and whether the overall figure may still be shown beside it:
 * when the only way to protect a hidden group is to hide the total, the headline goes too.
 */
function breakdown(
	rows: StandardTally[],
	keyOf: (r: StandardTally) => string,
	keys: readonly string[],
	rules: DisclosureRules
): { rows: BreakdownRow[]; totalShareShown: boolean; totalNShown: boolean } {
	const cells = keys.map((key) => {
		const mine = rows.filter((r) => keyOf(r) === key);
		return { key, n: mine.reduce((a, r) => a + r.answered, 0), positive: mine.reduce((a, r) => a + r.positive, 0) };
	});
	const guarded = protectShares(cells, rules);
	return {
		rows: guarded.cells
			.filter((c) => c.n > 0)
			.map((c) => ({ key: c.key, share: c.shareShown ? pct(c.positive / c.n) : null, responses: c.nShown ? showCount(c.n, rules) : null })),
		totalShareShown: guarded.totalShareShown,
		totalNShown: guarded.totalNShown
	};
}

function boardFigure(kind: MeasureKind, r: Responsiveness, standard: standards.StandardSummary, rules: DisclosureRules): Figure {
	if (kind === 'board_answered_on_time') {
		if (r.due === 0) return { value: null, missing: 'no_data', rag: null, basis: showCount(0, rules), interval: null };
		const value = pct(r.answeredOnTime / r.due);
		// items on a public board are not people: their counts need no suppression
		return { value, missing: null, rag: rate(value, standard), basis: { kind: 'value', value: r.due }, interval: null };
	}
	const value = kind === 'board_overdue' ? r.overdue : r.done;
	return { value, missing: null, rag: rate(value, standard), basis: null, interval: null };
}

/** The share of decisions co-designed or co-produced in a period (a standard's measure): no value without decisions. */
function coproductionFigure(f: coproduction.CoproductionFigures, standard: standards.StandardSummary): Figure {
	if (f.share.percent === null) return { value: null, missing: 'no_data', rag: null, basis: { kind: 'value', value: 0 }, interval: null };
	// decisions, not people: the count behind the share needs no suppression
	return { value: f.share.percent, missing: null, rag: rate(f.share.percent, standard), basis: { kind: 'value', value: f.share.total }, interval: null };
}

function operationalFigure(figs: standards.FigureRow[], period: Period, standard: standards.StandardSummary): Figure {
	// the latest figure whose period lies inside the report's period
	const fig = figs.find((f) => f.periodStart >= period.start && f.periodEnd <= period.end);
	if (!fig) return { value: null, missing: 'no_data', rag: null, basis: null, interval: null };
	return {
		value: fig.value,
		missing: null,
		rag: rate(fig.value, standard),
		basis: null,
		interval: null,
		figurePeriod: { start: fig.periodStart, end: fig.periodEnd },
		note: fig.note
	};
}

/**
 * Builds the report for a period and scope, as plain JSON. `rules` default to the area's
 * disclosure settings. No permission check: callers decide who may see drafts and snapshots.
 */
export function buildReport(db: Db, period: Period, scope: ReportScope, now = new Date(), rules?: DisclosureRules): ReportData {
	const area = settings.get(db);
	const disclosure = rules ?? { minimumForPercentage: area.disclosureMinimumResponses, smallCountBelow: area.disclosureSmallCountBelow };
	const allServices = services.list(db, { includeArchived: true });
	const { serviceIds, label } = scopeOf(db, scope, allServices);
	const inScope = standards
		.list(db)
		.filter((s) => (serviceIds === null ? true : s.serviceId !== null && serviceIds.includes(s.serviceId)));
	const periods = [...previousPeriods(period, 4), period];
	const current = periods.length - 1;
	const serviceInfo = new Map(allServices.map((s) => [s.id, s]));

	const surveyIds = inScope.filter((s) => s.measureKind === 'survey').map((s) => s.id);
	const tallies = standardTallies(db, surveyIds, periods);
	const questions = linkedQuestions(db, surveyIds);
	const figures = standards.figuresOf(db, inScope.filter((s) => s.measureKind === 'operational').map((s) => s.id));
	// board measures are per service (or the whole area): work each scope out once
	const boardCache = new Map<string, Responsiveness[]>();
	const boardFor = (serviceId: number | null) => {
		const key = String(serviceId);
		if (!boardCache.has(key)) boardCache.set(key, responsiveness(db, serviceId === null ? null : [serviceId], periods, now));
		return boardCache.get(key)!;
	};

	const rows: StandardReport[] = inScope.map((s) => {
		const svc = s.serviceId === null ? null : serviceInfo.get(s.serviceId)!;
		let figureFor: (i: number) => Figure;
		let byGroup: BreakdownRow[] = [];
		let bySector: BreakdownRow[] = [];
		let boardItemIds: number[] = [];
		if (s.measureKind === 'survey') {
			const mine = tallies.filter((t) => t.standardId === s.id);
			figureFor = (i) => surveyFigure(mine.filter((t) => t.period === i), s, disclosure);
			const now_ = mine.filter((t) => t.period === current);
			const groups = breakdown(now_, (t) => t.group, RESPONDENT_GROUPS, disclosure);
			const sectors = breakdown(now_, (t) => t.sector ?? 'area', [...SECTORS, 'area'], disclosure);
			byGroup = groups.rows;
			bySector = sectors.rows;
			const plain = figureFor;
			figureFor = (i) => {
				const f = plain(i);
				if (i !== current) return f;
				// the headline beside the breakdowns must not let a hidden group be worked out
				if (!(groups.totalShareShown && sectors.totalShareShown) && f.value !== null) {
					Object.assign(f, { value: null, missing: 'too_few', rag: null, interval: null });
				}
				// a total already written "fewer than 5" gives nothing away; an exact one hidden to protect a group goes
				if (!(groups.totalNShown && sectors.totalNShown) && f.basis?.kind === 'value') f.basis = null;
				return f;
			};
		} else if (s.measureKind === 'operational') {
			const mine = figures.filter((f) => f.standardId === s.id);
			figureFor = (i) => operationalFigure(mine, periods[i], s);
		} else if (s.measureKind === 'coproduction_share') {
			// a service's standard counts the decisions it made or took part in; an area-wide one, all
			figureFor = (i) => coproductionFigure(coproduction.figuresIn(db, periods[i], s.serviceId === null ? null : [s.serviceId]), s);
		} else {
			const r = boardFor(s.serviceId);
			figureFor = (i) => boardFigure(s.measureKind, r[i], s, disclosure);
			const items = r[current].items;
			boardItemIds = s.measureKind === 'board_answered_on_time' ? items.due : s.measureKind === 'board_overdue' ? items.overdue : items.done;
		}
		return {
			id: s.id,
			statement: s.statement,
			measure: s.measure,
			measureKind: s.measureKind,
			unit: s.unit,
			direction: s.direction,
			target: s.target,
			amberFrom: s.amberFrom,
			rule: ruleText(s, s.unit),
			service: svc ? { id: svc.id, name: svc.name, sector: svc.sector } : null,
			current: figureFor(current),
			trend: periods.slice(0, current).map((p, i) => ({ period: p, figure: figureFor(i) })),
			byGroup,
			bySector,
			evidence: {
				questions: questions.filter((q) => q.standardId === s.id).map(({ standardId: _, ...q }) => q),
				figures: figures
					.filter((f) => f.standardId === s.id && f.periodEnd >= periods[0].start && f.periodStart <= period.end)
					.map((f) => ({ periodStart: f.periodStart, periodEnd: f.periodEnd, value: f.value, note: f.note, enteredBy: f.enteredBy, enteredAt: f.enteredAt.toISOString() })),
				boardItemIds
			}
		};
	});

	const summary: ReportData['summary'] = { green: 0, amber: 0, red: 0, unrated: 0 };
	for (const r of rows) summary[r.current.rag ?? 'unrated']++;
	const board = serviceIds === null ? boardFor(null)[current] : responsiveness(db, serviceIds, [period], now)[0];
	const youngPeople = symbolCounts(db, disclosure.minimumForPercentage);
	const together = coproduction.figuresIn(db, period, serviceIds);

	return {
		period,
		scope: { ...scope, label },
		generatedAt: now.toISOString(),
		rules: disclosure,
		standards: rows,
		summary,
		board: { raised: board.raised, due: board.due, answeredOnTime: board.answeredOnTime, overdue: board.overdue, done: board.done, items: board.items },
		quotes: reportQuotes(db, period, serviceIds).map(({ text, surveyTitle, submittedOn }) => ({ text, surveyTitle, submittedOn })),
		themes: reportThemes(db, period, serviceIds).map((t) => ({ name: t.name, answers: showCount(t.answers, disclosure) })),
		youngPeople: youngPeople.shown
			? {
					shown: true,
					youngPeople: showCount(youngPeople.youngPeople, disclosure),
					symbols: youngPeople.symbols.map((s) => ({ symbolId: s.symbolId, youngPeople: showCount(s.youngPeople, disclosure) }))
				}
			: // below the minimum even how many agreed stays vague
				{ shown: false, youngPeople: { kind: 'fewer_than', limit: disclosure.minimumForPercentage }, symbols: [] },
		heardFrom: serviceIds === null ? reachCountsInPeriod(db, period).map((c) => reach.comparison(db, c.characteristic, c.counts, disclosure)) : [],
		coproduction: { ...together, ladder: coproduction.ladder(db) }
	};
}

