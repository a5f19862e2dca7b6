/**
 * Erasure on request (UK GDPR right to erasure): an admin erases a person. Their account and
 * everything that is theirs goes; what others need keeps its words but loses the link to them
 * (minutes, "we did" answers, report comments, the audit log, safeguarding flags). Afterwards no
 * row in any table refers to them, and one audit entry records the erasure under a random
 * reference with counts only.
 *
 * Data rights are by nature about every table, so this module changes other features' tables
 * directly, in one transaction. `coverage.ts` lists every column that points at a person and what
 * happens to it here; a test checks that list against the database.
 *
 * Left as they are: anonymous survey responses (they hold no link, so they cannot be found),
 * feedback (it holds no account), and totals (survey tallies are brought down by the erased
 * person's named answers, so they stay true).
 */
import { ROLES } from '$lib/roles';
import { writeTransaction, type Db } from '../db';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import * as audit from '../audit';
import { limits } from '../auth/throttle';

export type Erased = {
	/** The erasure's reference (not the person's id): in the audit log and shown to the admin. */
	reference: string;
	/** Rows deleted, by table. */
	deleted: Record<string, number>;
	/** Rows kept for others with the link to the person removed (or their words blanked), by table. */
	anonymised: Record<string, number>;
};

/** What a flag's text becomes when the person it came from is erased. */
export const ERASED_TEXT = '[erased]';
/** What a supporter's name becomes in the saved versions of other young people's profiles. */
export const FORMER_SUPPORTER = 'a supporter';
/** Who a meeting action belongs to once its owner is erased (when the minutes named nobody else). */
export const FORMER_MEMBER = 'a former member';

/** Keys in audit details whose numbers are people's ids. */
const PERSON_ID_KEYS = new Set(['userId', 'userIds', 'supporterId', 'supporterIds', 'personId', 'personIds', 'leadIds', 'ownerUserId', 'accountId', 'actorId']);

const REFERENCE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random reference like ER-7KQ2M9XD: 40 bits, no letters that look alike. */
export function newReference(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return 'ER-' + [...bytes].map((b) => REFERENCE_LETTERS[b % REFERENCE_LETTERS.length]).join('');
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether what the admin typed to confirm is the person's name or email (case and spaces aside). */
export function confirmationMatches(person: { name: string; email: string | null }, typed: string): boolean {
	const t = squash(typed);
	return t !== '' && (t === squash(person.name) || (person.email !== null && t === squash(person.email)));
}

/** Who would be erased: for the confirm page. Throws ForbiddenError (also for oneself), NotFoundError. */
export function whoToErase(db: Db, actor: Actor, userId: number): { id: number; name: string; email: string | null; youngPerson: boolean } {
	if (!can(actor, 'people.erase', { userId })) throw new ForbiddenError();
	const row = db.$client.prepare('select id, name, email from user where id = ?').get(userId) as { id: number; name: string; email: string | null } | undefined;
	if (!row) throw new NotFoundError('person_not_found');
	const youngPerson = db.$client.prepare('select 1 from young_person where user_id = ?').get(userId) !== undefined;
	return { ...row, youngPerson };
}

/** Replaces the person's id, email and name wherever audit details hold them. */
function scrubDetails(value: unknown, key: string, who: { id: number; email: string | null; name: string }, reference: string): unknown {
	if (Array.isArray(value)) return value.map((v) => scrubDetails(v, key, who, reference));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDetails(v, k, who, reference)]));
	}
	if (typeof value === 'number' && PERSON_ID_KEYS.has(key) && value === who.id) return reference;
	if (typeof value === 'string') {
		if (PERSON_ID_KEYS.has(key) && value === String(who.id)) return reference;
		// a name that is also a word the log uses ("Admin" and the role 'admin') is left alone
		if (squash(value) === squash(who.name) && !(ROLES as readonly string[]).includes(value)) return ERASED_TEXT;
		if (who.email && value.toLowerCase().includes(who.email)) {
			return value.replace(new RegExp(who.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ERASED_TEXT);
		}
	}
	return value;
}

