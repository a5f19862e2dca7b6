/**
 * What waits for a person on the board (their home page's "What needs you"): items whose first
 * answer is overdue or due within a week, among those they may answer (an organiser: every item;
 * a service lead: the items about a service they lead), and feedback waiting in the organisers'
 * queue. Each count is what the linked page shows them.
 */
import { m } from '$lib/paraglide/messages';
import { londonDate } from '$lib/time';
import type { Need } from '../contributions';
import type { Db } from '../db';
import { can, type Actor } from '../permissions';
import { countTracked, DUE_SOON_DAYS, type TrackedFilter } from './service';
import { waitingCount } from './feedback';

/** The follow-up page filtered as the count was made. */
function followUpHref(filter: TrackedFilter): string {
	return `/manage/board?show=${filter.when === 'overdue' ? 'overdue' : 'due-soon'}${filter.yours ? '&yours' : ''}`;
}

/** The board's counts for this person: answers overdue, answers due soon, feedback waiting. */
export function needsYou(db: Db, actor: NonNullable<Actor>, now = new Date()): Need[] {
	const today = londonDate(now);
	// the items they may answer: for an organiser that is every item, so the list needs no narrowing
	const yours = !can(actor, 'board.manage');
	const overdue: TrackedFilter = { when: 'overdue', yours };
	const dueSoon: TrackedFilter = { when: 'due_soon', yours };
	const late = countTracked(db, actor, overdue, today);
	const soon = countTracked(db, actor, dueSoon, today);
	const feedback = waitingCount(db, actor);
	return [
		{ id: 'board.overdue', count: late, text: m.board_needs_overdue({ count: late }), href: followUpHref(overdue), urgency: 'overdue' },
		{ id: 'board.due_soon', count: soon, text: m.board_needs_due_soon({ count: soon, days: DUE_SOON_DAYS }), href: followUpHref(dueSoon), urgency: 'due_soon' },
		{ id: 'board.feedback_waiting', count: feedback, text: m.board_needs_feedback_waiting({ count: feedback }), href: '/manage/feedback', urgency: 'waiting' }
	] satisfies Need[];
}
