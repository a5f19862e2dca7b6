/** What the reader may follow and see in a report (decided by the server for each page). */
export type ReportViewer = {
	/**
	 * The surveys whose results the reader may open (decided by the survey service): their questions
	 * link to their results; any other survey's questions are named without a link.
	 */
	openResults: readonly number[];
	/** Entered figures name who entered them (staff pages; never the public one). */
	showWhoEntered: boolean;
};

export type { ReportData, StandardReport, Figure, BreakdownRow } from '$lib/server/reports';
