/** What the reader may follow and see in a report (decided by the server for each page). */
export type ReportViewer = {
	/** Survey questions link to their results (those who may track surveys); otherwise their words only. */
	surveyLinks: boolean;
	/** Entered figures name who entered them (staff pages; never the public one). */
	showWhoEntered: boolean;
};

export type { ReportData, StandardReport, Figure, BreakdownRow } from '$lib/server/reports';
