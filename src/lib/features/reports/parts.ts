/**
 * A long report is read one part at a time: the whole area's standards, then each sector's. The
 * "at a glance" table still lists every standard (its figure and rating, linking to it in its
 * part), and "the whole report on one page" is always a link away, for reading through or
 * printing the board paper.
 *
 * Why: a full-area report of 60 standards is over half a megabyte of HTML. Rendering it takes the
 * server's one thread for tens of milliseconds each time it is opened, and every parent sending a
 * survey meanwhile waits; a part is a third of that. Browser-safe.
 */
import { SECTORS, type Sector } from '$lib/sectors';
import type { Figure, ReportData, StandardReport } from './types';

/** A report with more standards than this is shown in parts. */
export const ONE_PAGE_MOST = 20;

/** The address's value for the whole report on one page (`?part=all`). */
export const WHOLE_REPORT = 'all';

export type PartKey = 'area' | Sector;

/** What the "at a glance" table needs of every standard, shown in this part or not. */
export type GlanceRow = Pick<StandardReport, 'id' | 'statement' | 'statementLang' | 'unit' | 'service'> & { current: Pick<Figure, 'value' | 'missing' | 'rag'> };

export type ReportOutline = {
	/** The parts, in the report's order, with how many standards each has. */
	parts: { key: PartKey; standards: number }[];
	/** The part on this page, or the whole report. */
	shown: PartKey | typeof WHOLE_REPORT;
	/** Every standard of the report, for the "at a glance" table. */
	glance: GlanceRow[];
};

/** The part a standard is in: its service's sector, or the whole area's. */
export const partOf = (s: { service: { sector: Sector } | null }): PartKey => s.service?.sector ?? 'area';

/**
 * What a report page shows for the part asked for in its address (`?part=health`, `?part=all`):
 * the report with only that part's standards in full, and its outline; or, for a short report,
 * the whole report and no outline. An unknown or missing part is the first one.
 */
export function reportPage(data: ReportData, asked: string | null): { data: ReportData; outline: ReportOutline | null } {
	if (data.standards.length <= ONE_PAGE_MOST) return { data, outline: null };
	const keys: PartKey[] = ['area', ...SECTORS];
	const parts = keys
		.map((key) => ({ key, standards: data.standards.filter((s) => partOf(s) === key).length }))
		.filter((p) => p.standards > 0);
	const shown = asked === WHOLE_REPORT ? WHOLE_REPORT : (parts.find((p) => p.key === asked)?.key ?? parts[0].key);
	const glance = data.standards.map(({ id, statement, statementLang, unit, service, current }) => ({
		id,
		statement,
		statementLang,
		unit,
		service,
		current: { value: current.value, missing: current.missing, rag: current.rag }
	}));
	return {
		data: shown === WHOLE_REPORT ? data : { ...data, standards: data.standards.filter((s) => partOf(s) === shown) },
		outline: { parts, shown, glance }
	};
}
