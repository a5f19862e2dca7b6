import { describe, expect, it } from 'vitest';
import { testDb, addPerson } from '../testing';
import type { Db } from '../db';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { KINDS, dataAbout } from './download';
import { confirmationMatches, erase, ERASED_TEXT, whoToErase } from './erase';
import { FORMER_SUPPORTER } from '../profiles';
import { personColumns, rowCounts, seedWorld, tableNames } from './testing';

/** For every column that points at a person: how many rows still hold this id. */
function references(db: Db, id: number): Record<string, number> {
	const out: Record<string, number> = {};
	for (const column of personColumns(db)) {
		const [table, col] = column.split('.');
		const n = (db.$client.prepare(`select count(*) as n from "${table}" where "${col}" = ?`).get(id) as { n: number }).n;
		if (n) out[column] = n;
	}
	const self = (db.$client.prepare('select count(*) as n from user where id = ?').get(id) as { n: number }).n;
	if (self) out['user.id'] = self;
	return out;
}

/** Where a string still appears in any text column of any table ("table.column": rows). */
function findText(db: Db, needle: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const table of tableNames(db)) {
		const columns = db.$client.prepare('select name, type from pragma_table_info(?)').all(table) as { name: string; type: string }[];
		for (const c of columns) {
			if (!/text/i.test(c.type)) continue;
			const n = (db.$client.prepare(`select count(*) as n from "${table}" where instr(lower("${c.name}"), lower(?)) > 0`).get(needle) as { n: number }).n;
			if (n) out[`${table}.${c.name}`] = n;
		}
	}
	return out;
}

const count = (db: Db, sql: string, ...params: unknown[]) => (db.$client.prepare(sql).get(...params) as { n: number }).n;

/** Someone else's download, without the audit entries (each download adds one). */
function othersData(db: Db, actor: Parameters<typeof dataAbout>[1]) {
	return dataAbout(db, actor).kinds.filter((k) => k.name !== 'audit entries about you');
}

