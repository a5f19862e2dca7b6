/**
 * What the forum gives the features that work across all of them (../contributions.ts): a
 * person's membership and representative records for "My data" and erasure (erasing a member
 * counts them as a leaver, nothing more), unconfirmed joins and long-ended representatives'
 * records for retention, the confirmation and "manage my membership" emails, and the demo forum.
 */
import { m } from '$lib/paraglide/messages';
import { JOIN_CONFIRM_DAYS } from '$lib/features/forum/model';
import { show, type Contribution, type EventKind } from '../contributions';
import { forgetEndedRepresentatives } from './representatives';
import { CONFIRM_JOIN, MANAGE_LINK, countLeaver, forgetUnconfirmedJoins, memberForEmail } from './service';
import { seedForumDemo } from './seed';

const { iso, text, yes } = show;

/** Only the address the event names (the one who asked), at once. */
const theAddress: EventKind['recipients'] = [{ to: 'subscriber', ids: (_db, id, after) => (Number(id) > after ? [Number(id)] : []) }];

const confirmEmail: EventKind['message'] = (db, id, locale) => {
	const found = memberForEmail(db, Number(id));
	// confirmed meanwhile, or gone: nothing to ask
	if (!found || found.member.confirmedAt) return null;
	const o = { locale };
	return {
		subject: m.forum_email_confirm_subject({}, o),
		paragraphs: [m.forum_email_confirm_body({}, o), m.forum_email_confirm_days({ days: JOIN_CONFIRM_DAYS }, o), m.forum_email_confirm_not_you({}, o)],
		action: { label: m.forum_email_confirm_action({}, o), path: `/forum/confirm?${found.query}` },
		because: ''
	};
};

const manageEmail: EventKind['message'] = (db, id, locale) => {
	const found = memberForEmail(db, Number(id));
	if (!found || !found.member.confirmedAt) return null;
	const o = { locale };
	return {
		subject: m.forum_email_manage_subject({}, o),
		paragraphs: [m.forum_email_manage_body({}, o), m.forum_email_manage_not_you({}, o)],
		action: { label: m.forum_email_manage_action({}, o), path: `/forum/membership?${found.query}` },
		because: ''
	};
};

const ABOUT_COLUMNS = {
	"child's main area of need": text('need_area'),
	'school phase': text('phase'),
	'EHC plan or SEN support': text('support'),
	'part of the area': text('area'),
	'ethnic group': text('ethnicity'),
	'main language': text('language'),
	'the language you named': text('other_language')
};

export const contributes: Contribution<'unconfirmedForumJoins' | 'endedForumRepresentatives'> = {
	feature: 'forum',
	personalData: [
		{
			name: 'forum membership',
			table: 'forum_member',
			about: 'Your membership of the parent carer forum: when you joined, your consents (forum news by email, being counted in the forum\'s reach figures) with when you gave them, and what you told us about your family.',
			sql: `select * from forum_member where user_id = :me or email = (select lower(email) from user where id = :me) order by id`,
			show: {
				'joined on': iso('confirmed_at'),
				'asked on': iso('created_at'),
				'with your account': (row) => (row.user_id === null ? 'no' : 'yes'),
				'forum news by email since': iso('news_consent_at'),
				'counted in reach figures since': iso('count_consent_at'),
				...ABOUT_COLUMNS,
				'emails in': text('locale')
			},
			personColumns: { 'forum_member.user_id': 'delete' }
		},
		{
			name: 'forum representative roles',
			table: 'forum_representative',
			about: 'The boards and groups the forum recorded you as representing it on, your role, when, and whether your name may be shown publicly.',
			sql: `select * from forum_representative where user_id = :me order by starts_on`,
			show: { name: text('name'), role: text('role'), 'board or group': text('body'), from: text('starts_on'), until: text('ends_on'), 'name shown publicly': yes('name_public') },
			personColumns: { 'forum_representative.user_id': 'delete' }
		}
	],
	// their membership goes (counted as one leaver, nothing more), and their representative records
	erase: ({ tx, person, all, del, asDecided }) => {
		const rows = all<{ confirmed_at: number | null }>(
			'select confirmed_at from forum_member where user_id = ? or (email is not null and email = ?)',
			person.id,
			person.email ?? ''
		);
		for (const r of rows) if (r.confirmed_at !== null) countLeaver(tx, new Date(r.confirmed_at), new Date());
		if (person.email) del('forum_member', 'delete from forum_member where email = ?', person.email);
		asDecided('forum_member.user_id', 'forum_representative.user_id');
	},
	retention: {
		kinds: ['unconfirmedForumJoins', 'endedForumRepresentatives'],
		run: ({ tx, now }) => ({ unconfirmedForumJoins: forgetUnconfirmedJoins(tx, now), endedForumRepresentatives: forgetEndedRepresentatives(tx, now) })
	},
	events: {
		[CONFIRM_JOIN]: { name: m.forum_event_confirm_join, recipients: theAddress, message: confirmEmail },
		[MANAGE_LINK]: { name: m.forum_event_manage_link, recipients: theAddress, message: manageEmail }
	},
	seed: (db, now) => seedForumDemo(db, now)
};
