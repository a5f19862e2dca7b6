import { afterEach, describe, expect, it } from 'vitest';
import { ROLES } from '$lib/roles';
import { m } from '$lib/paraglide/messages';
import { clearOverrides } from '$lib/i18n-overrides';
import { pluralForms } from '$lib/features/translations/model';
import { ForbiddenError, NotFoundError } from '../errors';
import { toCsv, type CsvCell } from '../csv';
import { readXlsx, toXlsx as toXlsxPlain } from '../xlsx';
import { normaliseMessageText } from '$lib/text';
import { auditEntry } from '../db/schema';
import { addPerson, testDb, thrown } from '../testing';
import { english, publicKeys, REVIEWED_LANGUAGES, shipped } from './catalogue';

const ENGLISH = english();
const SHIPPED = shipped();
const PUBLIC_KEYS = publicKeys();
import { MAX_SHEET_BYTES } from './sheet';
import * as translations from './service';

afterEach(() => clearOverrides());

const messages = m as unknown as Record<string, (inputs?: Record<string, unknown>, options?: { locale?: string }) => string>;
const toXlsx = (rows: CsvCell[][], name: string) => toXlsxPlain(rows, name, normaliseMessageText);
const xlsx = (rows: CsvCell[][]) => toXlsx(rows, 'sheet');
const csv = (rows: CsvCell[][]) => new TextEncoder().encode(toCsv(rows, normaliseMessageText));

/** A language's sheet with some rows changed: `changes` maps a row's key to [text, status]. */
function edited(sheet: CsvCell[][], changes: Record<string, [string, string?]>): CsvCell[][] {
	return sheet.map((row) => (typeof row[0] === 'string' && row[0] in changes ? [row[0], row[1], changes[row[0]][0], changes[row[0]][1] ?? row[3]] : row));
}

describe("the translator's spreadsheet", () => {
	it('has a row per message, and per plural form of the language, with English, the current text and its status', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const sheet = translations.download(db, admin, 'pl');
		expect(sheet[0]).toEqual(['key', 'English', 'current text', 'status']);
		const keys = sheet.slice(1).map((r) => r[0]);
		expect(keys).toContain('site_name');
		expect(keys.filter((k) => String(k).startsWith('board_needs_due_soon#'))).toEqual(['board_needs_due_soon#one', 'board_needs_due_soon#few', 'board_needs_due_soon#many', 'board_needs_due_soon#other']);
		expect(pluralForms('pl')).toEqual(['one', 'few', 'many', 'other']);
		const row = sheet.find((r) => r[0] === 'board_needs_due_soon#few')!;
		expect(row[1]).toBe((ENGLISH.board_needs_due_soon as { forms: Record<string, string> }).forms.other);
		expect(row[2]).toBe((SHIPPED.pl.board_needs_due_soon as { forms: Record<string, string> }).forms.few);
		expect(row[3]).toBe('draft');
		// a staff-only message Polish lacks: empty, so English shows
		const staffOnly = Object.keys(ENGLISH).find((k) => !(k in SHIPPED.pl) && typeof ENGLISH[k] === 'string')!;
		expect(sheet.find((r) => r[0] === staffOnly)![2]).toBe('');
		// Turkish has two forms
		expect(translations.download(db, admin, 'tr').filter((r) => String(r[0]).startsWith('board_needs_due_soon#')).map((r) => r[0])).toEqual(['board_needs_due_soon#one', 'board_needs_due_soon#other']);
	});

	it.each(REVIEWED_LANGUAGES)('keeps every %s message byte for byte through download and upload, as .xlsx and as CSV', (locale) => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const sheet = translations.download(db, admin, locale);
		for (const file of [toXlsx(sheet, locale), csv(sheet)]) {
			const preview = translations.preview(db, admin, locale, file);
			expect(preview.fileProblem).toBeNull();
			expect(preview.rows.filter((r) => r.problems.length).map((r) => [r.key, r.problems])).toEqual([]);
			expect(preview.changes).toEqual([]);
			expect(preview.unchanged).toBe(sheet.length - 1);
		}
		expect(readXlsx(toXlsx(sheet, locale))).toEqual(sheet.map((row) => row.map(String)).map((row) => { while (row.length && row[row.length - 1] === '') row.pop(); return row; }));
		// after an upload of every row as reviewed, every message still reads exactly as shipped
		const all = sheet.map((row, i) => (i === 0 || row[2] === '' ? row : [row[0], row[1], row[2], 'reviewed']));
		const { saved } = translations.upload(db, admin, locale, xlsx(all));
		expect(saved).toBe(all.filter((r, i) => i > 0 && r[2] !== '').length);
		const said = () =>
			Object.entries(SHIPPED[locale]).flatMap(([key, text]) =>
				(typeof text === 'string' ? [undefined] : [0, 1, 2, 3, 5, 22, 1.5]).map((count) => {
					const inputs = { name: 'N', count, minutes: count, days: 3, service: 'S', title: 'T' };
					return `${key} ${String(count)}: ${messages[key](inputs, { locale })}`;
				})
			);
		const withUploads = said();
		clearOverrides();
		expect(withUploads).toEqual(said());
		translations.loadOverrides(db);
		expect(messages.site_name({}, { locale })).toBe(SHIPPED[locale].site_name);
		expect(translations.reviewedShares(db)[locale]).toBe(100);
		// and the round trip again changes nothing
		expect(translations.preview(db, admin, locale, xlsx(translations.download(db, admin, locale))).changes).toEqual([]);
	});
});

