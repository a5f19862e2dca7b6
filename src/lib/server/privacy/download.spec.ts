import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { testDb } from '../testing';
import type { Db } from '../db';
import { ForbiddenError } from '../errors';
import { parseCsv } from '../csv';
import { PERSON_COLUMNS } from './coverage';
import { KINDS, bundle, bundleName, dataAbout, download, fileFor, type MyData } from './download';
import { PHOTO_BYTES, personColumns, seedWorld } from './testing';

/**
 * The rows about a person in each table, written out here independently of download.ts, so the
 * download is checked against the database rather than against itself.
 */
const ABOUT: Record<string, string> = {
	user: 'id = :id',
	user_role: 'user_id = :id',
	session: 'user_id = :id',
	password_token: 'user_id = :id',
	two_step: 'user_id = :id',
	recovery_code: 'user_id = :id',
	sign_in_challenge: 'user_id = :id',
	young_person: 'user_id = :id or created_by = :id',
	profile_supporter: 'young_person_id = :id or supporter_id = :id or linked_by = :id',
	profile: 'young_person_id = :id or reviewed_by = :id',
	profile_photo: 'young_person_id = :id',
	profile_item: 'young_person_id = :id or written_by = :id',
	profile_version: 'young_person_id = :id or saved_by = :id',
	profile_share_link: 'young_person_id = :id or created_by = :id',
	profile_share_open: 'share_link_id in (select id from profile_share_link where young_person_id = :id)',
	survey_response: 'account_id = :id',
	survey_answer: 'response_id in (select id from survey_response where account_id = :id)',
	survey_draft: 'account_id = :id',
	survey: 'created_by = :id',
	survey_question_version: 'replaced_by = :id',
	meeting_attendance: 'user_id = :id',
	meeting_action: 'owner_user_id = :id',
	meeting_minutes_version: 'replaced_by = :id',
	board_response: 'author_id = :id',
	feedback_reply: 'author_id = :id',
	outbox_delivery: 'user_id = :id',
	outbox_choice: 'user_id = :id',
	// a subscriber is an address, not an account: theirs when it is their account's address
	subscription: 'subscriber_id in (select id from subscriber where email = (select lower(email) from user where id = :id))',
	// a forum member by account, or by the account's address
	forum_member: 'user_id = :id or email = (select lower(email) from user where id = :id)',
	forum_representative: 'user_id = :id',
	translation: 'updated_by = :id',
	content_translation: 'updated_by = :id',
	service_lead: 'user_id = :id',
	operational_figure: 'entered_by = :id',
	report: 'created_by = :id or published_by = :id',
	yearly_report: 'published_by = :id',
	report_comment: 'author_id = :id',
	// Flags raised by matching someone's words are the safeguarding leads' record (the words
	// themselves are in the download where they were written); messages they sent are theirs.
	safeguarding_flag: "(person_id = :id and source = 'message') or reviewed_by = :id",
	safeguarding_phrase: 'added_by = :id',
	audit_entry: "actor_id = :id or (subject_type = 'user' and subject_id = :sid)"
};

function expectedCounts(db: Db, id: number): Record<string, number> {
	return Object.fromEntries(
		Object.entries(ABOUT).map(([table, where]) => [table, (db.$client.prepare(`select count(*) as n from "${table}" where ${where}`).get({ id, sid: String(id) }) as { n: number }).n])
	);
}

function downloadedCounts(data: MyData): Record<string, number> {
	const out: Record<string, number> = Object.fromEntries(Object.keys(ABOUT).map((t) => [t, 0]));
	for (const kind of data.kinds) {
		const table = KINDS.find((k) => k.name === kind.name)!.table;
		out[table] = (out[table] ?? 0) + kind.rows.length;
	}
	return out;
}

/** Every stored secret of a person: hashes and tokens that must never be in their download. */
function secretsOf(db: Db, id: number): string[] {
	const q = (sql: string) => (db.$client.prepare(sql).all({ id }) as { v: string | null }[]).map((r) => r.v).filter((v): v is string => !!v);
	return [
		...q('select password_hash as v from user where id = :id'),
		...q('select id as v from session where user_id = :id'),
		...q('select id as v from password_token where user_id = :id'),
		...q('select secret as v from two_step where user_id = :id'),
		...q('select code_hash as v from recovery_code where user_id = :id'),
		...q('select id as v from sign_in_challenge where user_id = :id'),
		...q('select sign_in_code_hash as v from young_person where user_id = :id'),
		...q('select passcode_hash as v from young_person where user_id = :id'),
		...q('select token_hash as v from profile_share_link where young_person_id = :id or created_by = :id'),
		...q('select token_hash as v from survey_response where account_id = :id'),
		...q('select receipt_hash as v from survey_response where account_id = :id'),
		...q('select token_hash as v from survey_draft where account_id = :id'),
		...q('select receipt_hash as v from survey_draft where account_id = :id')
	];
}