describe('erasure', () => {
	it('erases a parent (with every staff role): no row refers to them and none of their words are left, except what stays for others', () => {
		const db = testDb();
		const world = seedWorld(db);
		const { pat, olive, yara, admin } = world;
		// the seed put Pat in every table that can hold them
		expect(Object.keys(references(db, pat.id)).length).toBeGreaterThan(20);
		for (const words of world.words.pat) expect(findText(db, words), words).not.toEqual({});

		const anonymousBefore = count(db, 'select count(*) as n from survey_response where account_id is null');
		const oliveBefore = othersData(db, olive);
		const yaraBefore = othersData(db, yara);
		const rowsBefore = rowCounts(db);

		const erased = erase(db, admin, pat.id);
		const rowsAfter = rowCounts(db);

		// foreign-key sweep: every column that points at a person
		expect(references(db, pat.id)).toEqual({});
		// Pat's words are nowhere: name, email, named answers, unsent answers, message
		for (const words of world.words.pat) expect(findText(db, words), words).toEqual({});
		// what the issue keeps for others: their "we did" and their comment on a report, without an author
		for (const words of world.patWordsThatStay) expect(Object.keys(findText(db, words))).toHaveLength(1);
		expect(count(db, `select count(*) as n from report_comment where body like 'zephyr-comment%' and author_id is null`)).toBe(1);
		expect(count(db, `select count(*) as n from board_response where text like 'zephyr-wedid%' and author_id is null`)).toBe(1);
		// the minutes' action stays, without its owner
		expect(count(db, `select count(*) as n from meeting_action where what = 'Write to the bus company' and owner_user_id is null`)).toBe(1);
		// Yara's profile keeps the item Pat wrote, now "by a supporter" in its saved versions
		expect(count(db, `select count(*) as n from profile_item where words = 'Likes a quiet room' and written_by is null`)).toBe(1);
		expect(count(db, `select count(*) as n from profile_version where instr(snapshot, ?) > 0`, `"writtenBy":"${FORMER_SUPPORTER}"`)).toBeGreaterThan(0);
		// the flag Pat reviewed keeps its review without the reviewer; Pat's own message is blanked
		expect(count(db, `select count(*) as n from safeguarding_flag where outcome = 'support_offered' and reviewed_by is null`)).toBe(1);
		expect(count(db, `select count(*) as n from safeguarding_flag where source = 'message' and text = ? and person_id is null`, ERASED_TEXT)).toBe(1);

		// anonymous responses are untouched, and so is everyone else's data
		expect(count(db, 'select count(*) as n from survey_response where account_id is null')).toBe(anonymousBefore);
		expect(othersData(db, olive)).toEqual(oliveBefore);
		const yaraAfter = othersData(db, yara);
		// (Yara's page now says the item Pat wrote, the saves and the review were by "a supporter")
		const strip = (kinds: typeof yaraAfter) =>
			JSON.stringify(kinds.filter((k) => !['sign-in card', 'supporters linked', 'profile', 'profile items', 'profile versions', 'profile share links'].includes(k.name)));
		expect(strip(yaraAfter)).toEqual(strip(yaraBefore));
		expect(yaraAfter.find((k) => k.name === 'profile items')!.rows).toHaveLength(3);

		// nothing else went: the rows that disappeared are exactly the ones the erasure counted
		// (one row came: the forum counts Pat's membership as one leaver, a count with nothing of Pat)
		for (const table of Object.keys(rowsBefore)) {
			const gone = rowsBefore[table] - rowsAfter[table];
			expect(gone, table).toBe((erased.deleted[table] ?? 0) - (table === 'audit_entry' || table === 'forum_leavers' ? 1 : 0));
		}
		expect(erased.deleted.user).toBe(1);
		expect(erased.deleted.survey_response).toBe(1);
		expect(erased.anonymised.audit_entry).toBeGreaterThan(0);
	});

	it('erases a young person: their card, profile, photo, share links, named answers and message; flags about them lose the link and the words', () => {
		const db = testDb();
		const world = seedWorld(db);
		const { yara, admin } = world;
		const flagsBefore = count(db, 'select count(*) as n from safeguarding_flag where person_id = ?', yara.id);
		expect(flagsBefore).toBeGreaterThanOrEqual(2);
		const talliesBefore = count(db, 'select coalesce(sum(count), 0) as n from survey_tally');
		const anonymousBefore = count(db, 'select count(*) as n from survey_response where account_id is null');
		const omarBefore = findText(db, 'marrowick football');

		// a young person has no email: the name confirms
		expect(whoToErase(db, admin, yara.id)).toMatchObject({ name: 'Yara Quillonette', email: null, youngPerson: true });
		const erased = erase(db, admin, yara.id);

		expect(references(db, yara.id)).toEqual({});
		for (const words of world.words.yara) expect(findText(db, words), words).toEqual({});
		expect(erased.deleted).toMatchObject({ young_person: 1, profile: 1, profile_photo: 1, profile_item: 3, profile_share_link: 2, profile_share_open: 2, survey_response: 1 });
		expect(count(db, 'select count(*) as n from safeguarding_flag where text = ? and person_id is null', ERASED_TEXT)).toBe(flagsBefore);
		// the totals lose exactly her answers (one per question answered, plus the option she chose)
		expect(count(db, 'select coalesce(sum(count), 0) as n from survey_tally')).toBe(talliesBefore - 3);
		expect(count(db, 'select count(*) as n from survey_response where account_id is null')).toBe(anonymousBefore);
		// Olive's own young person is untouched
		expect(findText(db, 'marrowick football')).toEqual(omarBefore);
		expect(omarBefore['profile_item.words']).toBe(1);
	});

	it('records one audit entry under a random reference, with counts and nothing that points at the person', () => {
		const db = testDb();
		const world = seedWorld(db);
		const { pat, admin } = world;
		const erased = erase(db, admin, pat.id);
		expect(erased.reference).toMatch(/^ER-[A-Z2-9]{8}$/);
		const entries = db.$client.prepare(`select * from audit_entry where action = 'person.erased'`).all() as {
			actor_id: number;
			subject_type: string;
			subject_id: string;
			details: string;
		}[];
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ actor_id: admin.id, subject_type: 'erasure', subject_id: erased.reference });
		expect(JSON.parse(entries[0].details)).toEqual({ deleted: erased.deleted, anonymised: erased.anonymised });
		// entries that were about Pat now carry the reference
		expect(count(db, `select count(*) as n from audit_entry where subject_type = 'user' and subject_id = ?`, String(pat.id))).toBe(0);
		expect(count(db, `select count(*) as n from audit_entry where subject_type = 'user' and subject_id = ?`, erased.reference)).toBeGreaterThan(0);
		// the invitation's details named Pat's email
		expect(count(db, `select count(*) as n from audit_entry where action = 'person.invited' and details like ?`, `%${ERASED_TEXT}%`)).toBe(1);
	});

	it('only an admin erases, never themselves, never the last admin, and the confirmation is the name or email', () => {
		const db = testDb();
		const world = seedWorld(db);
		const { pat, admin, organiser } = world;
		expect(() => erase(db, organiser, pat.id)).toThrow(ForbiddenError);
		expect(() => erase(db, pat, world.yara.id)).toThrow(ForbiddenError);
		expect(() => erase(db, null, pat.id)).toThrow(ForbiddenError);
		expect(() => erase(db, admin, admin.id)).toThrow(ForbiddenError);
		expect(() => whoToErase(db, admin, admin.id)).toThrow(ForbiddenError);
		expect(() => erase(db, admin, 99999)).toThrow(NotFoundError);

		// the only active admin cannot be erased (here by a disabled admin, who is still an admin)
		const disabled = addPerson(db, ['admin']);
		db.$client.prepare('update user set disabled_at = 1 where id = ?').run(disabled.id);
		expect(() => erase(db, disabled, admin.id)).toThrow(ConflictError);
		expect(count(db, 'select count(*) as n from user where id = ?', admin.id)).toBe(1);

		// a refused erasure changes nothing
		const before = rowCounts(db);
		expect(() => erase(db, organiser, pat.id)).toThrow();
		expect(rowCounts(db)).toEqual(before);

		expect(confirmationMatches({ name: 'Pat Zephyrine', email: 'pat@example.org' }, '  pat   zephyrine ')).toBe(true);
		expect(confirmationMatches({ name: 'Pat Zephyrine', email: 'pat@example.org' }, 'PAT@example.org')).toBe(true);
		expect(confirmationMatches({ name: 'Pat Zephyrine', email: 'pat@example.org' }, 'Pat')).toBe(false);
		expect(confirmationMatches({ name: 'Pat Zephyrine', email: null }, '')).toBe(false);
	});

	it('keeps every kind of record the download knows about in step with erasure (each kind is emptied for the erased person)', () => {
		const db = testDb();
		const world = seedWorld(db);
		const pat = world.pat;
		erase(db, world.admin, pat.id);
		// with the person gone, every kind's query finds nothing for their id
		const q = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(...params) as Record<string, unknown>[];
		for (const kind of KINDS) expect(kind.rows(q, pat.id), kind.name).toEqual([]);
	});
});
