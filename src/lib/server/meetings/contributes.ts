/**
 * What meetings give the features that work across all of them (../contributions.ts): a person's
 * attendance, actions and minutes changes for "My data" and erasure; the demo meetings.
 */
import { show, type Contribution } from '../contributions';
import { seedMeetingsDemo } from './seed';
import { MEETING_EVENTS } from './news';
import { needsYou } from './service';

const { iso, text, num } = show;

/** Who a meeting action belongs to once its owner is erased (when the minutes named nobody else). */
export const FORMER_MEMBER = 'a former member';

export const contributes: Contribution = {
	feature: 'meetings',
	personalData: [
		{
			name: 'meeting attendance',
			table: 'meeting_attendance',
			about: 'Meetings you said you would come to, or sent apologies for.',
			sql: `select m.title, m.starts_at, a.kind, a.at from meeting_attendance a join meeting m on m.id = a.meeting_id
			      where a.user_id = :me order by m.starts_at`,
			show: { meeting: text('title'), 'meeting on': iso('starts_at'), 'you said': text('kind'), 'said on': iso('at') },
			personColumns: { 'meeting_attendance.user_id': 'delete' }
		},
		{
			name: 'meeting actions given to you',
			table: 'meeting_action',
			about: 'Actions from meeting minutes that were given to you.',
			sql: `select m.title, x.what, x.due_on, x.status from meeting_action x join meeting m on m.id = x.meeting_id
			      where x.owner_user_id = :me order by x.id`,
			show: { meeting: text('title'), action: text('what'), 'due on': text('due_on'), status: text('status') },
			personColumns: { 'meeting_action.owner_user_id': 'unlink' }
		},
		{
			name: 'minutes changes you made',
			table: 'meeting_minutes_version',
			about: 'Times you changed published minutes.',
			sql: `select m.title, v.version, v.replaced_at from meeting_minutes_version v join meeting m on m.id = v.meeting_id
			      where v.replaced_by = :me order by v.replaced_at`,
			show: { meeting: text('title'), version: num('version'), 'changed on': iso('replaced_at') },
			personColumns: { 'meeting_minutes_version.replaced_by': 'unlink' }
		}
	],

	// Their replies go; minutes keep their words without the link.
	erase: ({ person, unlink, asDecided }) => {
		asDecided('meeting_attendance.user_id');
		// an action keeps someone to follow it up: the name in the minutes, or "a former member"
		unlink(
			'meeting_action',
			`update meeting_action set owner_user_id = null,
			 owner_name = case when owner_name = '' and owner_service_id is null then ? else owner_name end
			 where owner_user_id = ?`,
			FORMER_MEMBER,
			person.id
		);
		asDecided('meeting_minutes_version.replaced_by');
	},
	seed: (db, now) => {
		seedMeetingsDemo(db, now);
	},
	// an agenda or minutes published, to the meetings' subscribers
	events: MEETING_EVENTS,
	needsYou
};