/** Replaces a supporter's name as the writer of items in saved profile versions. */
function scrubSnapshot(snapshot: string, name: string): string | null {
	const parsed = JSON.parse(snapshot) as { sections?: { items?: { writtenBy?: string | null }[] }[] };
	let changed = false;
	for (const section of parsed.sections ?? []) {
		for (const item of section.items ?? []) {
			if (typeof item.writtenBy === 'string' && squash(item.writtenBy) === squash(name)) {
				item.writtenBy = FORMER_SUPPORTER;
				changed = true;
			}
		}
	}
	return changed ? JSON.stringify(parsed) : null;
}

/** Replaces erased answers quoted in published reports' snapshots. */
function scrubQuotes(value: unknown, quoted: ReadonlySet<string>): { value: unknown; changed: boolean } {
	if (Array.isArray(value)) {
		let changed = false;
		const out = value.map((v) => {
			const r = scrubQuotes(v, quoted);
			changed ||= r.changed;
			return r.value;
		});
		return { value: out, changed };
	}
	if (value && typeof value === 'object') {
		const obj = value as Record<string, unknown>;
		if (typeof obj.text === 'string' && 'submittedOn' in obj && quoted.has(obj.text)) return { value: { ...obj, text: ERASED_TEXT }, changed: true };
		let changed = false;
		const out = Object.fromEntries(
			Object.entries(obj).map(([k, v]) => {
				const r = scrubQuotes(v, quoted);
				changed ||= r.changed;
				return [k, r.value];
			})
		);
		return { value: out, changed };
	}
	return { value, changed: false };
}

/**
 * Erases a person (admins only; never oneself), in one transaction: deletes their account and
 * what is theirs, unlinks what stays for others, then records one 'person.erased' audit entry
 * under a random reference with the counts. A dangerous step: the admin must have proved who they
 * are in the last 15 minutes. Returns the reference and the counts.
 * Throws ForbiddenError, ConfirmIdentityError, NotFoundError, ConflictError('last_admin').
 */
