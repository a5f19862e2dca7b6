/**
 * Drafts worked out a moment ago, reused for a few seconds.
 *
 * A draft report is worked out from the live data each time it is read. That takes tens of
 * milliseconds on the server's one thread for a full-area report, and while it runs nothing else
 * does: a parent's survey waits behind it. When the board reads the draft together (everyone
 * opening it as a meeting starts) or a reader reloads it, the answer would be the same each time,
 * so it is worked out once and reused for `DRAFT_REUSE_MS`.
 *
 * A reused draft is never more than a few seconds behind the data, like any page left open. It
 * is keyed by what changes its working-out besides the data (period, scope and the disclosure
 * rules, which are settings: a changed threshold applies at once), and the reports feature's own
 * changes to what a report contains (standards, entered figures, publishing, removing a draft)
 * forget every reused draft of that database at once, so whoever made the change sees it on the
 * next page. Publishing never uses it: the snapshot is worked out afresh inside its transaction.
 *
 * The data handed out is shared between readers of the same draft: callers must not change it.
 */
import type { Db } from '../db';
import { whenReportInputsChange } from '../report-inputs';
import type { ReportData } from './build';

/** How long a worked-out draft is reused, in milliseconds. */
export const DRAFT_REUSE_MS = 5_000;

/** At most this many drafts are kept per database (the oldest goes first): a few hundred KB each. */
const MOST_KEPT = 8;

type Kept = { key: string; builtAt: number; data: ReportData };

const kept = new WeakMap<Db, Map<number, Kept>>();

/**
 * The draft `reportId`'s data worked out for `key` (what else its working-out depends on), reused
 * if it was worked out for the same key less than `DRAFT_REUSE_MS` before `now`; else `build()`,
 * kept for the next reader.
 */
export function recentDraft(db: Db, reportId: number, key: string, now: Date, build: () => ReportData): ReportData {
	let drafts = kept.get(db);
	if (!drafts) kept.set(db, (drafts = new Map()));
	const found = drafts.get(reportId);
	const age = found ? now.getTime() - found.builtAt : -1;
	if (found && found.key === key && age >= 0 && age < DRAFT_REUSE_MS) return found.data;
	const data = build();
	// re-inserting moves the draft to the end, so the first one is always the oldest
	drafts.delete(reportId);
	drafts.set(reportId, { key, builtAt: now.getTime(), data });
	while (drafts.size > MOST_KEPT) drafts.delete(drafts.keys().next().value!);
	return data;
}

/**
 * Forgets reused drafts: one report's (after it is published or removed), or every report's of
 * this database (after a change to what reports contain).
 */
export function forgetDrafts(db: Db, reportId?: number): void {
	if (reportId === undefined) kept.delete(db);
	else kept.get(db)?.delete(reportId);
}

// Standards and surveys say when what reports contain changes; every reused draft of that database goes.
whenReportInputsChange((db) => forgetDrafts(db));
