/**
 * Service standards and their operational figures. A standard belongs to a service, or to the
 * whole area; it says what is measured, the target and the amber threshold, and which way is
 * better. Survey questions link to it through the survey builder; board measures need nothing.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
	DIRECTIONS,
	FIXED_UNIT,
	MEASURE_KINDS,
	MEASURE_UNITS,
	type Direction,
	type MeasureKind,
	type MeasureUnit
} from '$lib/features/standards/model';
import { isIsoDate, londonDate, quarterFrom, type Period } from '$lib/time';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { periodText } from '$lib/features/reports/format';
import { writeTransaction, type Db } from '../db';
import { operationalFigure, service, standard, user, type Standard } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as services from '../services';
import { parseCsv } from '../csv';
import { linkedQuestions } from '../surveys';
import { checkThresholds } from './rag';
import { reportInputsChanged } from '../report-inputs';
import type { Need } from '../contributions';

export type StandardInput = {
	serviceId: number | null;
	statement: string;
	measure: string;
	measureKind: MeasureKind;
	unit: MeasureUnit;
	direction: Direction;
	target: number;
	amberFrom: number;
};

/** A problem with one field of a standard's form: the field and a plain message. */
export class StandardProblem extends ValidationError {
	constructor(
		readonly field: keyof StandardInput,
		message: string
	) {
		super(`standard_${field}`, message);
	}
}

function clean(db: Db, input: StandardInput): StandardInput {
	const statement = input.statement.replace(/\s+/g, ' ').trim();
	const measure = input.measure.replace(/\s+/g, ' ').trim();
	if (!statement || statement.length > 200) throw new StandardProblem('statement', 'Write the standard in up to 200 letters.');
	if (!measure || measure.length > 200) throw new StandardProblem('measure', 'Say what is measured, in up to 200 letters.');
	if (!MEASURE_KINDS.includes(input.measureKind)) throw new StandardProblem('measureKind', 'Choose where the figure comes from.');
	if (!DIRECTIONS.includes(input.direction)) throw new StandardProblem('direction', 'Choose whether higher or lower is better.');
	const unit = FIXED_UNIT[input.measureKind] ?? input.unit;
	if (!MEASURE_UNITS.includes(unit)) throw new StandardProblem('unit', 'Choose the unit of the figure.');
	const problem = checkThresholds(input.direction, input.target, input.amberFrom, unit);
	if (problem) throw new StandardProblem(/amber/i.test(problem) ? 'amberFrom' : 'target', problem);
	if (input.serviceId !== null) {
		const found = db.select({ id: service.id }).from(service).where(eq(service.id, input.serviceId)).get();
		if (!found) throw new StandardProblem('serviceId', 'Choose a service, or the whole area.');
	}
	return { ...input, statement, measure, unit };
}

/** Adds a standard. Returns its id. Throws ForbiddenError or StandardProblem. */
export function create(db: Db, actor: Actor, input: StandardInput, now = new Date()): number {
	if (!can(actor, 'standards.manage')) throw new ForbiddenError();
	const values = clean(db, input);
	const id = writeTransaction(db, (tx) => {
		const { id } = tx.insert(standard).values({ ...values, createdAt: now, updatedAt: now }).returning({ id: standard.id }).get();
		audit.record(tx, { actorId: actor!.id, action: 'standard.created', subjectType: 'standard', subjectId: id, details: values, at: now });
		return id;
	});
	// a draft read a moment ago lacks it: the next reader gets it worked out afresh
	reportInputsChanged(db);
	return id;
}

/**
 * Changes a standard. Its kind of measure cannot change once figures or questions depend on it:
 * make a new standard instead. Throws ForbiddenError, NotFoundError or StandardProblem.
 */
export function update(db: Db, actor: Actor, id: number, input: StandardInput, now = new Date()): void {
	if (!can(actor, 'standards.manage')) throw new ForbiddenError();
	const before = get(db, id);
	const values = clean(db, input);
	if (values.measureKind !== before.measureKind) {
		const figures = db.select({ n: sql<number>`count(*)` }).from(operationalFigure).where(eq(operationalFigure.standardId, id)).get()!.n;
		if (figures > 0 || linkedQuestions(db, [id]).length > 0) {
			throw new StandardProblem('measureKind', 'Figures or questions already measure this standard: make a new standard for a different measure.');
		}
	}
	writeTransaction(db, (tx) => {
		tx.update(standard).set({ ...values, updatedAt: now }).where(eq(standard.id, id)).run();
		audit.record(tx, { actorId: actor!.id, action: 'standard.updated', subjectType: 'standard', subjectId: id, details: { before, after: values }, at: now });
	});
	reportInputsChanged(db);
}

