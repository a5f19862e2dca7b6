/**
 * What the outbox gives the features that work across all of them (../contributions.ts): the
 * emails sent to a person (which event, when, whether it went), for "My data" and erasure. The
 * emails' words are not kept: they are made when sent, from the thing the event is about.
 */
import { show, type Contribution } from '../contributions';

const { text, num } = show;

export const contributes: Contribution = {
	feature: 'outbox',
	personalData: [
		{
			name: 'emails we sent you',
			table: 'outbox_delivery',
			about: 'Emails Chorus sent you, or is about to send you: what about, the day, and whether it went.',
			sql: `select e.kind, e.happened_on, d.status, d.attempts, d.done_on
			      from outbox_delivery d join outbox_event e on e.id = d.event_id
			      where d.user_id = :me order by d.id`,
			show: { about: text('kind'), 'happened on': text('happened_on'), status: text('status'), tries: num('attempts'), 'sent on': text('done_on') },
			personColumns: { 'outbox_delivery.user_id': 'delete' }
		},
		{
			name: 'emails you turned off',
			table: 'outbox_choice',
			about: 'The kinds of email you asked us not to send you.',
			sql: 'select kind from outbox_choice where user_id = :me order by kind',
			show: { email: text('kind') },
			personColumns: { 'outbox_choice.user_id': 'delete' }
		}
	],
	erase: ({ asDecided }) => asDecided('outbox_delivery.user_id', 'outbox_choice.user_id')
};
