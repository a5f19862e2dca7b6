/**
 * Demo reports, on the demo standards (standards/seed.ts, added before): last-but-one quarter's
 * report published, last quarter's a draft, each with a board member's comment. Everything goes
 * through the service as the demo organiser and board member.
 */
import { count, eq } from 'drizzle-orm';
import { londonDate, periodLabel, quarterFrom, type Period } from '$lib/time';
import type { Db } from '../db';
import { report, user } from '../db/schema';
import type { Actor } from '../permissions';
import * as reports from './service';

/** Adds the demo reports if there are no reports yet. Returns how many. */
export function seedReportsDemo(db: Db, now = new Date()): number {
	if ((db.select({ n: count() }).from(report).get()?.n ?? 0) > 0) return 0;
	const idOf = (email: string) => db.select({ id: user.id }).from(user).where(eq(user.email, email)).get()?.id;
	const organiserId = idOf('organiser@example.org');
	const boardId = idOf('board@example.org');
	if (!organiserId) return 0;
	const organiser: Actor = { id: organiserId, roles: ['organiser'] };
	const today = londonDate(now);
	const [lastButOne, last] = [-2, -1].map((k) => quarterFrom(today, k));

	const title = (p: Period) => `Partnership board report: ${periodLabel(p)}`;
	const published = reports.createDraft(db, organiser, { title: title(lastButOne), period: lastButOne, scope: 'area' }, now);
	if (boardId) reports.comment(db, { id: boardId, roles: ['board_member'] }, published, 'Good to see EHC timeliness rising. Can we see the CAMHS plan at the next meeting?', now);
	reports.publish(db, organiser, published, now);
	const draft = reports.createDraft(db, organiser, { title: title(last), period: last, scope: 'area' }, now);
	if (boardId) reports.comment(db, { id: boardId, roles: ['board_member'] }, draft, 'Please add what families said about waiting times to the summary.', now);
	return 2;
}
