/**
 * What subscriptions give the features that work across all of them (../contributions.ts): a
 * subscriber is not an account, but a signed-in person whose address subscribes sees it in
 * "My data" and erasing them removes it; unconfirmed subscriptions go after CONFIRM_WITHIN_DAYS;
 * the confirmation and "manage" emails.
 */
import { m } from '$lib/paraglide/messages';
import { CONFIRM_WITHIN_DAYS } from '$lib/features/subscriptions/model';
import { show, type Contribution, type EventKind } from '../contributions';
import { CONFIRM, MANAGE_LINK, forgetUnconfirmed, linkPaths, waitingTopics } from './service';
import { topicNames } from './topics';

const { iso, text, yes } = show;

/** Only the subscriber the event names (the one who asked), at once. */
const theSubscriber: EventKind['recipients'] = [
	{ to: 'subscriber', ids: (_db, id, after) => (Number(id) > after ? [Number(id)] : []) }
];

const confirmEmail: EventKind['message'] = (db, id, locale) => {
	const paths = linkPaths(db, Number(id));
	const waiting = waitingTopics(db, Number(id));
	// confirmed meanwhile, or gone: nothing to ask
	if (!paths || waiting.length === 0) return null;
	return {
		subject: m.subscriptions_confirm_subject({}, { locale }),
		paragraphs: [
			m.subscriptions_confirm_body({ topics: topicNames(db, waiting, locale).join('; ') }, { locale }),
			m.subscriptions_confirm_days({ days: CONFIRM_WITHIN_DAYS }, { locale }),
			m.subscriptions_confirm_not_you({ days: CONFIRM_WITHIN_DAYS }, { locale })
		],
		action: { label: m.subscriptions_confirm_action({}, { locale }), path: paths.confirm },
		because: ''
	};
};

const manageEmail: EventKind['message'] = (db, id, locale) => {
	const paths = linkPaths(db, Number(id));
	if (!paths) return null;
	return {
		subject: m.subscriptions_manage_subject({}, { locale }),
		paragraphs: [m.subscriptions_manage_body({}, { locale }), m.subscriptions_manage_not_you({}, { locale })],
		action: { label: m.subscriptions_manage_action({}, { locale }), path: paths.manage },
		because: ''
	};
};

export const contributes: Contribution<'unconfirmedSubscriptions'> = {
	feature: 'subscriptions',
	personalData: [
		{
			name: 'email subscriptions',
			table: 'subscription',
			about: 'What your email address follows by email (it is the same address as your account), whether you confirmed it, and since when.',
			sql: `select s.topic, s.ref, s.confirmed, s.created_at, r.locale, r.frequency
			      from subscription s join subscriber r on r.id = s.subscriber_id
			      where r.email = (select lower(email) from user where id = :me) order by s.id`,
			show: { follows: text('topic'), which: text('ref'), confirmed: yes('confirmed'), since: iso('created_at'), language: text('locale'), how: text('frequency') }
		}
	],
	// the address is the person's: it goes with them, and every email waiting for it
	erase: ({ person, del }) => {
		if (!person.email) return;
		del('subscription', 'delete from subscription where subscriber_id in (select id from subscriber where email = ?)', person.email);
		del('subscriber', 'delete from subscriber where email = ?', person.email);
	},
	retention: {
		kinds: ['unconfirmedSubscriptions'],
		run: ({ tx, now }) => ({ unconfirmedSubscriptions: forgetUnconfirmed(tx, now) })
	},
	events: {
		[CONFIRM]: { name: m.subscriptions_event_confirm, recipients: theSubscriber, message: confirmEmail },
		[MANAGE_LINK]: { name: m.subscriptions_event_manage_link, recipients: theSubscriber, message: manageEmail }
	}
};