describe('uploading a checked spreadsheet', () => {
	it('refuses every broken placeholder, unknown key, bad status and missing or unknown plural form, row by row, and saves nothing', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const sheet = translations.download(db, admin, 'pl');
		const file = edited(sheet, {
			site_signed_in_as: ['Zalogowano jako {imie}'],
			site_name: ['Chorus {name}'],
			site_skip_to_content: ['Przejdź do {treści'],
			site_sign_in: ['Zaloguj się }'],
			site_sign_out: ['', 'draft'],
			site_tagline: ['Głos', 'checked'],
			'board_needs_due_soon#few': ['Termin {count} odpowiedzi {dni}']
		});
		file.push(['site_no_such_message', '', 'x', 'draft'], ['board_needs_due_soon#two', '', 'x', 'draft'], ['site_name#one', '', 'x', 'draft']);
		const manyless = file.filter((r) => r[0] !== 'board_needs_overdue#many');
		const preview = translations.preview(db, admin, 'pl', xlsx(manyless));
		const problems = Object.fromEntries(preview.rows.filter((r) => r.problems.length).map((r) => [r.key, r.problems.map((p) => p.code)]));
		expect(problems).toEqual({
			site_signed_in_as: ['placeholder_added', 'placeholder_missing'],
			site_name: ['placeholder_added'],
			site_skip_to_content: ['braces'],
			site_sign_in: ['braces'],
			site_sign_out: ['empty_text'],
			site_tagline: ['status'],
			'board_needs_due_soon#few': ['placeholder_added'],
			'board_needs_overdue#one': ['plural_missing'],
			site_no_such_message: ['unknown_key'],
			'board_needs_due_soon#two': ['plural_unknown'],
			'site_name#one': ['unknown_key']
		});
		const missing = preview.rows.find((r) => r.key === 'site_signed_in_as')!.problems;
		expect(missing).toContainEqual({ code: 'placeholder_missing', names: ['name'] });
		expect(missing).toContainEqual({ code: 'placeholder_added', names: ['imie'] });
		expect(preview.rows.find((r) => r.key === 'site_name')!.line).toBe(manyless.findIndex((r) => r[0] === 'site_name') + 1);
		const before = db.select().from(auditEntry).all().length;
		expect(translations.upload(db, admin, 'pl', xlsx(manyless)).saved).toBe(0);
		expect(translations.stored(db, 'pl', 'site_name')).toBeUndefined();
		expect(db.select().from(auditEntry).all().length).toBe(before);
	});

	it('refuses a file too big, not a spreadsheet, or with other columns', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		expect(translations.preview(db, admin, 'pl', new Uint8Array(MAX_SHEET_BYTES + 1)).fileProblem).toBe('too_big');
		expect(translations.preview(db, admin, 'pl', new Uint8Array([0x50, 0x4b, 3, 4, 0])).fileProblem).toBe('not_a_sheet');
		expect(translations.preview(db, admin, 'pl', xlsx([['id', 'text']])).fileProblem).toBe('columns');
		expect(translations.preview(db, admin, 'pl', xlsx([['key', 'English', 'current text', 'status']])).fileProblem).toBe('empty');
	});

	it('saves the changes, moves a status from draft to reviewed and back, audits the upload, and the next page shows the text', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const sheet = translations.download(db, admin, 'pl');
		const shipped = SHIPPED.pl.site_signed_in_as as string;
		const preview = translations.preview(db, admin, 'pl', xlsx(edited(sheet, { site_signed_in_as: ['Jesteś zalogowany jako {name}', 'reviewed'], site_name: [SHIPPED.pl.site_name as string, 'reviewed'] })));
		expect(preview.problems).toBe(0);
		expect(preview.changes).toEqual([
			expect.objectContaining({ key: 'site_name', before: SHIPPED.pl.site_name, after: SHIPPED.pl.site_name, statusBefore: 'draft', statusAfter: 'reviewed' }),
			expect.objectContaining({ key: 'site_signed_in_as', before: shipped, after: 'Jesteś zalogowany jako {name}', statusBefore: 'draft', statusAfter: 'reviewed' })
		]);
		expect(preview.unchanged).toBe(sheet.length - 3);
		const now = new Date('2026-12-07T09:00:00Z');
		expect(translations.upload(db, admin, 'pl', xlsx(edited(sheet, { site_signed_in_as: ['Jesteś zalogowany jako {name}', 'reviewed'], site_name: [SHIPPED.pl.site_name as string, 'reviewed'] })), now).saved).toBe(2);
		expect(translations.stored(db, 'pl', 'site_signed_in_as')).toEqual({ text: 'Jesteś zalogowany jako {name}', status: 'reviewed' });
		expect(messages.site_signed_in_as({ name: 'Ala' }, { locale: 'pl' })).toBe('Jesteś zalogowany jako Ala');
		expect(messages.site_signed_in_as({ name: 'Ala' }, { locale: 'tr' })).not.toContain('Jesteś');
		const entry = db.select().from(auditEntry).all().at(-1)!;
		expect(entry).toMatchObject({ actorId: admin!.id, action: 'translations.uploaded', subjectType: 'language', subjectId: 'pl', at: now });
		expect(JSON.parse(entry.details)).toEqual({ rows: 2, textsChanged: 1, nowReviewed: 2, nowDraft: 0 });
		const share = translations.reviewedShares(db).pl;
		expect(share).toBe(Math.floor(200 / PUBLIC_KEYS.length));
		// the download shows the uploaded text and status; back to draft
		const again = translations.download(db, admin, 'pl');
		expect(again.find((r) => r[0] === 'site_signed_in_as')).toEqual(['site_signed_in_as', 'Signed in as {name}', 'Jesteś zalogowany jako {name}', 'reviewed']);
		expect(translations.upload(db, admin, 'pl', xlsx(edited(again, { site_signed_in_as: ['Jesteś zalogowany jako {name}', 'draft'] }))).saved).toBe(1);
		expect(translations.stored(db, 'pl', 'site_signed_in_as')!.status).toBe('draft');
	});

	it('takes a plural message in every form of the language, and formats it with its plural rules', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const sheet = translations.download(db, admin, 'pl');
		const forms = { one: 'jedna ({days})', few: '{count} kilka ({days})', many: '{count} wiele ({days})', other: '{count} ułamek ({days})' };
		const changes = Object.fromEntries(Object.entries(forms).map(([f, t]) => [`board_needs_due_soon#${f}`, [t, 'reviewed'] as [string, string]]));
		expect(translations.upload(db, admin, 'pl', xlsx(edited(sheet, changes))).saved).toBe(4);
		const say = (count: number) => messages.board_needs_due_soon({ count, days: 7 }, { locale: 'pl' });
		expect([1, 2, 5, 22, 1.5].map(say)).toEqual(['jedna (7)', '2 kilka (7)', '5 wiele (7)', '22 kilka (7)', '1.5 ułamek (7)']);
		// a form may leave out the count, but the forms between them keep English's other names
		const noDays = Object.fromEntries(Object.keys(forms).map((f) => [`board_needs_due_soon#${f}`, ['bez dni', 'draft'] as [string, string]]));
		const preview = translations.preview(db, admin, 'pl', xlsx(edited(sheet, noDays)));
		expect(preview.rows.find((r) => r.key === 'board_needs_due_soon#one')!.problems).toEqual([{ code: 'placeholder_missing', names: ['days'] }]);
	});

	it('keeps a formula-looking text as text: stored as typed, and a text cell in the download', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const formula = '=HYPERLINK("http://evil.example","Zaloguj")';
		const sheet = translations.download(db, admin, 'pl');
		expect(translations.upload(db, admin, 'pl', csv(edited(sheet, { site_sign_in: [formula] }))).saved).toBe(1);
		expect(translations.stored(db, 'pl', 'site_sign_in')!.text).toBe(formula);
		const file = toXlsx(translations.download(db, admin, 'pl'), 'pl');
		expect(readXlsx(file).find((r) => r[0] === 'site_sign_in')![2]).toBe(formula);
		expect(toCsv(translations.download(db, admin, 'pl'))).toContain(`'=HYPERLINK(`);
	});
});

describe('who may', () => {
	it('lets admins alone download and upload, and only languages other than English', () => {
		const db = testDb();
		const admin = addPerson(db, ['admin']);
		const file = xlsx(translations.download(db, admin, 'pl'));
		for (const role of ROLES.filter((r) => r !== 'admin')) {
			const person = addPerson(db, [role]);
			expect(thrown(() => translations.download(db, person, 'pl')), role).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => translations.preview(db, person, 'pl', file)), role).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => translations.upload(db, person, 'pl', file)), role).toBeInstanceOf(ForbiddenError);
			expect(thrown(() => translations.languages(db, person)), role).toBeInstanceOf(ForbiddenError);
		}
		expect(thrown(() => translations.upload(db, null, 'pl', file))).toBeInstanceOf(ForbiddenError);
		expect(thrown(() => translations.download(db, admin, 'en'))).toBeInstanceOf(NotFoundError);
		expect(thrown(() => translations.download(db, admin, 'xx'))).toBeInstanceOf(NotFoundError);
		expect(translations.languages(db, admin).map((l) => l.locale)).toEqual(REVIEWED_LANGUAGES);
	});
});
