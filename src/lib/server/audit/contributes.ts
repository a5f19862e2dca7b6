/**
 * What the audit log gives the features that work across all of them (../contributions.ts): the
 * entries about a person, for "My data" and erasure (kept, without who); old entries for retention.
 */
import { ROLES } from '$lib/roles';
import { deleteOlderThan, ERASED_TEXT, show, squash, type Contribution, type EraseContext } from '../contributions';
import { auditEntry } from '../db/schema';

const { iso, text, isMe } = show;

/** Keys in audit details whose numbers are people's ids. */
const PERSON_ID_KEYS = new Set(['userId', 'userIds', 'supporterId', 'supporterIds', 'personId', 'personIds', 'leadIds', 'ownerUserId', 'accountId', 'actorId']);

/** Replaces the person's id, email and name wherever audit details hold them. */
function scrubDetails(value: unknown, key: string, who: EraseContext['person'], reference: string): unknown {
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

/** The log keeps what happened, without who it happened to or who did it: the reference stands in for them. */
function eraseFromLog({ person, reference, all, unlink, asDecided }: EraseContext): void {
	asDecided('audit_entry.actor_id');
	unlink('audit_entry', `update audit_entry set subject_id = ? where subject_type = 'user' and subject_id = ?`, reference, String(person.id));
	const candidates = all<{ id: number; details: string }>(
		`select id, details from audit_entry where details <> '{}' and (
		   instr(lower(details), lower(?)) > 0 or (? is not null and instr(lower(details), ?) > 0)
		   or details like '%Id"%' or details like '%Ids"%')`,
		person.name,
		person.email,
		person.email
	);
	for (const entry of candidates) {
		const before = JSON.parse(entry.details) as unknown;
		const after = JSON.stringify(scrubDetails(before, '', person, reference));
		if (after !== JSON.stringify(before)) unlink('audit_entry', 'update audit_entry set details = ? where id = ?', after, entry.id);
	}
}

export const contributes: Contribution = {
	feature: 'audit',
	personalData: [
		{
			name: 'audit entries about you',
			table: 'audit_entry',
			about: 'Our record of important things you did, or that were done to your account: when, what, and the details we keep.',
			// subject_id is text; a bound number is a real in SQLite (cast would give '3.0'), so printf
			sql: `select at, action, actor_id, subject_type || ' ' || subject_id as about, details from audit_entry
			      where actor_id = :me or (subject_type = 'user' and subject_id = printf('%d', :me)) order by at, id`,
			show: { when: iso('at'), what: text('action'), 'you did it': isMe('actor_id'), about: text('about'), details: text('details') },
			personColumns: { 'audit_entry.actor_id': 'unlink' }
		}
	],

	erase: eraseFromLog,
	retention: {
		kinds: ['auditEntries'],
		run: ({ tx, now, settings }) => ({ auditEntries: deleteOlderThan(tx, auditEntry, auditEntry.at, settings.retainAuditDays, now) })
	}
};
