/**
 * "My data" (UK GDPR right of access): everything Chorus holds about the signed-in person, as one
 * zip of JSON, a CSV per kind of record and a plain-words README.
 *
 * Data rights are by nature about every table, so this module reads other features' tables
 * directly (read-only), rather than asking each feature's service. `coverage.ts` lists every
 * column that points at a person and which kind of record below holds its rows; a test checks that
 * list against the database, so a new table cannot be missed silently.
 *
 * Never in the bundle: password hashes, session ids, token hashes, card code and passcode hashes
 * (secrets, and useless to the person), and other people's private words (the profiles of young
 * people someone supports belong to those young people; a safeguarding lead's notes are the
 * leads' record).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { formatDate, londonDate } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import { ForbiddenError } from '../errors';
import * as audit from '../audit';
import { toCsv, type CsvCell } from '../csv';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** One kind of record: its plain name, its CSV file, what it is (for the README), its rows. */
export type Kind = { name: string; file: string; about: string; rows: Row[] };

export type MyData = {
	person: { id: number; name: string };
	madeAt: Date;
	kinds: Kind[];
	/** The profile photo (JPEG), when the person is a young person with one. */
	photo: Uint8Array | null;
};

type Query = (sql: string, ...params: unknown[]) => Record<string, unknown>[];

const iso = (ms: unknown): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const day = (ms: unknown): string | null => (typeof ms === 'number' ? londonDate(new Date(ms)) : null);
const yes = (value: unknown): string => (value ? 'yes' : 'no');
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** `table` is where the rows come from (the tests count them there). */
type KindSpec = { name: string; table: string; about: string; rows: (q: Query, id: number) => Row[] };

/**
 * Every kind of record, in the order the README lists them. Each query names the person with `?`
 * (their user id). Kinds that share a table never hold the same row twice.
 */