/** Archives (or brings back) a standard: archived ones leave new reports; published reports keep them. */
export function setArchived(db: Db, actor: Actor, id: number, archived: boolean, now = new Date()): void {
	if (!can(actor, 'standards.manage')) throw new ForbiddenError();
	get(db, id);
	writeTransaction(db, (tx) => {
		tx.update(standard).set({ archivedAt: archived ? now : null, updatedAt: now }).where(eq(standard.id, id)).run();
		audit.record(tx, { actorId: actor!.id, action: archived ? 'standard.archived' : 'standard.restored', subjectType: 'standard', subjectId: id, at: now });
	});
	reportInputsChanged(db);
}

/** One standard (or NotFoundError). No permission needed: standards are part of public reports. */
export function get(db: Db, id: number): Standard {
	const row = db.select().from(standard).where(eq(standard.id, id)).get();
	if (!row) throw new NotFoundError('standard_not_found', 'There is no such standard.');
	return row;
}

/** Throws unless the standard exists, is live and is measured by surveys (for the survey builder's link). */
export function checkSurveyStandard(db: Db, id: number): void {
	const row = get(db, id);
	if (row.archivedAt || row.measureKind !== 'survey') {
		throw new ValidationError('standard_kind', 'Choose a standard measured by survey answers.');
	}
}

export type StandardSummary = Standard & { serviceName: string | null; sector: string | null };

/** Standards with their service, area-wide first, then by service and statement. Live ones unless asked. */
export function list(db: Db, options: { includeArchived?: boolean; serviceIds?: readonly number[] | null; kind?: MeasureKind } = {}): StandardSummary[] {
	return db
		.select({ standard, serviceName: service.name, sector: service.sector })
		.from(standard)
		.leftJoin(service, eq(service.id, standard.serviceId))
		.where(
			and(
				options.includeArchived ? undefined : isNull(standard.archivedAt),
				options.serviceIds ? inArray(standard.serviceId, [...options.serviceIds, -1]) : undefined,
				options.kind ? eq(standard.measureKind, options.kind) : undefined
			)
		)
		.orderBy(sql`${standard.serviceId} IS NOT NULL`, asc(service.name), asc(standard.statement))
		.all()
		.map((r) => ({ ...r.standard, serviceName: r.serviceName, sector: r.sector }));
}

/** Throws ForbiddenError unless the person reads standards (staff and board members). */
function mustRead(actor: Actor): void {
	if (!can(actor, 'standards.read')) throw new ForbiddenError();
}

/** `list` for a person who reads standards (the staff pages). Throws ForbiddenError. */
export function listFor(db: Db, actor: Actor, options: Parameters<typeof list>[1] = {}): StandardSummary[] {
	mustRead(actor);
	return list(db, options);
}

/** One standard for a person who reads standards. Throws ForbiddenError, NotFoundError. */
export function getFor(db: Db, actor: Actor, id: number): Standard {
	mustRead(actor);
	return get(db, id);
}

/**
 * For the "figures to enter" page: the standards this person enters figures for, their figures
 * (newest first), the quarter figures are asked for now (the last whole quarter) and the standards
 * that have none for it yet. Throws ForbiddenError for someone who does not read standards.
 */
export function figuresToEnter(
	db: Db,
	actor: Actor,
	now = new Date()
): { list: StandardSummary[]; figures: (FigureRow & { standardId: number })[]; lastQuarter: Period; missing: number[] } {
	mustRead(actor);
	const list = forFigures(db, actor);
	const figures = figuresOf(db, list.map((s) => s.id));
	const lastQuarter = quarterFrom(londonDate(now), -1);
	const entered = new Set(figures.filter((f) => f.periodStart === lastQuarter.start && f.periodEnd === lastQuarter.end).map((f) => f.standardId));
	return { list, figures, lastQuarter, missing: list.filter((s) => !entered.has(s.id)).map((s) => s.id) };
}

/** The home page's count for those who enter figures: standards with no figure for the last quarter, as their "figures to enter" page marks them. */
export function needsYou(db: Db, actor: NonNullable<Actor>, now = new Date()): Need[] {
	if (!can(actor, 'standards.read')) return [];
	const { missing, lastQuarter } = figuresToEnter(db, actor, now);
	const n = missing.length;
	return [{ id: 'standards.figures_missing', count: n, text: m.standards_needs_figures({ count: n, period: periodText(lastQuarter, getLocale()) }), href: '/manage/standards/figures', urgency: 'waiting' }];
}

