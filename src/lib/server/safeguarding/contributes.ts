/**
 * What safeguarding gives the features that work across all of them (../contributions.ts): the
 * messages a person sent the leads, and their reviews and phrases, for "My data" and erasure.
 * (Flags on words that retention removes lose their copy of the words through `removeWordsOf`,
 * called by the feature that removes them.)
 */
import { m } from '$lib/paraglide/messages';
import { ERASED_TEXT, show, type Contribution, type EventKind } from '../contributions';
import { peopleWithRole } from '../accounts';
import { FLAG_OVERDUE, FLAG_RAISED } from './events';
import { needsYou } from './service';

const { iso, text, num } = show;

/** Everyone who holds the lead role (and can be emailed): safeguarding emails cannot be turned off while the role is held. */
const leads: EventKind['recipients'][number] = { to: 'person', ids: (db, _subject, after, limit) => peopleWithRole(db, 'safeguarding_lead', after, limit) };

type Words = (inputs: Record<string, never>, options: { locale: Parameters<EventKind['message']>[2] }) => string;

/** A flag's email: its subject and first paragraph, then the same words for every flag email (no words of the flag, the queue's link, why). */
const flagEmail =
	(subject: Words, body: Words): EventKind['message'] =>
	(_db, _subject, locale) => ({
		subject: subject({}, { locale }),
		paragraphs: [body({}, { locale }), m.safeguarding_email_flag_no_words({}, { locale })],
		action: { label: m.safeguarding_email_flag_action({}, { locale }), path: '/safeguarding' },
		because: m.safeguarding_email_because({}, { locale })
	});

export const contributes: Contribution = {
	feature: 'safeguarding',
	personalData: [
		{
			name: 'safeguarding messages you sent',
			table: 'safeguarding_flag',
			about: 'Messages you sent to the safeguarding leads ("I\'m worried about something"), in your words.',
			sql: `select text, raised_on from safeguarding_flag where person_id = :me and source = 'message' order by raised_on, id`,
			show: { message: text('text'), 'sent on': text('raised_on') },
			personColumns: { 'safeguarding_flag.person_id': 'unlink and blank the words' }
		},
		{
			name: 'safeguarding reviews you made',
			table: 'safeguarding_flag',
			about: 'Safeguarding flags you reviewed as a lead: the day and what you decided (not the words or your notes: they are about someone else).',
			sql: `select id, reviewed_at, outcome from safeguarding_flag
			      where reviewed_by = :me and not (person_id = :me and source = 'message') order by reviewed_at`,
			show: { flag: num('id'), 'reviewed on': iso('reviewed_at'), decision: text('outcome') },
			personColumns: { 'safeguarding_flag.reviewed_by': 'unlink' }
		},
		{
			name: 'safeguarding phrases you added',
			table: 'safeguarding_phrase',
			about: 'Words you added to the safeguarding list: the kind and the day (the list itself stays private to the leads).',
			sql: 'select id, category, added_at from safeguarding_phrase where added_by = :me order by added_at',
			show: { phrase: num('id'), kind: text('category'), 'added on': iso('added_at') },
			personColumns: { 'safeguarding_phrase.added_by': 'unlink' }
		}
	],

	// The leads keep their record of each flag, but not who it was about or the person's words
	// (messages they sent included).
	erase: ({ person, unlink, asDecided }) => {
		unlink('safeguarding_flag', 'update safeguarding_flag set person_id = null, text = ? where person_id = ?', ERASED_TEXT, person.id);
		asDecided('safeguarding_flag.reviewed_by', 'safeguarding_phrase.added_by');
	},

	events: {
		// Only that a flag is waiting, and where to go: never its words, where it was written or who
		// wrote it (issue 16, point 4). The leads read those after signing in.
		[FLAG_RAISED]: { name: m.safeguarding_event_flag_raised, recipients: [leads], message: flagEmail(m.safeguarding_email_flag_subject, m.safeguarding_email_flag_body) },
		[FLAG_OVERDUE]: { name: m.safeguarding_event_flag_overdue, recipients: [leads], message: flagEmail(m.safeguarding_email_overdue_subject, m.safeguarding_email_overdue_body) }
	},

	// the leads' home page: how many flags wait and are overdue, never their words
	needsYou
};