export const KINDS: KindSpec[] = [
	{
		name: 'account',
		table: 'user',
		about: 'Your name, your email (if you have one) and when your account was made.',
		rows: (q, id) =>
			q('select id, name, email, created_at, disabled_at, password_hash is not null as has_password from user where id = ?', id).map((r) => ({
				'your number': num(r.id),
				name: text(r.name),
				email: text(r.email),
				'account made': iso(r.created_at),
				'turned off': iso(r.disabled_at),
				'has a password': yes(r.has_password)
			}))
	},
	{
		name: 'roles',
		table: 'user_role',
		about: 'What you do in Chorus (for example parent carer, supporter, young person).',
		rows: (q, id) => q('select role from user_role where user_id = ? order by role', id).map((r) => ({ role: text(r.role) }))
	},
	{
		name: 'sessions',
		table: 'session',
		about: 'The times you are signed in on a phone or computer: the day it started and the day it ends.',
		rows: (q, id) =>
			q('select created_at, expires_at from session where user_id = ? order by created_at', id).map((r) => ({
				'started on': day(r.created_at),
				'ends on': day(r.expires_at)
			}))
	},
	{
		name: 'set-password links',
		table: 'password_token',
		about: 'Links we sent you to set your password: when they were made, when they stop working, when you used them.',
		rows: (q, id) =>
			q('select purpose, created_at, expires_at, used_at from password_token where user_id = ? order by created_at', id).map((r) => ({
				why: r.purpose === 'invite' ? 'invitation' : 'new password',
				'made on': day(r.created_at),
				'stops working on': day(r.expires_at),
				'used on': day(r.used_at)
			}))
	},
	{
		name: 'two-step sign-in',
		table: 'two_step',
		about: 'Whether you use a code from an authenticator app to sign in, and since when. The secret your app holds is not here.',
		rows: (q, id) => q('select enabled_at from two_step where user_id = ?', id).map((r) => ({ 'turned on': iso(r.enabled_at) }))
	},
	{
		name: 'recovery codes',
		table: 'recovery_code',
		about: 'Your recovery codes (for when you lose your phone): which are used and when. The codes themselves are secret: they are not here.',
		rows: (q, id) =>
			q('select id, used_at from recovery_code where user_id = ? order by id', id).map((r, i) => ({
				code: i + 1,
				'used on': day(r.used_at)
			}))
	},
	{
		name: 'sign-ins waiting for a code',
		table: 'sign_in_challenge',
		about: 'Sign-ins where your password was right and the code from your app was still to come (they last 10 minutes).',
		rows: (q, id) =>
			q('select created_at, expires_at from sign_in_challenge where user_id = ? order by created_at', id).map((r) => ({
				started: iso(r.created_at),
				'stops working': iso(r.expires_at)
			}))
	},
	{
		name: 'sign-in card',
		table: 'young_person',
		about: 'Your sign-in card: your year group, who made it and when you last signed in. Your code and pictures are secret: they are not here.',
		rows: (q, id) =>
			q(
				`select y.year_group, y.created_at, y.last_sign_in_at, y.passcode_hash is not null as has_passcode, m.name as made_by
				 from young_person y left join user m on m.id = y.created_by where y.user_id = ?`,
				id
			).map((r) => ({
				'year group': text(r.year_group),
				'made on': iso(r.created_at),
				'made by': text(r.made_by),
				'last signed in on': day(r.last_sign_in_at),
				'pictures chosen': yes(r.has_passcode)
			}))
	},
	{
		name: 'young people you added',
		table: 'young_person',
		about: 'Young people whose account you made, by their number (their profile belongs to them).',
		rows: (q, id) =>
			q('select user_id, created_at from young_person where created_by = ? and user_id <> ? order by created_at', id, id).map((r) => ({
				'young person number': num(r.user_id),
				'added on': iso(r.created_at)
			}))
	},
	{
		name: 'supporters linked',
		table: 'profile_supporter',
		about: 'The supporters who can see your profile, and when they were added.',
		rows: (q, id) =>
			q(
				`select s.name, ps.linked_at from profile_supporter ps left join user s on s.id = ps.supporter_id
				 where ps.young_person_id = ? order by ps.linked_at`,
				id
			).map((r) => ({ supporter: text(r.name), 'added on': iso(r.linked_at) }))
	},
	{
		name: 'young people you support',
		table: 'profile_supporter',
		about: 'The young people whose profile you can see, and since when.',
		rows: (q, id) =>
			q(
				`select ps.young_person_id, y.name, ps.linked_at from profile_supporter ps left join user y on y.id = ps.young_person_id
				 where ps.supporter_id = ? and ps.young_person_id <> ? order by ps.linked_at`,
				id,
				id
			).map((r) => ({ 'young person number': num(r.young_person_id), 'young person': text(r.name), 'since': iso(r.linked_at) }))
	},
	{
		name: 'supporter links you made',
		table: 'profile_supporter',
		about: 'Times you let a supporter see a young person\'s profile (numbers only).',
		rows: (q, id) =>
			q(
				`select young_person_id, supporter_id, linked_at from profile_supporter
				 where linked_by = ? and young_person_id <> ? and supporter_id <> ? order by linked_at`,
				id,
				id,
				id
			).map((r) => ({ 'young person number': num(r.young_person_id), 'supporter number': num(r.supporter_id), 'linked on': iso(r.linked_at) }))
	},
	{
		name: 'profile',
		table: 'profile',
		about: 'Your one-page profile: its version, when it was last changed and checked, and whether your pictures are counted.',
		rows: (q, id) =>
			q(
				`select p.version, p.updated_at, p.reviewed_at, r.name as reviewed_by, p.count_my_symbols
				 from profile p left join user r on r.id = p.reviewed_by where p.young_person_id = ?`,
				id
			).map((r) => ({
				version: num(r.version),
				'last changed': iso(r.updated_at),
				'last checked': iso(r.reviewed_at),
				'checked by': text(r.reviewed_by),
				'count my pictures': yes(r.count_my_symbols)
			}))
	},
	{
		name: 'profiles you marked reviewed',
		table: 'profile',
		about: 'Young people\'s profiles you said were still right (numbers only: the profiles belong to the young people).',
		rows: (q, id) =>
			q('select young_person_id, reviewed_at from profile where reviewed_by = ? and young_person_id <> ?', id, id).map((r) => ({
				'young person number': num(r.young_person_id),
				'checked on': iso(r.reviewed_at)
			}))
	},
	{
		name: 'profile photo',
		table: 'profile_photo',
		about: 'The photo on your profile and what it shows. The photo itself is the file profile-photo.jpg.',
		rows: (q, id) =>
			q('select description, updated_at from profile_photo where young_person_id = ?', id).map((r) => ({
				'what it shows': text(r.description),
				'added on': iso(r.updated_at),
				file: 'profile-photo.jpg'
			}))
	},
	{
		name: 'profile items',
		table: 'profile_item',
		about: 'Everything on your profile: the part, the picture, the words, and who wrote it.',
		rows: (q, id) =>
			q(
				`select i.section, i.symbol_id, i.words, i.position, i.written_by, w.name as writer, i.created_at, i.updated_at
				 from profile_item i left join user w on w.id = i.written_by where i.young_person_id = ? order by i.section, i.position, i.id`,
				id
			).map((r) => ({
				part: text(r.section),
				picture: text(r.symbol_id),
				words: text(r.words),
				place: num(r.position),
				'written by': r.written_by === id ? 'you' : (text(r.writer) ?? 'a supporter'),
				'added on': iso(r.created_at),
				'changed on': iso(r.updated_at)
			}))
	},
	{
		name: 'profile items you wrote for others',
		table: 'profile_item',
		about: 'Things you wrote on young people\'s profiles: where and when, not the words (the profiles belong to the young people).',
		rows: (q, id) =>
			q('select young_person_id, section, created_at, updated_at from profile_item where written_by = ? and young_person_id <> ? order by created_at', id, id).map(
				(r) => ({ 'young person number': num(r.young_person_id), part: text(r.section), 'added on': iso(r.created_at), 'changed on': iso(r.updated_at) })
			)
	},
	{
		name: 'profile versions',
		table: 'profile_version',
		about: 'Every saved version of your profile: when, who saved it, what changed, and everything it held then.',
		rows: (q, id) =>
			q(
				`select v.number, v.saved_at, v.saved_by, s.name as saver, v.change, v.snapshot
				 from profile_version v left join user s on s.id = v.saved_by where v.young_person_id = ? order by v.number`,
				id
			).map((r) => ({
				version: num(r.number),
				'saved on': iso(r.saved_at),
				'saved by': r.saved_by === id ? 'you' : (text(r.saver) ?? 'a supporter'),
				change: text(r.change),
				'what it held': text(r.snapshot)
			}))
	},
	{
		name: 'profile saves you made for others',
		table: 'profile_version',
		about: 'Times you saved a change to a young person\'s profile (numbers only).',
		rows: (q, id) =>
			q('select young_person_id, number, saved_at, change from profile_version where saved_by = ? and young_person_id <> ? order by saved_at', id, id).map(
				(r) => ({ 'young person number': num(r.young_person_id), version: num(r.number), 'saved on': iso(r.saved_at), change: text(r.change) })
			)
	},
	{
		name: 'profile share links',
		table: 'profile_share_link',
		about: 'Links that let someone read your profile: who each is for, who made it, and when it stops working.',
		rows: (q, id) =>
			q(
				`select l.id, l.label, m.name as maker, l.created_by, l.created_at, l.expires_at, l.revoked_at
				 from profile_share_link l left join user m on m.id = l.created_by where l.young_person_id = ? order by l.created_at`,
				id
			).map((r) => ({
				link: num(r.id),
				'for whom': text(r.label),
				'made by': r.created_by === id ? 'you' : text(r.maker),
				'made on': iso(r.created_at),
				'stops working on': iso(r.expires_at),
				'stopped on': iso(r.revoked_at)
			}))
	},
	{
		name: 'share links you made for others',
		table: 'profile_share_link',
		about: 'Share links you made for young people\'s profiles (numbers and dates only).',
		rows: (q, id) =>
			q('select young_person_id, created_at, expires_at, revoked_at from profile_share_link where created_by = ? and young_person_id <> ? order by created_at', id, id).map(
				(r) => ({ 'young person number': num(r.young_person_id), 'made on': iso(r.created_at), 'stops working on': iso(r.expires_at), 'stopped on': iso(r.revoked_at) })
			)
	},
	{
		name: 'share link openings',
		table: 'profile_share_open',
		about: 'Each time someone opened one of your share links: which link and when (we never keep who).',
		rows: (q, id) =>
			q(
				`select o.share_link_id, l.label, o.opened_at from profile_share_open o join profile_share_link l on l.id = o.share_link_id
				 where l.young_person_id = ? order by o.opened_at`,
				id
			).map((r) => ({ link: num(r.share_link_id), 'for whom': text(r.label), 'opened on': iso(r.opened_at) }))
	},
	{
		name: 'survey responses',
		table: 'survey_response',
		about: 'Surveys you answered with your name (not anonymous ones): which survey, the day you sent it, the language.',
		rows: (q, id) =>
			q(
				`select r.id, s.title, r.submitted_on, r.locale, r.respondent_group from survey_response r join survey s on s.id = r.survey_id
				 where r.account_id = ? order by r.submitted_on, r.id`,
				id
			).map((r) => ({ response: text(r.id), survey: text(r.title), 'sent on': text(r.submitted_on), language: text(r.locale), group: text(r.respondent_group) }))
	},
	{
		name: 'survey answers',
		table: 'survey_answer',
		about: 'Your answers in those surveys: the question and what you chose or wrote.',
		rows: (q, id) =>
			q(
				`select a.response_id, qn.text as question, o.label as choice, a.text, a.quoted
				 from survey_answer a join survey_response r on r.id = a.response_id
				 join survey_question qn on qn.id = a.question_id left join survey_option o on o.id = a.option_id
				 where r.account_id = ? order by a.response_id, qn.position, a.id`,
				id
			).map((r) => ({
				response: text(r.response_id),
				question: text(r.question),
				'you chose': text(r.choice),
				'you wrote': text(r.text),
				'quoted in reports': yes(r.quoted)
			}))
	},
	{
		name: 'unsent survey answers',
		table: 'survey_draft',
		about: 'Answers you saved in a survey with your name but have not sent yet.',
		rows: (q, id) =>
			q(
				`select s.title, d.saved_on, d.locale, d.answers from survey_draft d join survey s on s.id = d.survey_id
				 where d.account_id = ? order by d.saved_on`,
				id
			).map((r) => ({ survey: text(r.title), 'saved on': text(r.saved_on), language: text(r.locale), answers: text(r.answers) }))
	},
	{
		name: 'surveys you made',
		table: 'survey',
		about: 'Surveys you built.',
		rows: (q, id) => q('select title, created_at from survey where created_by = ? order by created_at', id).map((r) => ({ survey: text(r.title), 'made on': iso(r.created_at) }))
	},
	{
		name: 'survey question changes you made',
		table: 'survey_question_version',
		about: 'Times you changed the words of a survey question after it was published.',
		rows: (q, id) =>
			q('select question_id, version, replaced_at from survey_question_version where replaced_by = ? order by replaced_at', id).map((r) => ({
				question: num(r.question_id),
				version: num(r.version),
				'changed on': iso(r.replaced_at)
			}))
	},
	{
		name: 'meeting attendance',
		table: 'meeting_attendance',
		about: 'Meetings you said you would come to, or sent apologies for.',
		rows: (q, id) =>
			q(
				`select m.title, m.starts_at, a.kind, a.at from meeting_attendance a join meeting m on m.id = a.meeting_id
				 where a.user_id = ? order by m.starts_at`,
				id
			).map((r) => ({ meeting: text(r.title), 'meeting on': iso(r.starts_at), 'you said': text(r.kind), 'said on': iso(r.at) }))
	},
	{
		name: 'meeting actions given to you',
		table: 'meeting_action',
		about: 'Actions from meeting minutes that were given to you.',
		rows: (q, id) =>
			q(
				`select m.title, x.what, x.due_on, x.status from meeting_action x join meeting m on m.id = x.meeting_id
				 where x.owner_user_id = ? order by x.id`,
				id
			).map((r) => ({ meeting: text(r.title), action: text(r.what), 'due on': text(r.due_on), status: text(r.status) }))
	},
	{
		name: 'minutes changes you made',
		table: 'meeting_minutes_version',
		about: 'Times you changed published minutes.',
		rows: (q, id) =>
			q(
				`select m.title, v.version, v.replaced_at from meeting_minutes_version v join meeting m on m.id = v.meeting_id
				 where v.replaced_by = ? order by v.replaced_at`,
				id
			).map((r) => ({ meeting: text(r.title), version: num(r.version), 'changed on': iso(r.replaced_at) }))
	},
	{
		name: 'board answers you wrote',
		table: 'board_response',
		about: 'Your "we did" answers on the "you said, we did" board.',
		rows: (q, id) =>
			q(
				`select r.item_id, i.you_said, r.text, r.status_before, r.status_after, r.reason, r.created_at
				 from board_response r join board_item i on i.id = r.item_id where r.author_id = ? order by r.created_at`,
				id
			).map((r) => ({
				'board item': num(r.item_id),
				'you said': text(r.you_said),
				'we did': text(r.text),
				'status before': text(r.status_before),
				'status after': text(r.status_after),
				reason: text(r.reason),
				'written on': iso(r.created_at)
			}))
	},
	{
		name: 'feedback replies you wrote',
		table: 'feedback_reply',
		about: 'Replies you wrote to people who sent feedback.',
		rows: (q, id) =>
			q('select feedback_id, text, emailed, created_at from feedback_reply where author_id = ? order by created_at', id).map((r) => ({
				feedback: num(r.feedback_id),
				reply: text(r.text),
				emailed: yes(r.emailed),
				'written on': iso(r.created_at)
			}))
	},
	{
		name: 'services you lead',
		table: 'service_lead',
		about: 'The services you lead.',
		rows: (q, id) =>
			q('select s.name from service_lead l join service s on s.id = l.service_id where l.user_id = ? order by s.name', id).map((r) => ({ service: text(r.name) }))
	},
	{
		name: 'figures you entered',
		table: 'operational_figure',
		about: 'Figures you entered for service standards.',
		rows: (q, id) =>
			q(
				`select s.statement, f.period_start, f.period_end, f.value, f.note, f.entered_at
				 from operational_figure f join standard s on s.id = f.standard_id where f.entered_by = ? order by f.entered_at`,
				id
			).map((r) => ({
				standard: text(r.statement),
				from: text(r.period_start),
				to: text(r.period_end),
				figure: num(r.value),
				note: text(r.note),
				'entered on': iso(r.entered_at)
			}))
	},
	{
		name: 'reports you started or published',
		table: 'report',
		about: 'Reports for the board that you started or published.',
		rows: (q, id) =>
			q('select title, created_by, created_at, published_by, published_at from report where created_by = ? or published_by = ? order by created_at', id, id).map(
				(r) => ({
					report: text(r.title),
					'you started it': yes(r.created_by === id),
					'started on': iso(r.created_at),
					'you published it': yes(r.published_by === id),
					'published on': iso(r.published_at)
				})
			)
	},
	{
		name: 'report comments',
		table: 'report_comment',
		about: 'Your comments on draft reports.',
		rows: (q, id) =>
			q(
				`select r.title, c.body, c.created_at from report_comment c join report r on r.id = c.report_id
				 where c.author_id = ? order by c.created_at`,
				id
			).map((r) => ({ report: text(r.title), comment: text(r.body), 'written on': iso(r.created_at) }))
	},
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
	},
	{
		name: 'audit entries about you',
		table: 'audit_entry',
		about: 'Our record of important things you did, or that were done to your account: when, what, and the details we keep.',
		rows: (q, id) =>
			q(
				`select at, action, actor_id, subject_type, subject_id, details from audit_entry
				 where actor_id = ? or (subject_type = 'user' and subject_id = ?) order by at, id`,
				id,
				String(id)
			).map((r) => ({
				when: iso(r.at),
				what: text(r.action),
				'you did it': yes(r.actor_id === id),
				about: `${text(r.subject_type)} ${text(r.subject_id)}`,
				details: text(r.details)
			}))
	}
];

