import type { Db } from './db';

/**
 * "What a report contains has changed": standards, their figures, the questions linked to them.
 *
 * Reports reuse a draft worked out a few seconds ago (reports/recent.ts). A feature whose change
 * alters what a report contains says so here, and the reports feature, which listens, forgets its
 * reused drafts. The features that change report inputs (standards, surveys) need not import
 * reports, and reports already depends on them: the direction stays one way, with no cycle.
 */
type Listener = (db: Db) => void;
const listeners = new Set<Listener>();

/** Called by the reports feature when it loads. Only it keeps anything to forget. */
export function whenReportInputsChange(listener: Listener): void {
	listeners.add(listener);
}

/** Tells whoever listens that what reports contain has changed in this database. */
export function reportInputsChanged(db: Db): void {
	for (const listener of listeners) listener(db);
}
