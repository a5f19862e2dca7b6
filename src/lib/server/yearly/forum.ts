/**
 * The forum's yearly report for its funders and members: a list of sections, each made by one
 * function from the partnership year's data through the owning feature's index. Adding a section
 * is one function here, one line in FORUM_SECTIONS, and its keys and words in
 * $lib/features/yearly (model.ts and labels.ts).
 */
import type { ForumData, ReportSection } from '$lib/features/yearly/model';
import { londonDate, partnershipYear, type Period } from '$lib/time';
import type { Db } from '../db';
import * as board from '../board';
import * as meetings from '../meetings';
import * as surveys from '../surveys';
import * as coproduction from '../coproduction';
import * as forum from '../forum';
import * as reach from '../reach';
import { ABOUT_YOU as MEMBER_ABOUT_YOU } from '$lib/features/forum/model';
import { categoryName, characteristicName } from '$lib/features/reach/labels';
import type { Category } from '$lib/features/reach/model';

type SectionBuilder = (db: Db, period: Period, now: Date) => ReportSection;

/** The forum's members at the year's end, and how many joined and left in it (totals: nobody is named). */
const membersSection: SectionBuilder = (db, period) => {
	const { membersAtEnd, joined, left } = forum.membershipIn(db, period);
	return {
		key: 'members',
		figures: [
			{ key: 'members_at_end', value: membersAtEnd },
			{ key: 'members_joined', value: joined },
			{ key: 'members_left', value: left }
		]
	};
};

/**
 * Who the forum reaches: members who agreed to be counted, per characteristic beside the local
 * SEND population, under-heard groups flagged, small numbers hidden ("[c]") by the reach
 * feature's protected comparison. Members as they are when the report is made (a member keeps
 * no history of their answers), which is why a report is frozen when published.
 */
const membersReachSection: SectionBuilder = (db) => {
	const percent = (share: number | null) => (share === null ? '[c]' : `${Math.round(share * 100)}%`);
	const rows = MEMBER_ABOUT_YOU.flatMap((characteristic) => {
		const c = reach.comparison(db, characteristic, forum.memberCounts(db, characteristic));
		return c.rows.map((r) => [
			characteristicName(characteristic, 'en'),
			categoryName(characteristic, r.category as Category<typeof characteristic>, 'en'),
			r.count === null ? '[c]' : String(r.count),
			percent(r.share),
			r.localShare === null ? '' : `${Math.round(r.localShare * 100)}%`,
			r.underHeard ? 'Under-heard' : r.underHeard === null ? '[c]' : ''
		]);
	});
	return {
		key: 'members_reach',
		figures: [],
		table: {
			columns: [
				{ key: 'characteristic', kind: 'text' },
				{ key: 'group', kind: 'text' },
				{ key: 'members', kind: 'text' },
				{ key: 'our_share', kind: 'text' },
				{ key: 'local_share', kind: 'text' },
				{ key: 'under_heard', kind: 'text' }
			],
			rows
		}
	};
};

/** Meetings held and who came, as the minutes record it (names never: counts). */
const meetingsSection: SectionBuilder = (db, period, now) => {
	const held = meetings.meetingsHeld(db, period, now);
	const sum = (f: (m: (typeof held)[number]) => number) => held.reduce((a, m) => a + f(m), 0);
	return {
		key: 'meetings',
		figures: [
			{ key: 'meetings_held', value: held.length },
			{ key: 'meetings_attended', value: sum((m) => m.attended) },
			{ key: 'meetings_guests', value: sum((m) => m.guests) },
			{ key: 'meetings_apologies', value: sum((m) => m.apologies) },
			{ key: 'meetings_minutes_published', value: held.filter((m) => m.minutesPublished).length }
		],
		table: {
			columns: [
				{ key: 'meeting', kind: 'text' },
				{ key: 'day', kind: 'day' },
				{ key: 'attended', kind: 'number' },
				{ key: 'guests', kind: 'number' },
				{ key: 'apologies', kind: 'number' }
			],
			rows: held.map((m) => [m.title, m.day, m.attended, m.guests, m.apologies])
		}
	};
};

/** Surveys open during the year and the responses sent in it. */
const surveysSection: SectionBuilder = (db, period) => {
	const list = surveys.surveysInPeriod(db, period);
	return {
		key: 'surveys',
		figures: [
			{ key: 'surveys_run', value: list.length },
			{ key: 'surveys_responses', value: list.reduce((a, s) => a + s.responses, 0) }
		],
		table: {
			columns: [
				{ key: 'survey', kind: 'text' },
				{ key: 'opens_on', kind: 'day' },
				{ key: 'closes_on', kind: 'day' },
				{ key: 'responses', kind: 'number' }
			],
			rows: list.map((s) => [s.title, s.opensOn, s.closesOn, s.responses])
		}
	};
};

/** "You said" items raised, answered by the date promised, and done: the board's responsiveness over the year. */
const youSaidSection: SectionBuilder = (db, period, now) => {
	const [r] = board.responsiveness(db, null, [period], now);
	return {
		key: 'you_said',
		figures: [
			{ key: 'you_said_raised', value: r.raised },
			{ key: 'you_said_due', value: r.due },
			{ key: 'you_said_answered_on_time', value: r.answeredOnTime },
			{ key: 'you_said_done', value: r.done },
			{ key: 'you_said_overdue', value: r.overdue }
		]
	};
};

/** Decisions the year recorded with how families were involved, by rung of the ladder, and how many were co-designed or co-produced. */
const coproductionSection: SectionBuilder = (db, period) => {
	const { counts, share } = coproduction.figuresIn(db, period, null);
	return {
		key: 'coproduction',
		figures: [
			{ key: 'coproduction_total', value: share.total },
			{ key: 'coproduction_shared', value: share.shared },
			{ key: 'coproduction_inform', value: counts.inform },
			{ key: 'coproduction_consult', value: counts.consult },
			{ key: 'coproduction_engage', value: counts.engage },
			{ key: 'coproduction_co_design', value: counts.co_design },
			{ key: 'coproduction_co_produce', value: counts.co_produce }
		]
	};
};

/**
 * The report's sections, in order.
 *
 * Adding one is one SectionBuilder here plus its keys in SECTION_KEYS / FIGURE_KEYS / COLUMN_KEYS
 * and their words in $lib/features/yearly/labels.ts; the pages and the CSV need nothing else.
 */
export const FORUM_SECTIONS: readonly SectionBuilder[] = [membersSection, membersReachSection, meetingsSection, surveysSection, youSaidSection, coproductionSection];

/** The forum report for the year starting in April of `year`, as the data stands now. */
export function buildForum(db: Db, year: number, now = new Date()): ForumData {
	const period = partnershipYear(year);
	return { kind: 'forum', year, period, madeOn: londonDate(now), sections: FORUM_SECTIONS.map((build) => build(db, period, now)) };
}