/** A kind's CSV file name: its name in lower case with dashes ("profile items" -> profile-items.csv). */
export function fileFor(kindName: string): string {
	return `${kindName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.csv`;
}

/**
 * Everything held about the signed-in person, grouped by kind of record, and records the download
 * in the audit log (counts only). Downloading personal data is a dangerous step: the person must
 * have proved who they are in the last 15 minutes. Throws ForbiddenError for a visitor,
 * ConfirmIdentityError when the sign-in is not recent.
 */
export function dataAbout(db: Db, actor: Actor, now = new Date()): MyData {
	if (!actor || !can(actor, 'data.download')) throw new ForbiddenError();
	requireRecentSignIn(actor, now);
	const client = db.$client;
	const q: Query = (sql, ...params) => client.prepare(sql).all(...params) as Record<string, unknown>[];
	return writeTransaction(db, (tx) => {
		const who = q('select id, name from user where id = ?', actor.id)[0];
		if (!who) throw new ForbiddenError();
		const kinds = KINDS.map((k) => ({ name: k.name, file: fileFor(k.name), about: k.about, rows: k.rows(q, actor.id) }));
		const photoRow = q('select bytes from profile_photo where young_person_id = ?', actor.id)[0];
		const counts = Object.fromEntries(kinds.filter((k) => k.rows.length).map((k) => [k.name, k.rows.length]));
		audit.record(tx, { actorId: actor.id, action: 'person.data_downloaded', subjectType: 'user', subjectId: actor.id, details: { counts }, at: now });
		return {
			person: { id: actor.id, name: String(who.name) },
			madeAt: now,
			kinds,
			photo: photoRow ? new Uint8Array(photoRow.bytes as Buffer) : null
		};
	});
}