describe('my data: what the download holds', () => {
	it('covers every column in the database that points at a person (a new one fails here until it is decided)', () => {
		const db = testDb();
		expect(personColumns(db)).toEqual(Object.keys(PERSON_COLUMNS).sort());
		// every table a kind reads (and so every column's table: registry.spec.ts) is one the test counts
		for (const kind of KINDS) expect(Object.keys(ABOUT)).toContain(kind.table);
	});

	it('holds every row about a parent (with every staff role) and about a young person, counted by table, and nothing about anyone else', () => {
		const db = testDb();
		const world = seedWorld(db);
		for (const person of [world.pat, world.yara]) {
			const expected = expectedCounts(db, person.id);
			const data = dataAbout(db, person);
			expect(downloadedCounts(data)).toEqual(expected);
			const json = JSON.stringify(data.kinds);
			// their own words are there; other people's are not
			for (const words of person === world.pat ? world.words.pat.filter((w) => w !== world.words.pat[0]) : world.words.yara.slice(1)) {
				expect(json).toContain(words);
			}
			// (a young person sees the names of the supporters who can see her profile, Olive's too)
			const notSupporters = JSON.stringify(data.kinds.filter((k) => k.name !== 'supporters linked'));
			for (const words of world.words.olive) expect(notSupporters).not.toContain(words);
			for (const secret of secretsOf(db, person.id)) expect(json).not.toContain(secret);
		}
		// every kind has rows for one of the two: the seed really reaches every table
		const pat = dataAbout(db, world.pat);
		const yara = dataAbout(db, world.yara);
		const empty = KINDS.filter((k) => !pat.kinds.find((x) => x.name === k.name)!.rows.length && !yara.kinds.find((x) => x.name === k.name)!.rows.length);
		expect(empty.map((k) => k.name)).toEqual([]);
	});

	it('leaves out flags raised by matching a young person\'s words, but keeps their words and their own message', () => {
		const db = testDb();
		const world = seedWorld(db);
		const matched = db.$client.prepare(`select count(*) as n from safeguarding_flag where person_id = ? and source <> 'message'`).get(world.yara.id) as { n: number };
		expect(matched.n).toBeGreaterThan(0);
		const data = dataAbout(db, world.yara);
		const messages = data.kinds.find((k) => k.name === 'safeguarding messages you sent')!.rows;
		expect(messages.map((r) => r.message)).toEqual(['quillon someone at the park scares me']);
		const items = data.kinds.find((k) => k.name === 'profile items')!.rows;
		expect(items.map((r) => r.words)).toContain('quillon there is no food at home');
	});

	it('only lets a signed-in person download, and records it with counts only', () => {
		const db = testDb();
		const world = seedWorld(db);
		expect(() => dataAbout(db, null)).toThrow(ForbiddenError);
		const now = new Date('2026-03-04T23:30:00Z');
		const { fileName } = download(db, world.pat, now);
		// the London date (British Summer Time is not in force in March: the same day)
		expect(fileName).toBe('chorus-my-data-2026-03-04.zip');
		expect(bundleName(new Date('2026-06-30T23:30:00Z'))).toBe('chorus-my-data-2026-07-01.zip');
		const entry = db.$client.prepare(`select * from audit_entry where action = 'person.data_downloaded'`).get() as { actor_id: number; subject_id: string; details: string };
		expect(entry.actor_id).toBe(world.pat.id);
		expect(entry.subject_id).toBe(String(world.pat.id));
		const details = JSON.parse(entry.details) as { counts: Record<string, number> };
		expect(details.counts.roles).toBe(world.pat.roles.length);
		expect(entry.details).not.toContain('zephyr');
	});

	it('bundles the data as a zip of JSON, a CSV per kind, a README and the photo', () => {
		const db = testDb();
		const world = seedWorld(db);
		const data = dataAbout(db, world.yara);
		const files = unzipSync(bundle(data));
		const withRows = data.kinds.filter((k) => k.rows.length);
		expect(Object.keys(files).sort()).toEqual(['README.txt', 'my-data.json', 'profile-photo.jpg', ...withRows.map((k) => fileFor(k.name))].sort());
		expect(Buffer.from(files['profile-photo.jpg'])).toEqual(PHOTO_BYTES);

		const json = JSON.parse(strFromU8(files['my-data.json'])) as { person: { name: string }; records: Record<string, unknown[]> };
		expect(json.person.name).toBe('Yara Quillonette');
		expect(json.records['profile items']).toHaveLength(3);

		const items = parseCsv(strFromU8(files['profile-items.csv']));
		expect(items[0]).toContain('words');
		expect(items).toHaveLength(1 + 3);

		const readme = strFromU8(files['README.txt']);
		expect(readme).toContain('my-data.json');
		expect(readme).toContain('profile-items.csv');
		expect(readme).toMatch(/Anonymous survey answers/);
		expect(readme).toMatch(/Feedback from the feedback form/);
	});

	it('makes spreadsheet-safe CSV files (a cell that looks like a formula does not run)', () => {
		const db = testDb();
		const world = seedWorld(db);
		db.$client.prepare('update user set name = ? where id = ?').run('=HYPERLINK("http://x")', world.pat.id);
		const files = unzipSync(bundle(dataAbout(db, world.pat)));
		expect(strFromU8(files['account.csv'])).toContain(`"'=HYPERLINK(""http://x"")"`);
	});
});
