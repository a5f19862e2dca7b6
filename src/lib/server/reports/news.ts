/**
 * What reports tell the board's subscribers (issue 16, point 2): a report to the partnership board
 * published (what was asked, heard and done, and how the services did against their standards).
 */
import { and, eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import type { EventKind } from '../contributions';
import { report } from '../db/schema';
import * as subscriptions from '../subscriptions';

export const REPORT_PUBLISHED = 'reports.published';

export const REPORT_EVENTS: Record<string, EventKind> = {
	[REPORT_PUBLISHED]: {
		name: m.reports_event_published,
		recipients: subscriptions.recipientsOf(() => [{ topic: 'board', ref: '' }]),
		message: (db, id, locale) => {
			const row = db.select({ id: report.id, title: report.title }).from(report).where(and(eq(report.id, Number(id)), eq(report.status, 'published'))).get();
			if (!row) return null;
			return {
				subject: m.reports_email_published_subject({ title: row.title }, { locale }),
				paragraphs: [m.reports_email_published_body({ title: row.title }, { locale })],
				action: { label: m.reports_email_published_action({}, { locale }), path: `/reports/${row.id}` },
				because: ''
			};
		}
	}
};