/** The README, in plain words: what each file is, and what is not in the bundle and why. */
export function readme(data: MyData): string {
	const files = data.kinds.filter((k) => k.rows.length);
	const empty = data.kinds.filter((k) => !k.rows.length);
	const lines = [
		'Your data from Chorus',
		'=====================',
		'',
		`This is a copy of everything Chorus keeps about you (${data.person.name}).`,
		`It was made on ${formatDate(data.madeAt, 'en')}.`,
		'',
		'What is in this folder',
		'----------------------',
		'- README.txt: this file.',
		'- my-data.json: everything, in one file. A computer can read it.',
		'- A .csv file for each kind of thing we keep. You can open a .csv file in a spreadsheet',
		'  (for example Excel, LibreOffice or Google Sheets).',
		...(data.photo ? ['- profile-photo.jpg: the photo on your profile.'] : []),
		'',
		'The .csv files',
		'--------------',
		...files.flatMap((k) => [`- ${k.file} (${k.rows.length} ${k.rows.length === 1 ? 'row' : 'rows'}): ${k.about}`]),
		'',
		'We keep nothing of these kinds about you:',
		...empty.map((k) => `- ${k.name}`),
		'',
		'What is not in this copy, and why',
		'---------------------------------',
		'- Anonymous survey answers. When you answer an anonymous survey, we do not keep who you',
		'  are. So nobody, not even us, can find which answers are yours. That is why they are not',
		'  here, and why we cannot delete them if you ask.',
		'- Feedback from the feedback form. Feedback is anonymous: it has no link to your account.',
		'  If you gave your name, email or phone number with it and want a copy, ask us (see below)',
		'  and tell us the details you gave, so we can find it.',
		'- Safeguarding checks. When words someone writes look like a child or adult may be at risk,',
		'  a safeguarding lead is asked to look. Your own words are in this copy (in your profile or',
		'  your survey answers); the lead\'s notes are their record and are not included. Messages',
		'  you sent to the leads yourself are included.',
		'- Other young people\'s profiles. If you support young people or wrote on their profiles,',
		'  this copy says when, but not what their profiles say: each profile belongs to its young',
		'  person.',
		'- "You said, we did" board items. They do not say who raised them, so they cannot be linked',
		'  to you.',
		'- Totals. Numbers that add up many people\'s answers say nothing about you alone.',
		'- Secrets. We never keep your password, your sign-in card code, your pictures or the',
		'  links we send in a form anyone can read. They are not in this copy.',
		'',
		'Questions, or want something changed or deleted?',
		'------------------------------------------------',
		'Ask the forum team who run Chorus. You can also read the privacy page on the Chorus website.',
		'A young person can ask the adult who helps them.',
		''
	];
	return lines.join('\r\n');
}

