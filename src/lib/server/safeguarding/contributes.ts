/**
 * What safeguarding gives the features that work across all of them (../contributions.ts): the
 * messages a person sent the leads, and their reviews and phrases, for "My data" and erasure.
 * (Flags on words that retention removes lose their copy of the words through `removeWordsOf`,
 * called by the feature that removes them.)
 */
import { ERASED_TEXT, show, type Contribution } from '../contributions';

const { iso, text, num } = show;

export const contributes: Contribution = {
	feature: 'safeguarding',
	personColumns: {
		'safeguarding_flag.person_id': { download: 'safeguarding messages you sent', erase: 'unlink and blank the words' },
		'safeguarding_flag.reviewed_by': { download: 'safeguarding reviews you made', erase: 'unlink' },
		'safeguarding_phrase.added_by': { download: 'safeguarding phrases you added', erase: 'unlink' }
	},
	personalData: [
		{
			name: 'safeguarding messages you sent',
			table: 'safeguarding_flag',
			about: 'Messages you sent to the safeguarding leads ("I\'m worried about something"), in your words.',
			rows: (q, id) =>
				q(`select text, raised_on from safeguarding_flag where person_id = ? and source = 'message' order by raised_on, id`, id).map((r) => ({
					message: text(r.text),
					'sent on': text(r.raised_on)
				}))
		},
		{
			name: 'safeguarding reviews you made',
			table: 'safeguarding_flag',
			about: 'Safeguarding flags you reviewed as a lead: the day and what you decided (not the words or your notes: they are about someone else).',
			rows: (q, id) =>
				q(
					`select id, reviewed_at, outcome from safeguarding_flag
					 where reviewed_by = ? and not (person_id = ? and source = 'message') order by reviewed_at`,
					id,
					id
				).map((r) => ({ flag: num(r.id), 'reviewed on': iso(r.reviewed_at), decision: text(r.outcome) }))
		},
		{
			name: 'safeguarding phrases you added',
			table: 'safeguarding_phrase',
			about: 'Words you added to the safeguarding list: the kind and the day (the list itself stays private to the leads).',
			rows: (q, id) =>
				q('select id, category, added_at from safeguarding_phrase where added_by = ? order by added_at', id).map((r) => ({
					phrase: num(r.id),
					kind: text(r.category),
					'added on': iso(r.added_at)
				}))
		}
	],

	// The leads keep their record of each flag, but not who it was about or the person's words
	// (messages they sent included).
	erase: ({ person, unlink }) => {
		unlink('safeguarding_flag', 'update safeguarding_flag set person_id = null, text = ? where person_id = ?', ERASED_TEXT, person.id);
		unlink('safeguarding_flag', 'update safeguarding_flag set reviewed_by = null where reviewed_by = ?', person.id);
		unlink('safeguarding_phrase', 'update safeguarding_phrase set added_by = null where added_by = ?', person.id);
	}
};