export function erase(db: Db, actor: Actor, userId: number, now = new Date()): Erased {
	if (!actor || !can(actor, 'people.erase', { userId })) throw new ForbiddenError();
	requireRecentSignIn(actor, now);
	const client = db.$client;
	return writeTransaction(db, (tx) => {
		const person = client.prepare('select id, name, email from user where id = ?').get(userId) as
			| { id: number; name: string; email: string | null }
			| undefined;
		if (!person) throw new NotFoundError('person_not_found');
		const isAdmin = client.prepare(`select 1 from user_role where user_id = ? and role = 'admin'`).get(userId) !== undefined;
		if (isAdmin) {
			const others = client
				.prepare(
					`select count(*) as n from user u join user_role r on r.user_id = u.id and r.role = 'admin'
					 where u.disabled_at is null and u.id <> ?`
				)
				.get(userId) as { n: number };
			if (others.n === 0) throw new ConflictError('last_admin', 'This is the only admin: give someone else the admin role first.');
		}

		const reference = newReference();
		const deleted: Record<string, number> = {};
		const anonymised: Record<string, number> = {};
		const add = (into: Record<string, number>, table: string, n: number) => {
			if (n > 0) into[table] = (into[table] ?? 0) + n;
		};
		const run = (sql: string, ...params: unknown[]) => client.prepare(sql).run(...params).changes;
		const all = <T>(sql: string, ...params: unknown[]) => client.prepare(sql).all(...params) as T[];
		const del = (table: string, sql: string, ...params: unknown[]) => add(deleted, table, run(sql, ...params));
		const unlink = (table: string, sql: string, ...params: unknown[]) => add(anonymised, table, run(sql, ...params));
		const id = userId;

		// Named survey responses and their answers. The running totals they were counted in come
		// down by the same amounts (as answering.ts `submit` counted them), so totals stay true.
		const responses = all<{ id: string; submitted_on: string; respondent_group: string }>(
			'select id, submitted_on, respondent_group from survey_response where account_id = ?',
			id
		);
		const quoted = new Set<string>();
		for (const r of responses) {
			const answers = all<{ question_id: number; option_id: number | null; text: string | null; quoted: number }>(
				'select question_id, option_id, text, quoted from survey_answer where response_id = ?',
				r.id
			);
			const counted = [...new Set(answers.map((a) => a.question_id))].map((q) => [q, 0] as const);
			const options = answers.filter((a) => a.option_id !== null).map((a) => [a.question_id, a.option_id as number] as const);
			for (const [questionId, optionId] of [...counted, ...options]) {
				run(
					'update survey_tally set count = count - 1 where question_id = ? and option_id = ? and day = ? and respondent_group = ?',
					questionId,
					optionId,
					r.submitted_on,
					r.respondent_group
				);
				run(
					'update survey_tally_month set count = count - 1 where question_id = ? and option_id = ? and month = ? and respondent_group = ?',
					questionId,
					optionId,
					r.submitted_on.slice(0, 7),
					r.respondent_group
				);
			}
			for (const a of answers) if (a.quoted && a.text) quoted.add(a.text);
			del('survey_answer_theme', 'delete from survey_answer_theme where answer_id in (select id from survey_answer where response_id = ?)', r.id);
			del('survey_answer', 'delete from survey_answer where response_id = ?', r.id);
			del('survey_response', 'delete from survey_response where id = ?', r.id);
		}
		if (responses.length) {
			run('delete from survey_tally where count <= 0');
			run('delete from survey_tally_month where count <= 0');
		}
		// Their words quoted in a published report (a frozen board paper) are blanked there too.
		if (quoted.size) {
			for (const rep of all<{ id: number; snapshot: string }>('select id, snapshot from report where snapshot is not null')) {
				const { value, changed } = scrubQuotes(JSON.parse(rep.snapshot), quoted);
				if (changed) unlink('report', 'update report set snapshot = ? where id = ?', JSON.stringify(value), rep.id);
			}
		}
		del('survey_draft', 'delete from survey_draft where account_id = ?', id);
		unlink('survey', 'update survey set created_by = null where created_by = ?', id);
		unlink('survey_question_version', 'update survey_question_version set replaced_by = null where replaced_by = ?', id);

		// Meetings: their replies go; minutes keep their words without the link.
		del('meeting_attendance', 'delete from meeting_attendance where user_id = ?', id);
		unlink(
			'meeting_action',
			`update meeting_action set owner_user_id = null,
			 owner_name = case when owner_name = '' and owner_service_id is null then ? else owner_name end
			 where owner_user_id = ?`,
			FORMER_MEMBER,
			id
		);
		unlink('meeting_minutes_version', 'update meeting_minutes_version set replaced_by = null where replaced_by = ?', id);

		// "You said, we did", standards and reports: the words stay, without an author.
		unlink('board_response', 'update board_response set author_id = null where author_id = ?', id);
		unlink('feedback_reply', 'update feedback_reply set author_id = null where author_id = ?', id);
		unlink('operational_figure', 'update operational_figure set entered_by = null where entered_by = ?', id);
		unlink('report', 'update report set created_by = null where created_by = ?', id);
		unlink('report', 'update report set published_by = null where published_by = ?', id);
		unlink('report_comment', 'update report_comment set author_id = null where author_id = ?', id);
		del('service_lead', 'delete from service_lead where user_id = ?', id);

		// Safeguarding: the leads keep their record of each flag, but not who it was about or the
		// person's words (messages they sent included).
		unlink('safeguarding_flag', 'update safeguarding_flag set person_id = null, text = ? where person_id = ?', ERASED_TEXT, id);
		unlink('safeguarding_flag', 'update safeguarding_flag set reviewed_by = null where reviewed_by = ?', id);
		unlink('safeguarding_phrase', 'update safeguarding_phrase set added_by = null where added_by = ?', id);

		// A young person's own profile and sign-in card, everything on it and every link to it.
		del('profile_share_open', 'delete from profile_share_open where share_link_id in (select id from profile_share_link where young_person_id = ?)', id);
		del('profile_share_link', 'delete from profile_share_link where young_person_id = ?', id);
		del('profile_version', 'delete from profile_version where young_person_id = ?', id);
		del('profile_item', 'delete from profile_item where young_person_id = ?', id);
		del('profile_photo', 'delete from profile_photo where young_person_id = ?', id);
		del('profile', 'delete from profile where young_person_id = ?', id);
		del('profile_supporter', 'delete from profile_supporter where young_person_id = ? or supporter_id = ?', id, id);
		del('young_person', 'delete from young_person where user_id = ?', id);
		// What they did on other young people's profiles stays for those young people, unlinked.
		unlink('young_person', 'update young_person set created_by = null where created_by = ?', id);
		unlink('profile_supporter', 'update profile_supporter set linked_by = null where linked_by = ?', id);
		unlink('profile', 'update profile set reviewed_by = null where reviewed_by = ?', id);
		unlink('profile_item', 'update profile_item set written_by = null where written_by = ?', id);
		unlink('profile_version', 'update profile_version set saved_by = null where saved_by = ?', id);
		unlink('profile_share_link', 'update profile_share_link set created_by = null where created_by = ?', id);
		for (const v of all<{ young_person_id: number; number: number; snapshot: string }>(
			'select young_person_id, number, snapshot from profile_version where instr(lower(snapshot), lower(?)) > 0',
			person.name
		)) {
			const snapshot = scrubSnapshot(v.snapshot, person.name);
			if (snapshot) unlink('profile_version', 'update profile_version set snapshot = ? where young_person_id = ? and number = ?', snapshot, v.young_person_id, v.number);
		}

		// The account itself.
		del('session', 'delete from session where user_id = ?', id);
		del('password_token', 'delete from password_token where user_id = ?', id);
		del('two_step', 'delete from two_step where user_id = ?', id);
		del('recovery_code', 'delete from recovery_code where user_id = ?', id);
		del('sign_in_challenge', 'delete from sign_in_challenge where user_id = ?', id);
		del('user_role', 'delete from user_role where user_id = ?', id);
		if (person.email) del('sign_in_throttle', 'delete from sign_in_throttle where key = ?', limits.account(person.email).key);
		for (const l of [limits.secondStep(person.id), limits.currentPassword(person.id)]) del('sign_in_throttle', 'delete from sign_in_throttle where key = ?', l.key);

		// The audit log keeps what happened, without who it happened to or who did it.
		unlink('audit_entry', 'update audit_entry set actor_id = null where actor_id = ?', id);
		unlink('audit_entry', `update audit_entry set subject_id = ? where subject_type = 'user' and subject_id = ?`, reference, String(id));
		const who = { id, email: person.email?.toLowerCase() ?? null, name: person.name };
		const candidates = all<{ id: number; details: string }>(
			`select id, details from audit_entry where details <> '{}' and (
			   instr(lower(details), lower(?)) > 0 or (? is not null and instr(lower(details), ?) > 0)
			   or details like '%Id"%' or details like '%Ids"%')`,
			person.name,
			who.email,
			who.email
		);
		for (const entry of candidates) {
			const before = JSON.parse(entry.details) as unknown;
			const after = JSON.stringify(scrubDetails(before, '', who, reference));
			if (after !== JSON.stringify(before)) unlink('audit_entry', 'update audit_entry set details = ? where id = ?', after, entry.id);
		}

		del('user', 'delete from user where id = ?', id);

		audit.record(tx, {
			actorId: actor.id,
			action: 'person.erased',
			subjectType: 'erasure',
			subjectId: reference,
			details: { deleted, anonymised },
			at: now
		});
		return { reference, deleted, anonymised };
	});
}
