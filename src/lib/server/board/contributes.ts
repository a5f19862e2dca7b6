/**
 * What the board gives the features that work across all of them (../contributions.ts): "we did"
 * answers and feedback replies a person wrote, for "My data" and erasure; feedback contact details
 * for retention; the demo board and feedback.
 */
import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { cutoffDay, show, type Contribution } from '../contributions';
import { feedback } from '../db/schema';
import * as subscriptions from '../subscriptions';
import { seedBoardDemo } from './seed';
import { ITEM_EVENTS } from './reminders';
import { NEWS_EVENTS } from './news';
import { needsYou } from './needs';

const { iso, yes, text, num } = show;

export const contributes: Contribution = {
	feature: 'board',
	personalData: [
		{
			name: 'board answers you wrote',
			table: 'board_response',
			about: 'Your "we did" answers on the "you said, we did" board.',
			sql: `select r.item_id, i.you_said, r.text, r.status_before, r.status_after, r.reason, r.created_at
			      from board_response r join board_item i on i.id = r.item_id where r.author_id = :me order by r.created_at`,
			show: {
				'board item': num('item_id'),
				'you said': text('you_said'),
				'we did': text('text'),
				'status before': text('status_before'),
				'status after': text('status_after'),
				reason: text('reason'),
				'written on': iso('created_at')
			},
			personColumns: { 'board_response.author_id': 'unlink' }
		},
		{
			name: 'feedback replies you wrote',
			table: 'feedback_reply',
			about: 'Replies you wrote to people who sent feedback.',
			sql: 'select feedback_id, text, emailed, created_at from feedback_reply where author_id = :me order by created_at',
			show: { feedback: num('feedback_id'), reply: text('text'), emailed: yes('emailed'), 'written on': iso('created_at') },
			personColumns: { 'feedback_reply.author_id': 'unlink' }
		}
	],

	// "We did" answers and replies keep their words, without an author.
	erase: ({ asDecided }) => asDecided('board_response.author_id', 'feedback_reply.author_id'),
	retention: {
		kinds: ['feedbackContacts'],
		// Feedback contact details, counted from the day the feedback was received. The feedback
		// itself (what happened) stays: it is not about the person, and the board may use it.
		run: ({ tx, now, settings }) => {
			if (settings.retainFeedbackContactDays <= 0) return { feedbackContacts: 0 };
			const expired = and(
				lt(feedback.receivedOn, cutoffDay(now, settings.retainFeedbackContactDays)),
				or(isNotNull(feedback.contactName), isNotNull(feedback.contactEmail), isNotNull(feedback.contactPhone), eq(feedback.consentToContact, true))
			);
			// their senders stop hearing about them too: the consent goes with the details
			const ids = tx.select({ id: feedback.id }).from(feedback).where(expired).all().map((r) => r.id);
			subscriptions.unfollowFeedback(tx, ids);
			return {
				feedbackContacts: tx.update(feedback).set({ contactName: null, contactEmail: null, contactPhone: null, consentToContact: false }).where(expired).run().changes
			};
		}
	},
	seed: (db, now) => {
		const added = seedBoardDemo(db, now);
		return { boardItems: added.items, feedback: added.feedback };
	},

	// reminders to the leads of an item's services while its first answer is due or late; news to
	// the board's subscribers and to feedback senders
	events: { ...ITEM_EVENTS, ...NEWS_EVENTS },
	needsYou
};