function csvOf(kind: Kind): string {
	const columns = [...new Set(kind.rows.flatMap((r) => Object.keys(r)))];
	return toCsv([columns, ...kind.rows.map((r) => columns.map((c) => r[c] as CsvCell))]);
}

/** The zip: my-data.json (everything), one CSV per kind that has rows, README.txt and the photo. */
export function bundle(data: MyData): Uint8Array {
	const json = {
		about: `Everything Chorus keeps about ${data.person.name}, made on ${data.madeAt.toISOString()}.`,
		person: data.person,
		madeAt: data.madeAt.toISOString(),
		records: Object.fromEntries(data.kinds.map((k) => [k.name, k.rows]))
	};
	const files: Zippable = {
		'README.txt': strToU8(readme(data)),
		'my-data.json': strToU8(JSON.stringify(json, null, 2))
	};
	for (const kind of data.kinds) if (kind.rows.length) files[kind.file] = strToU8(csvOf(kind));
	// a JPEG is already compressed: stored as it is
	if (data.photo) files['profile-photo.jpg'] = [data.photo, { level: 0 }];
	return zipSync(files, { level: 6, mtime: data.madeAt });
}

/** The download's file name: chorus-my-data-YYYY-MM-DD.zip (the London date). */
export function bundleName(at: Date): string {
	return `chorus-my-data-${londonDate(at)}.zip`;
}

/** "My data" in one call: the person's data as a zip and its file name. Audited. Throws ForbiddenError, ConfirmIdentityError. */
export function download(db: Db, actor: Actor, now = new Date()): { bytes: Uint8Array; fileName: string } {
	return { bytes: bundle(dataAbout(db, actor, now)), fileName: bundleName(now) };
}
