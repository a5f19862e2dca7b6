import type { Db } from '../db';
import type { Actor } from '../permissions';
import type { CsvCell } from '../csv';
import * as audit from '../audit';
import { csvRows, get } from './service';

/**
 * A report's figures as CSV rows, for the download. A draft is read by staff only, so its
 * download is an export and is audited; a published report is public and is not.
 * Throws like `get` (NotFoundError, ForbiddenError).
 */
export function csvDownload(db: Db, actor: Actor, id: number, now = new Date()): { status: 'draft' | 'published'; rows: CsvCell[][] } {
	const view = get(db, actor, id, now);
	const rows = csvRows(view.data);
	if (view.status !== 'published' && actor) {
		audit.record(db, { actorId: actor.id, action: 'report.exported', subjectType: 'report', subjectId: id, details: { rows: rows.length - 1 }, at: now });
	}
	return { status: view.status, rows };
}