/** The live services a new standard may be for, for an organiser. Throws ForbiddenError. */
export function newStandardChoices(db: Db, actor: Actor): { services: { id: number; name: string }[] } {
	if (!can(actor, 'standards.manage')) throw new ForbiddenError();
	return { services: services.list(db).map((s) => ({ id: s.id, name: s.name })) };
}

/** The standards a person may enter figures for (operational ones of services they lead, or all for organisers). */
export function forFigures(db: Db, actor: Actor): StandardSummary[] {
	if (!actor) throw new ForbiddenError();
	const led = services.ledBy(db, actor.id);
	return list(db, { kind: 'operational' }).filter((s) => can(actor, 'standards.enterFigures', { serviceIds: s.serviceId ? [s.serviceId] : [], ledServiceIds: led }));
}

/**
 * The standards a person may import figures for. Throws ForbiddenError when there are none (the
 * import page and its template are for those who enter figures).
 */
export function forImport(db: Db, actor: Actor): StandardSummary[] {
	const list = forFigures(db, actor);
	if (list.length === 0) throw new ForbiddenError('You do not enter figures for any standard.');
	return list;
}

/**
 * A standard whose figures this person enters, for its figures page. Throws NotFoundError (no such
 * standard, or one that takes no entered figures: 'no_figures') or ForbiddenError.
 */
export function forEntering(db: Db, actor: Actor, standardId: number): Standard {
	const s = get(db, standardId);
	if (s.measureKind !== 'operational' || s.archivedAt) throw new NotFoundError('no_figures', 'This standard takes no entered figures.');
	mayEnter(db, actor, s);
	return s;
}

function mayEnter(db: Db, actor: Actor, s: Standard): void {
	const resource = { serviceIds: s.serviceId ? [s.serviceId] : [], ledServiceIds: actor ? services.ledBy(db, actor.id) : [] };
	if (!can(actor, 'standards.enterFigures', resource)) throw new ForbiddenError();
}

export type FigureInput = { period: Period; value: number; note: string };

/** Checks one figure for a standard; returns the problem in plain words, or null. */
function figureProblem(s: Standard, input: FigureInput): string | null {
	if (s.measureKind !== 'operational') return 'This standard is not measured by entered figures.';
	if (s.archivedAt) return 'This standard is archived.';
	if (!isIsoDate(input.period.start) || !isIsoDate(input.period.end)) return 'Give the period as two dates, like 2026-07-01 and 2026-09-30.';
	if (input.period.end < input.period.start) return 'The period must end on or after its first day.';
	if (!Number.isFinite(input.value)) return 'The figure must be a number.';
	if (input.value < 0 || (s.unit === 'percent' && input.value > 100)) {
		return s.unit === 'percent' ? 'A percentage must be between 0 and 100.' : 'The figure cannot be negative.';
	}
	if (input.note.length > 1000) return 'Keep the note to 1000 letters.';
	return null;
}

function saveFigure(tx: Db, actorId: number, standardId: number, input: FigureInput, now: Date): void {
	const note = input.note.trim();
	const before = tx
		.select({ value: operationalFigure.value, note: operationalFigure.note })
		.from(operationalFigure)
		.where(and(eq(operationalFigure.standardId, standardId), eq(operationalFigure.periodStart, input.period.start), eq(operationalFigure.periodEnd, input.period.end)))
		.get();
	tx.insert(operationalFigure)
		.values({ standardId, periodStart: input.period.start, periodEnd: input.period.end, value: input.value, note, enteredBy: actorId, enteredAt: now })
		.onConflictDoUpdate({
			target: [operationalFigure.standardId, operationalFigure.periodStart, operationalFigure.periodEnd],
			set: { value: input.value, note, enteredBy: actorId, enteredAt: now }
		})
		.run();
	audit.record(tx, {
		actorId,
		action: 'standard.figure_entered',
		subjectType: 'standard',
		subjectId: standardId,
		details: { period: input.period, before: before ?? null, after: { value: input.value, note } },
		at: now
	});
}

/**
 * Enters (or corrects) a standard's figure for a period, with a note. The change is audited with
 * the value before. Throws ForbiddenError, NotFoundError or ValidationError('figure').
 */
export function enterFigure(db: Db, actor: Actor, standardId: number, input: FigureInput, now = new Date()): void {
	const s = get(db, standardId);
	mayEnter(db, actor, s);
	const problem = figureProblem(s, input);
	if (problem) throw new ValidationError('figure', problem);
	writeTransaction(db, (tx) => saveFigure(tx, actor!.id, standardId, input, now));
	reportInputsChanged(db);
}

export type FigureRow = { id: number; periodStart: string; periodEnd: string; value: number; note: string; enteredBy: string | null; enteredAt: Date };

