/**
 * "My data" (UK GDPR right of access): everything Chorus holds about the signed-in person, as one
 * zip of JSON, a CSV per kind of record and a plain-words README.
 *
 * Each feature says what it holds about a person in its `contributes.ts` (the kinds of record,
 * each a read-only query and the columns shown); this module runs them and puts them together,
 * through the registry. Each kind names the columns that point at a person whose rows it shows
 * (`personColumns`); a test checks them against the database, so a new table cannot be missed
 * silently.
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
import type { PersonalDataKind, PersonalFile, Query, Row } from '../contributions';
import { CONTRIBUTIONS } from '../registry';

/** One kind of record: its plain name, its CSV file, what it is (for the README), its rows. */
export type Kind = { name: string; file: string; about: string; rows: Row[] };

export type MyData = {
	person: { id: number; name: string };
	madeAt: Date;
	kinds: Kind[];
	/** The person's own files (a young person's profile photo). */
	files: PersonalFile[];
};

/** A kind's rows about the person: its query with `:me` their id, each row shown column by column. */
function rowsOf(kind: PersonalDataKind, q: Query, me: number): Row[] {
	return q(kind.sql, { me }).map((row) => Object.fromEntries(Object.entries(kind.show).map(([column, shown]) => [column, shown(row, me)])));
}

/** Every kind of record, feature by feature, in the order the README lists them, with its rows for a person. */
export const KINDS: (PersonalDataKind & { rows: (q: Query, id: number) => Row[] })[] = CONTRIBUTIONS.flatMap((c) => c.personalData ?? []).map((kind) => ({
	...kind,
	rows: (q, id) => rowsOf(kind, q, id)
}));

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
		const files = CONTRIBUTIONS.flatMap((c) => c.personalFiles?.(q, actor.id) ?? []);
		const counts = Object.fromEntries(kinds.filter((k) => k.rows.length).map((k) => [k.name, k.rows.length]));
		audit.record(tx, { actorId: actor.id, action: 'person.data_downloaded', subjectType: 'user', subjectId: actor.id, details: { counts }, at: now });
		return {
			person: { id: actor.id, name: String(who.name) },
			madeAt: now,
			kinds,
			files
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
		...data.files.map((f) => `- ${f.name}: ${f.about}`),
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

/** The zip: my-data.json (everything), one CSV per kind that has rows, README.txt and the person's files. */
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
	// a photo is already compressed: stored as it is
	for (const file of data.files) files[file.name] = [file.bytes, { level: 0 }];
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