/** A standard's figures, newest period first. Throws ForbiddenError. */
export function figures(db: Db, actor: Actor, standardId: number): FigureRow[] {
	if (!can(actor, 'standards.read') && !can(actor, 'reports.read')) throw new ForbiddenError();
	return figuresOf(db, [standardId]).map(({ standardId: _, ...row }) => row);
}

/** Figures of several standards, newest period first (for reports; no permission check). */
export function figuresOf(db: Db, standardIds: readonly number[]): (FigureRow & { standardId: number })[] {
	if (standardIds.length === 0) return [];
	return db
		.select({
			id: operationalFigure.id,
			standardId: operationalFigure.standardId,
			periodStart: operationalFigure.periodStart,
			periodEnd: operationalFigure.periodEnd,
			value: operationalFigure.value,
			note: operationalFigure.note,
			enteredBy: user.name,
			enteredAt: operationalFigure.enteredAt
		})
		.from(operationalFigure)
		.leftJoin(user, eq(user.id, operationalFigure.enteredBy))
		.where(inArray(operationalFigure.standardId, [...standardIds]))
		.orderBy(desc(operationalFigure.periodEnd), asc(operationalFigure.standardId))
		.all();
}

/** The columns an import file has, in this order, with a header row. */
export const IMPORT_COLUMNS = ['standard', 'period_start', 'period_end', 'value', 'note'] as const;

export type ImportRow = { line: number; standardId: number | null; statement: string | null; input: FigureInput | null; problems: string[] };
export type ImportPreview = { rows: ImportRow[]; problems: number; fileProblem: string | null };

/**
 * Reads an import file into a preview: every row with what it would save and its problems,
 * named by line. Saves nothing. The standard column holds the standard's number (as shown on
 * the standards page). Throws ForbiddenError only if the person may enter no figures at all.
 */
export function previewImport(db: Db, actor: Actor, csv: string): ImportPreview {
	const allowed = new Map(forFigures(db, actor).map((s) => [s.id, s]));
	let table: string[][];
	try {
		table = parseCsv(csv);
	} catch (e) {
		return { rows: [], problems: 1, fileProblem: (e as Error).message };
	}
	if (table.length === 0) return { rows: [], problems: 1, fileProblem: 'The file is empty.' };
	const header = table[0].map((h) => h.trim().toLowerCase());
	if (IMPORT_COLUMNS.some((c, i) => header[i] !== c)) {
		return { rows: [], problems: 1, fileProblem: `The first line must name the columns: ${IMPORT_COLUMNS.join(', ')}.` };
	}
	if (table.length === 1) return { rows: [], problems: 1, fileProblem: 'The file has no figures under its first line.' };
	const seen = new Set<string>();
	const rows = table.slice(1).map((cells, i): ImportRow => {
		const line = i + 2;
		const problems: string[] = [];
		const [idText = '', start = '', end = '', valueText = '', note = ''] = cells.map((c) => c.trim());
		if (cells.length > IMPORT_COLUMNS.length) problems.push(`There are ${cells.length} values; expected ${IMPORT_COLUMNS.length}.`);
		const standardId = /^\d+$/.test(idText) ? Number(idText) : null;
		const s = standardId === null ? undefined : allowed.get(standardId);
		if (!s) problems.push(standardId === null ? 'The standard must be its number.' : `Standard ${idText} is not one you can enter figures for.`);
		const value = valueText === '' ? NaN : Number(valueText.replace(/%$/, ''));
		const input: FigureInput = { period: { start, end }, value, note };
		if (s) {
			const problem = figureProblem(s, input);
			if (problem) problems.push(problem);
		}
		const key = `${standardId}|${start}|${end}`;
		if (seen.has(key)) problems.push('The same standard and period appear on an earlier line.');
		seen.add(key);
		return { line, standardId, statement: s?.statement ?? null, input: problems.length ? null : input, problems };
	});
	return { rows, problems: rows.filter((r) => r.problems.length).length, fileProblem: null };
}

/**
 * Saves every figure of an import file, or none: if any row has a problem nothing is saved and
 * the preview comes back. Returns how many were saved (0 with problems).
 */
export function importFigures(db: Db, actor: Actor, csv: string, now = new Date()): { saved: number; preview: ImportPreview } {
	const preview = previewImport(db, actor, csv);
	if (preview.problems > 0 || preview.fileProblem) return { saved: 0, preview };
	writeTransaction(db, (tx) => {
		for (const row of preview.rows) saveFigure(tx, actor!.id, row.standardId!, row.input!, now);
	});
	reportInputsChanged(db);
	return { saved: preview.rows.length, preview };
}
