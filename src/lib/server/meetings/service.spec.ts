import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { PAPER_MAX_BYTES } from '$lib/features/meetings/model';
import type { Role } from '$lib/roles';
import { agendaItem, attendance, auditEntry, boardItem, meeting, minutesVersion, paper } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as board from '../board';
import type { Actor } from '../permissions';
import * as services from '../services';
import { createDb, MIGRATIONS_FOLDER } from '../db';
import { addPerson, testDb } from '../testing';
import * as meetings from './service';
import { storedZip } from './seed';
import { meetingsCalendar } from './ical';
import * as profiles from '../profiles';

/* ---------------------------------------------------------------------------------------- */
/* Set-up                                                                                   */
/* ---------------------------------------------------------------------------------------- */

const NOW = new Date('2026-03-01T12:00:00Z');
const at = (iso: string) => new Date(iso);

function setUp() {
	const db = testDb();
	const admin = addPerson(db, ['admin'], { name: 'Ada Admin' });
	const organiser = addPerson(db, ['organiser'], { name: 'Olu Organiser' });
	const parent = addPerson(db, ['parent_carer'], { name: 'Pat Parent' });
	return { db, admin, organiser, parent };
}

type Db = ReturnType<typeof setUp>['db'];
type Person = ReturnType<typeof addPerson>;

const meetingInput = (overrides: Partial<meetings.MeetingInput> = {}): meetings.MeetingInput => ({
	title: 'Forum meeting',
	startsAt: at('2026-03-10T18:00:00Z'),
	endsAt: at('2026-03-10T20:00:00Z'),
	place: 'Town Hall',
	onlineLink: '',
	access: ['step_free'],
	accessNotes: '',
	audience: 'open_to_all',
	...overrides
});

const itemInput = (overrides: Partial<meetings.AgendaItemInput> = {}): meetings.AgendaItemInput => ({
	title: 'Welcome',
	lead: 'Chair',
	minutesAllotted: 10,
	kind: 'information',
	...overrides
});

const actionInput = (overrides: Partial<meetings.ActionInput> = {}): meetings.ActionInput => ({
	what: 'Write to the schools about transport',
	ownerUserId: null,
	ownerServiceId: null,
	ownerName: 'The chair',
	dueOn: '2026-04-01',
	status: 'open',
	droppedReason: '',
	...overrides
});

/** A meeting with agenda items, in the state asked for. */
function plan(
	db: Db,
	organiser: Person,
	options: { input?: Partial<meetings.MeetingInput>; items?: string[]; state?: 'draft' | 'agenda_published' | 'minutes_drafted' | 'minutes_published' } = {}
) {
	const id = meetings.create(db, organiser, meetingInput(options.input), at('2026-02-01T09:00:00Z'));
	const itemIds = (options.items ?? ['Welcome']).map((title) => meetings.addItem(db, organiser, id, itemInput({ title }), at('2026-02-01T09:00:00Z')));
	const path = ['agenda_published', 'minutes_drafted', 'minutes_published'] as const;
	const target = options.state ?? 'draft';
	if (target !== 'draft') {
		for (const state of path.slice(0, path.indexOf(target) + 1)) meetings.setState(db, organiser, id, state, at('2026-02-02T09:00:00Z'));
	}
	return { id, itemIds, itemId: itemIds[0] };
}

const row = (db: Db, id: number) => db.select().from(meeting).where(eq(meeting.id, id)).get()!;
// in the order written (audit_entry_action_idx would otherwise hand them back by action)
const auditActions = (db: Db) => db.select({ action: auditEntry.action }).from(auditEntry).orderBy(auditEntry.id).all().map((a) => a.action);
const versionsOf = (db: Db, id: number) =>
	db.select().from(minutesVersion).where(eq(minutesVersion.meetingId, id)).orderBy(asc(minutesVersion.version)).all();

/* A real (stored, uncompressed) zip archive, as Word and LibreOffice write them. */
const zip = (entries: [name: string, content: string][]) => storedZip(entries.map(([name, data]) => ({ name, data })));

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const PDF = bytes('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const DOCX = zip([
	['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
	['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
	['word/document.xml', '<?xml version="1.0"?><w:document/>']
]);
const ODT = zip([
	['mimetype', 'application/vnd.oasis.opendocument.text'],
	['META-INF/manifest.xml', '<?xml version="1.0"?><manifest:manifest/>'],
	['content.xml', '<?xml version="1.0"?><office:document-content/>']
]);
const DOC = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);

/* ---------------------------------------------------------------------------------------- */
/* States                                                                                   */
/* ---------------------------------------------------------------------------------------- */

describe('meeting states', () => {
	it('move one step on (or one back) and nowhere else', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser);
		expect(row(db, id).state).toBe('draft');
		expect(() => meetings.setState(db, organiser, id, 'minutes_drafted')).toThrow(ConflictError);
		expect(() => meetings.setState(db, organiser, id, 'minutes_published')).toThrow(ConflictError);
		meetings.setState(db, organiser, id, 'agenda_published');
		expect(() => meetings.setState(db, organiser, id, 'minutes_published')).toThrow(ConflictError);
		meetings.setState(db, organiser, id, 'draft'); // one back, to fix a mistake
		meetings.setState(db, organiser, id, 'agenda_published');
		meetings.setState(db, organiser, id, 'minutes_drafted');
		expect(() => meetings.setState(db, organiser, id, 'draft')).toThrow(ConflictError);
		meetings.setState(db, organiser, id, 'minutes_published');
		expect(() => meetings.setState(db, organiser, id, 'agenda_published')).toThrow(ConflictError);
		expect(() => meetings.setState(db, organiser, id, 'draft')).toThrow(ConflictError);
		expect(row(db, id).state).toBe('minutes_published');
		meetings.setState(db, organiser, id, 'minutes_drafted');
		expect(row(db, id).state).toBe('minutes_drafted');
		expect(auditActions(db).filter((a) => a.startsWith('meeting.') && !a.startsWith('meeting.item') && a !== 'meeting.created')).toEqual([
			'meeting.agenda_published',
			'meeting.draft',
			'meeting.agenda_published',
			'meeting.minutes_drafted',
			'meeting.minutes_published',
			'meeting.minutes_drafted'
		]);
	});

	it('will not publish an agenda with nothing on it', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser, { items: [] });
		expect(() => meetings.setState(db, organiser, id, 'agenda_published')).toThrow(ValidationError);
		expect(row(db, id).state).toBe('draft');
		meetings.addItem(db, organiser, id, itemInput());
		meetings.setState(db, organiser, id, 'agenda_published');
		expect(row(db, id).state).toBe('agenda_published');
	});

	it('keeps a cancelled meeting where it is until the cancellation is taken back', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser, { state: 'agenda_published' });
		meetings.cancel(db, organiser, id, 'The hall is flooded');
		expect(() => meetings.setState(db, organiser, id, 'minutes_drafted')).toThrow(ConflictError);
		expect(() => meetings.setState(db, organiser, id, 'draft')).toThrow(ConflictError);
		expect(row(db, id).state).toBe('agenda_published');
		meetings.uncancel(db, organiser, id);
		meetings.setState(db, organiser, id, 'minutes_drafted');
		expect(row(db, id).state).toBe('minutes_drafted');
	});

	it('records when the minutes were first published, once', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser, { state: 'minutes_drafted' });
		expect(row(db, id).minutesPublishedAt).toBeNull();
		meetings.setState(db, organiser, id, 'minutes_published', at('2026-03-12T10:00:00Z'));
		expect(row(db, id).minutesPublishedAt).toEqual(at('2026-03-12T10:00:00Z'));
		meetings.setState(db, organiser, id, 'minutes_drafted', at('2026-03-13T10:00:00Z'));
		meetings.setState(db, organiser, id, 'minutes_published', at('2026-03-14T10:00:00Z'));
		expect(row(db, id).minutesPublishedAt).toEqual(at('2026-03-12T10:00:00Z'));
		expect(row(db, id).updatedAt).toEqual(at('2026-03-14T10:00:00Z'));
	});

	it('refuses a meeting that does not exist', () => {
		const { db, organiser } = setUp();
		expect(() => meetings.setState(db, organiser, 999, 'agenda_published')).toThrow(NotFoundError);
		expect(() => meetings.get(db, organiser, 999)).toThrow(NotFoundError);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Planning, moving, cancelling                                                             */
/* ---------------------------------------------------------------------------------------- */

describe('planning, moving and cancelling meetings', () => {
	it('checks the details: a title, an end after the start, a place or a web link', () => {
		const { db, organiser } = setUp();
		const bad: Partial<meetings.MeetingInput>[] = [
			{ title: '   ' },
			{ endsAt: at('2026-03-10T18:00:00Z') },
			{ endsAt: at('2026-03-10T17:00:00Z') },
			{ place: ' ', onlineLink: '' },
			{ onlineLink: 'javascript:alert(1)' },
			{ onlineLink: 'https://meet.example.org/a b' }
		];
		for (const input of bad) expect(() => meetings.create(db, organiser, meetingInput(input)), JSON.stringify(input)).toThrow(ValidationError);
		expect(db.select().from(meeting).all()).toHaveLength(0);
		const id = meetings.create(db, organiser, meetingInput({ title: '  Spring forum ', place: '', onlineLink: 'https://meet.example.org/abc', access: ['bsl', 'step_free'] }));
		expect(row(db, id)).toMatchObject({ title: 'Spring forum', place: '', onlineLink: 'https://meet.example.org/abc', access: '["step_free","bsl"]', state: 'draft' });
	});

	it('keeps the old time of a moved meeting only once its agenda is out', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser);
		meetings.update(db, organiser, id, meetingInput({ startsAt: at('2026-03-11T18:00:00Z'), endsAt: at('2026-03-11T20:00:00Z') }));
		expect(row(db, id).movedFrom).toBeNull(); // a draft just changes
		meetings.setState(db, organiser, id, 'agenda_published');
		meetings.update(db, organiser, id, meetingInput({ title: 'Renamed', startsAt: at('2026-03-11T18:00:00Z'), endsAt: at('2026-03-11T20:00:00Z') }));
		expect(row(db, id).movedFrom).toBeNull(); // same time: not a move
		meetings.update(db, organiser, id, meetingInput({ startsAt: at('2026-03-18T18:00:00Z'), endsAt: at('2026-03-18T20:00:00Z') }), at('2026-03-02T10:00:00Z'));
		expect(row(db, id)).toMatchObject({ movedFrom: at('2026-03-11T18:00:00Z'), startsAt: at('2026-03-18T18:00:00Z'), updatedAt: at('2026-03-02T10:00:00Z') });
		meetings.update(db, organiser, id, meetingInput({ place: 'Library', startsAt: at('2026-03-18T18:00:00Z'), endsAt: at('2026-03-18T20:00:00Z') }));
		expect(row(db, id)).toMatchObject({ movedFrom: at('2026-03-11T18:00:00Z'), place: 'Library' });
		const moved = db.select().from(auditEntry).all().filter((e) => e.action === 'meeting.moved');
		expect(moved).toHaveLength(1);
		expect(JSON.stringify(moved[0].details)).toContain('2026-03-18T18:00:00.000Z');
	});

	it('cancels with a reason, keeps the meeting listed, and can take the cancellation back', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser, { state: 'agenda_published' });
		expect(() => meetings.cancel(db, organiser, id, '   ')).toThrow(ValidationError);
		expect(row(db, id).cancelledAt).toBeNull();
		meetings.cancel(db, organiser, id, '  The hall is flooded  ', at('2026-03-05T09:00:00Z'));
		expect(row(db, id)).toMatchObject({ cancelledAt: at('2026-03-05T09:00:00Z'), cancelReason: 'The hall is flooded' });
		const listed = meetings.listPublic(db, { when: 'upcoming' }, NOW).meetings;
		expect(listed.map((m) => [m.id, m.cancelReason])).toEqual([[id, 'The hall is flooded']]);
		expect(meetings.forCalendar(db).map((m) => m.cancelledAt)).toEqual([at('2026-03-05T09:00:00Z')]);
		meetings.uncancel(db, organiser, id);
		expect(row(db, id)).toMatchObject({ cancelledAt: null, cancelReason: '' });
		expect(() => meetings.cancel(db, organiser, 999, 'x')).toThrow(NotFoundError);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Agenda                                                                                   */
/* ---------------------------------------------------------------------------------------- */

describe('the agenda', () => {
	const titles = (db: Db, id: number) =>
		db.select().from(agendaItem).where(eq(agendaItem.meetingId, id)).orderBy(asc(agendaItem.position)).all().map((i) => [i.position, i.title]);

	it('adds items at the end, changes them and checks them', () => {
		const { db, organiser } = setUp();
		const { id, itemIds } = plan(db, organiser, { items: ['Welcome', 'Short breaks', 'Any other business'] });
		expect(titles(db, id)).toEqual([[1, 'Welcome'], [2, 'Short breaks'], [3, 'Any other business']]);
		meetings.updateItem(db, organiser, itemIds[1], itemInput({ title: ' Short breaks review ', lead: ' SALT lead ', minutesAllotted: 30, kind: 'decision' }));
		expect(db.select().from(agendaItem).where(eq(agendaItem.id, itemIds[1])).get()).toMatchObject({
			title: 'Short breaks review',
			lead: 'SALT lead',
			minutesAllotted: 30,
			kind: 'decision'
		});
		for (const bad of [{ title: ' ' }, { minutesAllotted: 0 }, { minutesAllotted: 481 }, { minutesAllotted: 2.5 }]) {
			expect(() => meetings.addItem(db, organiser, id, itemInput(bad)), JSON.stringify(bad)).toThrow(ValidationError);
			expect(() => meetings.updateItem(db, organiser, itemIds[0], itemInput(bad)), JSON.stringify(bad)).toThrow(ValidationError);
		}
		expect(titles(db, id)).toHaveLength(3);
		expect(() => meetings.addItem(db, organiser, 999, itemInput())).toThrow(NotFoundError);
		expect(() => meetings.updateItem(db, organiser, 999, itemInput())).toThrow(NotFoundError);
	});

	it('moves items up and down one place, and leaves them at either end', () => {
		const { db, organiser } = setUp();
		const { id, itemIds } = plan(db, organiser, { items: ['A', 'B', 'C'] });
		meetings.moveItem(db, organiser, itemIds[2], 'up');
		expect(titles(db, id)).toEqual([[1, 'A'], [2, 'C'], [3, 'B']]);
		meetings.moveItem(db, organiser, itemIds[0], 'down');
		expect(titles(db, id)).toEqual([[1, 'C'], [2, 'A'], [3, 'B']]);
		meetings.moveItem(db, organiser, itemIds[2], 'up'); // C is first already
		meetings.moveItem(db, organiser, itemIds[1], 'down'); // B is last already
		expect(titles(db, id)).toEqual([[1, 'C'], [2, 'A'], [3, 'B']]);
		expect(() => meetings.moveItem(db, organiser, 999, 'up')).toThrow(NotFoundError);
	});

	it('removes items (with their papers) and closes the gap, but not items with decisions or actions', () => {
		const { db, organiser } = setUp();
		const { id, itemIds } = plan(db, organiser, { items: ['A', 'B', 'C', 'D'] });
		meetings.addPaper(db, organiser, itemIds[0], 'Plan', PDF);
		meetings.removeItem(db, organiser, itemIds[0]);
		expect(titles(db, id)).toEqual([[1, 'B'], [2, 'C'], [3, 'D']]);
		expect(db.select().from(paper).all()).toHaveLength(0);
		meetings.saveItemMinutes(db, organiser, itemIds[1], { notes: 'Talked', decisions: ['We agreed'] });
		meetings.addAction(db, organiser, itemIds[2], actionInput());
		expect(() => meetings.removeItem(db, organiser, itemIds[1])).toThrow(ConflictError);
		expect(() => meetings.removeItem(db, organiser, itemIds[2])).toThrow(ConflictError);
		expect(titles(db, id)).toEqual([[1, 'B'], [2, 'C'], [3, 'D']]);
		// once its decisions are gone, it can go
		meetings.saveItemMinutes(db, organiser, itemIds[1], { notes: '', decisions: [] });
		meetings.removeItem(db, organiser, itemIds[1]);
		expect(titles(db, id)).toEqual([[1, 'C'], [2, 'D']]);
		expect(() => meetings.removeItem(db, organiser, 999)).toThrow(NotFoundError);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Papers                                                                                   */
/* ---------------------------------------------------------------------------------------- */

describe('papers', () => {
	it('are known by their bytes: PDF, Word (new and old) and ODT', () => {
		expect(meetings.paperType(PDF)).toBe('pdf');
		expect(meetings.paperType(DOCX)).toBe('docx');
		expect(meetings.paperType(ODT)).toBe('odt');
		expect(meetings.paperType(DOC)).toBe('doc');
	});

	it('refuse anything else, whatever it is called', () => {
		const refused = {
			html: bytes('<!DOCTYPE html><html><script>alert(1)</script></html>'),
			svg: bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
			exe: bytes('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00'),
			pdfLate: bytes(' %PDF-1.4 a space first'),
			spreadsheet: zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<x/>']]),
			plainZip: zip([['notes.txt', 'hello'], ['word.txt', 'no']]),
			xlsx: zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>']]),
			truncatedOle: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]),
			empty: new Uint8Array()
		};
		for (const [name, content] of Object.entries(refused)) expect(meetings.paperType(content), name).toBeNull();
	});

	it('are attached only when they are a known type, not empty and not over 10 MB', () => {
		const { db, organiser } = setUp();
		const { itemId } = plan(db, organiser);
		const attempt = (title: string, content: Uint8Array) => () => meetings.addPaper(db, organiser, itemId, title, content);
		expect(attempt('report.pdf', bytes('<html><body>not a pdf</body></html>'))).toThrow(ValidationError);
		expect(attempt('logo.svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(ValidationError);
		expect(attempt('setup.exe', bytes('MZ\x90\x00'))).toThrow(ValidationError);
		expect(attempt('empty.pdf', new Uint8Array())).toThrow(ValidationError);
		expect(attempt('  ', PDF)).toThrow(ValidationError);
		const big = new Uint8Array(PAPER_MAX_BYTES + 1);
		big.set(PDF);
		expect(attempt('big', big)).toThrow(ValidationError);
		expect(db.select().from(paper).all()).toHaveLength(0);
		// exactly 10 MB is allowed
		const limit = new Uint8Array(PAPER_MAX_BYTES);
		limit.set(PDF);
		expect(attempt('Limit', limit)()).toBeGreaterThan(0);
		// the name says PDF, the bytes say Word: the bytes win
		const id = attempt('Report.pdf', DOCX)();
		expect(db.select({ fileName: paper.fileName, mime: paper.mime, size: paper.size }).from(paper).where(eq(paper.id, id)).get()).toEqual({
			fileName: 'report-pdf.docx',
			mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			size: DOCX.length
		});
		expect(() => meetings.addPaper(db, organiser, 999, 'x', PDF)).toThrow(NotFoundError);
	});

	it('get a file name that is safe everywhere', () => {
		expect(meetings.safeFileName('Café Über-Plan', 'pdf')).toBe('cafe-uber-plan.pdf');
		expect(meetings.safeFileName('İyi Günler Şube', 'odt')).toBe('iyi-gunler-sube.odt');
		expect(meetings.safeFileName('../../etc/passwd', 'pdf')).toBe('etc-passwd.pdf');
		expect(meetings.safeFileName('C:\\Windows\\evil', 'doc')).toBe('c-windows-evil.doc');
		expect(meetings.safeFileName('He said "no"; \'yes\'', 'docx')).toBe('he-said-no-yes.docx');
		expect(meetings.safeFileName('a\r\nContent-Type: text/html', 'pdf')).toBe('a-content-type-text-html.pdf');
		expect(meetings.safeFileName('', 'pdf')).toBe('paper.pdf');
		expect(meetings.safeFileName('  !!! ', 'pdf')).toBe('paper.pdf');
		expect(meetings.safeFileName('خوش آمدید', 'pdf')).toBe('paper.pdf');
		const long = meetings.safeFileName('Minutes '.repeat(40), 'pdf');
		expect(long).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.pdf$/); // no dash at either end, even cut short
		expect(long.length).toBeLessThanOrEqual(64);
		expect(meetings.safeFileName(`${'a'.repeat(59)} b`, 'pdf')).toBe(`${'a'.repeat(59)}.pdf`);
	});

	it('can be downloaded by organisers while the meeting is a draft, and by anyone once the agenda is out', () => {
		const { db, organiser, admin, parent } = setUp();
		const { id, itemId } = plan(db, organiser);
		const paperId = meetings.addPaper(db, organiser, itemId, 'Budget 2026', PDF);
		expect(meetings.paperFile(db, organiser, paperId)).toMatchObject({ fileName: 'budget-2026.pdf', mime: 'application/pdf' });
		expect(Buffer.from(meetings.paperFile(db, admin, paperId).bytes).equals(Buffer.from(PDF))).toBe(true);
		expect(() => meetings.paperFile(db, null, paperId)).toThrow(NotFoundError);
		expect(() => meetings.paperFile(db, parent, paperId)).toThrow(NotFoundError);
		meetings.setState(db, organiser, id, 'agenda_published');
		expect(Buffer.from(meetings.paperFile(db, null, paperId).bytes).equals(Buffer.from(PDF))).toBe(true);
		expect(meetings.paperFile(db, parent, paperId).fileName).toBe('budget-2026.pdf');
		meetings.removePaper(db, organiser, paperId);
		expect(() => meetings.paperFile(db, organiser, paperId)).toThrow(NotFoundError);
		expect(() => meetings.removePaper(db, organiser, paperId)).toThrow(NotFoundError);
	});

	it('are added from a page that opens the meeting for its organisers only, even once the public can read it', () => {
		const { db, organiser, admin, parent } = setUp();
		const { id } = plan(db, organiser);
		meetings.setState(db, organiser, id, 'agenda_published');
		expect(meetings.get(db, parent, id).id).toBe(id);
		expect(() => meetings.getForManaging(db, parent, id)).toThrow(ForbiddenError);
		expect(() => meetings.getForManaging(db, null, id)).toThrow(ForbiddenError);
		expect(meetings.getForManaging(db, organiser, id).items.length).toBeGreaterThan(0);
		expect(meetings.getForManaging(db, admin, id).id).toBe(id);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Minutes                                                                                  */
/* ---------------------------------------------------------------------------------------- */

describe('minutes', () => {
	it('replace an item\'s decisions and keep its notes', () => {
		const { db, organiser } = setUp();
		const { id, itemId } = plan(db, organiser, { state: 'minutes_drafted' });
		meetings.saveItemMinutes(db, organiser, itemId, { notes: '  We talked about **transport**. ', decisions: ['Write to the council', 'Ask the schools'] });
		meetings.saveItemMinutes(db, organiser, itemId, { notes: 'We talked about transport.', decisions: ['  Ask the schools ', '', '  '] });
		const item = meetings.get(db, organiser, id).items[0];
		expect(item.notes).toBe('We talked about transport.');
		expect(item.decisions.map((d) => d.text)).toEqual(['Ask the schools']);
		expect(versionsOf(db, id)).toHaveLength(0); // not published yet: no versions
		expect(() => meetings.saveItemMinutes(db, organiser, 999, { notes: '', decisions: [] })).toThrow(NotFoundError);
	});

	it('give each action exactly one owner: a person, a service or a name', () => {
		const { db, admin, organiser } = setUp();
		const salt = services.create(db, admin, { name: 'SALT', sector: 'health', description: '', leadIds: [] });
		const { id, itemId } = plan(db, organiser, { state: 'minutes_drafted' });
		for (const bad of [
			{ ownerName: '' },
			{ ownerName: '  ' },
			{ ownerUserId: organiser.id },
			{ ownerServiceId: salt },
			{ ownerName: '', ownerUserId: organiser.id, ownerServiceId: salt },
			{ ownerName: '', ownerUserId: 999 },
			{ ownerName: '', ownerServiceId: 999 },
			{ what: '  ' },
			{ dueOn: '1 April' }
		]) {
			expect(() => meetings.addAction(db, organiser, itemId, actionInput(bad)), JSON.stringify(bad)).toThrow(ValidationError);
		}
		meetings.addAction(db, organiser, itemId, actionInput({ ownerName: '', ownerUserId: organiser.id, what: 'Person' }));
		meetings.addAction(db, organiser, itemId, actionInput({ ownerName: '', ownerServiceId: salt, what: 'Service' }));
		meetings.addAction(db, organiser, itemId, actionInput({ ownerName: ' Local offer team ', what: 'Name' }));
		expect(meetings.get(db, organiser, id).items[0].actions.map((a) => [a.what, a.ownerLabel])).toEqual([
			['Person', 'Olu Organiser'],
			['Service', 'SALT'],
			['Name', 'Local offer team']
		]);
	});

	it('need a reason to drop an action, and note the day an action is closed', () => {
		const { db, organiser } = setUp();
		const { id, itemId } = plan(db, organiser, { state: 'minutes_drafted' });
		const actionId = meetings.addAction(db, organiser, itemId, actionInput(), at('2026-03-10T20:00:00Z'));
		const action = () => meetings.get(db, organiser, id).items[0].actions[0];
		expect(() => meetings.updateAction(db, organiser, actionId, actionInput({ status: 'dropped', droppedReason: ' ' }))).toThrow(ValidationError);
		expect(action().status).toBe('open');
		meetings.updateAction(db, organiser, actionId, actionInput({ status: 'dropped', droppedReason: ' The school closed ' }), at('2026-03-20T23:30:00Z'));
		expect(action()).toMatchObject({ status: 'dropped', droppedReason: 'The school closed', closedOn: '2026-03-20' });
		meetings.updateAction(db, organiser, actionId, actionInput(), at('2026-03-21T10:00:00Z'));
		expect(action()).toMatchObject({ status: 'open', droppedReason: '', closedOn: null });
		meetings.updateAction(db, organiser, actionId, actionInput({ status: 'done' }), at('2026-04-02T09:00:00Z'));
		meetings.updateAction(db, organiser, actionId, actionInput({ status: 'done', what: 'Reworded' }), at('2026-04-09T09:00:00Z'));
		expect(action()).toMatchObject({ status: 'done', what: 'Reworded', closedOn: '2026-04-02' });
		expect(() => meetings.updateAction(db, organiser, 999, actionInput())).toThrow(NotFoundError);
	});

	it('once published, keep a version before every change and say when they were updated', () => {
		const { db, admin, organiser } = setUp();
		const { id, itemIds } = plan(db, organiser, { items: ['A', 'B'], state: 'minutes_drafted' });
		meetings.saveItemMinutes(db, organiser, itemIds[0], { notes: 'First words', decisions: ['Yes'] });
		const actionId = meetings.addAction(db, organiser, itemIds[0], actionInput());
		meetings.setState(db, organiser, id, 'minutes_published', at('2026-03-12T10:00:00Z'));
		expect(row(db, id).minutesUpdatedAt).toBeNull();
		expect(versionsOf(db, id)).toHaveLength(0);

		const changes: [string, (now: Date) => void][] = [
			['notes', (now) => meetings.saveItemMinutes(db, organiser, itemIds[0], { notes: 'Second words', decisions: ['Yes'] }, now)],
			['add action', (now) => meetings.addAction(db, organiser, itemIds[0], actionInput({ what: 'Another' }), now)],
			['update action', (now) => meetings.updateAction(db, admin, actionId, actionInput({ status: 'done' }), now)],
			['attendance', (now) => meetings.saveAttendance(db, organiser, id, { attended: ['Sam'], apologies: ['Kim'], guests: [] }, now)],
			['easy read', (now) => meetings.saveEasyRead(db, organiser, id, [{ text: 'We met.', symbolId: null }], now)],
			['add item', (now) => meetings.addItem(db, organiser, id, itemInput({ title: 'C' }), now)],
			['update item', (now) => meetings.updateItem(db, organiser, itemIds[1], itemInput({ title: 'B2' }), now)],
			['remove item', (now) => meetings.removeItem(db, organiser, itemIds[1], now)]
		];
		changes.forEach(([name, change], i) => {
			const now = new Date(Date.UTC(2026, 2, 13 + i, 9));
			change(now);
			expect(versionsOf(db, id).map((v) => v.version), name).toEqual(Array.from({ length: i + 1 }, (_, n) => n + 1));
			expect(row(db, id).minutesUpdatedAt, name).toEqual(now);
			expect(row(db, id).updatedAt, name).toEqual(now);
		});
		// each version is the minutes as they were just before the change
		const [first, second, third] = versionsOf(db, id);
		expect(JSON.parse(first.snapshot).items[0].notes).toBe('First words');
		expect(first.replacedBy).toBe(organiser.id);
		expect(JSON.parse(second.snapshot).items[0].notes).toBe('Second words');
		expect(JSON.parse(second.snapshot).items[0].actions).toHaveLength(1);
		expect(JSON.parse(third.snapshot).items[0].actions.map((a: { status: string }) => a.status)).toEqual(['open', 'open']);
		expect(third.replacedBy).toBe(admin.id);
		expect(meetings.get(db, null, id).versions).toBe(changes.length);
		expect(row(db, id).minutesPublishedAt).toEqual(at('2026-03-12T10:00:00Z'));
	});

	it('stay hidden from the public until they are published', () => {
		const { db, organiser, parent } = setUp();
		const { id, itemId } = plan(db, organiser);
		expect(() => meetings.get(db, null, id)).toThrow(NotFoundError); // a draft
		expect(() => meetings.get(db, parent, id)).toThrow(NotFoundError);
		meetings.setState(db, organiser, id, 'agenda_published');
		meetings.setState(db, organiser, id, 'minutes_drafted');
		meetings.saveItemMinutes(db, organiser, itemId, { notes: 'Secret draft notes', decisions: ['Draft decision'] });
		meetings.addAction(db, organiser, itemId, actionInput());
		meetings.saveAttendance(db, organiser, id, { attended: ['Sam'], apologies: [], guests: ['Guest'] });
		meetings.saveEasyRead(db, organiser, id, [{ text: 'Draft summary.', symbolId: null }]);
		for (const reader of [null, parent]) {
			const seen = meetings.get(db, reader, id);
			expect(seen.showMinutes).toBe(false);
			expect(seen.items.map((i) => [i.title, i.notes, i.decisions, i.actions])).toEqual([['Welcome', '', [], []]]);
			expect(seen.attendance).toEqual([]);
			expect(seen.easyReadSentences).toEqual([]);
			expect(JSON.stringify(seen)).not.toMatch(/Secret|Draft decision|Draft summary|Sam|Guest|Write to the schools/);
		}
		const organiserView = meetings.get(db, organiser, id);
		expect(organiserView.showMinutes).toBe(true);
		expect(organiserView.items[0].notes).toBe('Secret draft notes');
		meetings.setState(db, organiser, id, 'minutes_published');
		const published = meetings.get(db, null, id);
		expect(published.showMinutes).toBe(true);
		expect(published.items[0]).toMatchObject({ notes: 'Secret draft notes', decisions: [{ text: 'Draft decision' }] });
		expect(published.items[0].actions).toHaveLength(1);
		expect(published.attendance).toEqual([
			{ name: 'Sam', kind: 'attended' },
			{ name: 'Guest', kind: 'guest' }
		]);
		expect(published.easyReadSentences).toEqual([{ text: 'Draft summary.', symbolId: null }]);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Matters arising and the actions tracker                                                  */
/* ---------------------------------------------------------------------------------------- */

describe('matters arising', () => {
	function year(db: Db, organiser: Person) {
		const when = (month: string) => ({ startsAt: at(`2026-${month}-10T18:00:00Z`), endsAt: at(`2026-${month}-10T20:00:00Z`) });
		const jan = plan(db, organiser, { input: { title: 'January', ...when('01') }, state: 'minutes_published' });
		const feb = plan(db, organiser, { input: { title: 'February', ...when('02') }, state: 'minutes_published' });
		const mar = plan(db, organiser, { input: { title: 'March', ...when('03') }, state: 'agenda_published' });
		const open = meetings.addAction(db, organiser, jan.itemId, actionInput({ what: 'Jan open', dueOn: '2026-02-01' }));
		const done = meetings.addAction(db, organiser, jan.itemId, actionInput({ what: 'Jan done', status: 'done' }));
		meetings.addAction(db, organiser, jan.itemId, actionInput({ what: 'Jan dropped', status: 'dropped', droppedReason: 'No longer needed' }));
		const febOpen = meetings.addAction(db, organiser, feb.itemId, actionInput({ what: 'Feb open', dueOn: '2026-03-01' }));
		return { jan, feb, mar, open, done, febOpen };
	}
	const whats = (list: { what: string }[]) => list.map((a) => a.what);

	it('brings open actions of earlier meetings to later ones until they are done or dropped', () => {
		const { db, organiser } = setUp();
		const { jan, feb, mar, open } = year(db, organiser);
		expect(whats(meetings.mattersArising(db, jan.id))).toEqual([]);
		expect(whats(meetings.mattersArising(db, feb.id))).toEqual(['Jan open']);
		expect(whats(meetings.mattersArising(db, mar.id))).toEqual(['Jan open', 'Feb open']);
		expect(meetings.mattersArising(db, mar.id)[0]).toMatchObject({ meetingTitle: 'January', ownerLabel: 'The chair' });
		expect(whats(meetings.get(db, null, mar.id).mattersArising)).toEqual(['Jan open', 'Feb open']);
		meetings.updateAction(db, organiser, open, actionInput({ what: 'Jan open', status: 'done' }));
		expect(whats(meetings.mattersArising(db, feb.id))).toEqual([]);
		expect(whats(meetings.mattersArising(db, mar.id))).toEqual(['Feb open']);
	});

	it('leaves out actions of cancelled meetings', () => {
		const { db, organiser } = setUp();
		const { feb, mar } = year(db, organiser);
		meetings.cancel(db, organiser, feb.id, 'Snow');
		expect(whats(meetings.mattersArising(db, mar.id))).toEqual(['Jan open']);
	});

	it('shows the public only actions from published minutes', () => {
		const { db, organiser } = setUp();
		const { feb, mar } = year(db, organiser);
		meetings.setState(db, organiser, feb.id, 'minutes_drafted'); // February's minutes go back to draft
		expect(whats(meetings.get(db, null, mar.id).mattersArising)).toEqual(['Jan open']);
		expect(whats(meetings.get(db, organiser, mar.id).mattersArising)).toEqual(['Jan open', 'Feb open']);
	});
});

describe('the actions tracker', () => {
	it('lists open actions from published minutes only, overdue first, then by due date', () => {
		const { db, organiser } = setUp();
		const published = plan(db, organiser, { state: 'minutes_published' });
		const drafted = plan(db, organiser, { state: 'minutes_drafted' });
		const add = (itemId: number, what: string, dueOn: string | null, status: 'open' | 'done' = 'open') =>
			meetings.addAction(db, organiser, itemId, actionInput({ what, dueOn, status }));
		add(published.itemId, 'due later', '2026-06-01');
		add(published.itemId, 'no date', null);
		add(published.itemId, 'overdue recent', '2026-02-20');
		add(published.itemId, 'overdue old', '2026-01-05');
		add(published.itemId, 'due today', '2026-03-01');
		add(published.itemId, 'finished', '2026-01-01', 'done');
		add(drafted.itemId, 'draft minutes', '2026-01-01');
		const list = meetings.openActions(db, '2026-03-01');
		expect(list.map((a) => [a.what, a.overdue])).toEqual([
			['overdue old', true],
			['overdue recent', true],
			['due today', false],
			['due later', false],
			['no date', false]
		]);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Public lists                                                                             */
/* ---------------------------------------------------------------------------------------- */

describe('the public lists', () => {
	function meetingsOf(db: Db, organiser: Person) {
		const on = (iso: string, title: string, state: 'draft' | 'agenda_published' | 'minutes_drafted' | 'minutes_published', items = ['Welcome']) =>
			plan(db, organiser, {
				input: { title, startsAt: at(iso), endsAt: new Date(at(iso).getTime() + 2 * 3600_000) },
				items,
				state
			});
		return {
			past2025: on('2025-11-10T18:00:00Z', 'Autumn forum', 'minutes_published', ['Transport to school']),
			past2026: on('2026-01-12T18:00:00Z', 'Winter forum', 'minutes_drafted', ['Short breaks']),
			pastB: on('2026-02-09T18:00:00Z', 'February forum', 'minutes_published', ['Speech and language therapy']),
			soon: on('2026-03-09T18:00:00Z', 'Spring forum', 'agenda_published', ['Transport review']),
			later: on('2026-05-11T17:00:00Z', 'Summer forum', 'agenda_published'),
			draft: on('2026-04-13T17:00:00Z', 'Draft forum', 'draft', ['Transport secrets'])
		};
	}
	const ids = (result: { meetings: { id: number }[] }) => result.meetings.map((m) => m.id);

	it('split upcoming (soonest first) from past (newest first) and never show drafts', () => {
		const { db, organiser } = setUp();
		const m = meetingsOf(db, organiser);
		expect(ids(meetings.listPublic(db, { when: 'upcoming' }, NOW))).toEqual([m.soon.id, m.later.id]);
		expect(ids(meetings.listPublic(db, { when: 'past' }, NOW))).toEqual([m.pastB.id, m.past2026.id, m.past2025.id]);
		expect(meetings.listPublic(db, { when: 'past' }, NOW).total).toBe(3);
		// a meeting still going on is upcoming until it ends
		const during = new Date('2026-03-09T19:00:00Z');
		expect(ids(meetings.listPublic(db, { when: 'upcoming' }, during))[0]).toBe(m.soon.id);
		expect(ids(meetings.listPublic(db, { when: 'upcoming' }, at('2026-03-09T20:30:00Z')))).toEqual([m.later.id]);
	});

	it('find words in titles and agenda items, and in notes only once the minutes are out', () => {
		const { db, organiser } = setUp();
		const m = meetingsOf(db, organiser);
		meetings.saveItemMinutes(db, organiser, m.past2026.itemId, { notes: 'Families asked about respite', decisions: [] });
		meetings.saveItemMinutes(db, organiser, m.pastB.itemId, { notes: 'Waiting lists for respite care', decisions: [] });
		const search = (q: string, when: 'upcoming' | 'past' = 'past') => ids(meetings.listPublic(db, { when, q }, NOW));
		expect(search('transport')).toEqual([m.past2025.id]);
		expect(search('TRANSPORT', 'upcoming')).toEqual([m.soon.id]); // never the draft
		expect(search('winter')).toEqual([m.past2026.id]);
		expect(search('respite')).toEqual([m.pastB.id]); // the January notes are still a draft
		expect(search('respite waiting')).toEqual([m.pastB.id]);
		expect(search('respite autumn')).toEqual([]);
		expect(search('%')).toEqual([]);
		expect(search('_')).toEqual([]);
		expect(search('   ')).toHaveLength(3);
	});

	it('filter by year and list the years there are meetings in', () => {
		const { db, organiser } = setUp();
		const m = meetingsOf(db, organiser);
		expect(ids(meetings.listPublic(db, { when: 'past', year: 2025 }, NOW))).toEqual([m.past2025.id]);
		expect(ids(meetings.listPublic(db, { when: 'past', year: 2026 }, NOW))).toEqual([m.pastB.id, m.past2026.id]);
		expect(ids(meetings.listPublic(db, { when: 'past', year: 2024 }, NOW))).toEqual([]);
		expect(meetings.listPublic(db, { when: 'past' }, NOW).years).toEqual([2026, 2025]);
	});

	it('page through many meetings', () => {
		const { db, organiser } = setUp();
		for (let i = 0; i < meetings.PUBLIC_PAGE_SIZE + 2; i++) {
			plan(db, organiser, { input: { startsAt: at(`2026-04-${String(i + 1).padStart(2, '0')}T17:00:00Z`), endsAt: at(`2026-04-${String(i + 1).padStart(2, '0')}T19:00:00Z`) }, state: 'agenda_published' });
		}
		expect(meetings.listPublic(db, { when: 'upcoming', page: 1 }, NOW).meetings).toHaveLength(meetings.PUBLIC_PAGE_SIZE);
		const second = meetings.listPublic(db, { when: 'upcoming', page: 2 }, NOW);
		expect(second.meetings).toHaveLength(2);
		expect(second.total).toBe(meetings.PUBLIC_PAGE_SIZE + 2);
		expect(second.meetings[1].startsAt).toEqual(at('2026-04-22T17:00:00Z'));
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Replies                                                                                  */
/* ---------------------------------------------------------------------------------------- */

describe('saying you will come', () => {
	it('is for signed-in people, one answer each that can change', () => {
		const { db, organiser, parent } = setUp();
		const { id } = plan(db, organiser, { state: 'agenda_published' });
		expect(() => meetings.reply(db, null, id, 'attending', NOW)).toThrow(ForbiddenError);
		meetings.reply(db, parent, id, 'attending', NOW);
		expect(meetings.myReply(db, parent, id)).toBe('attending');
		meetings.reply(db, parent, id, 'apologies', NOW);
		expect(meetings.myReply(db, parent, id)).toBe('apologies');
		expect(meetings.myReply(db, null, id)).toBeNull();
		expect(meetings.myReply(db, organiser, id)).toBeNull();
		const rows = db.select().from(attendance).where(and(eq(attendance.meetingId, id), eq(attendance.userId, parent.id))).all();
		expect(rows.map((r) => [r.kind, r.name])).toEqual([['apologies', 'Pat Parent']]);
	});

	it('is only for upcoming meetings the public can see, not cancelled ones', () => {
		const { db, organiser, parent } = setUp();
		const draft = plan(db, organiser);
		const past = plan(db, organiser, { input: { startsAt: at('2026-02-10T18:00:00Z'), endsAt: at('2026-02-10T20:00:00Z') }, state: 'agenda_published' });
		const cancelled = plan(db, organiser, { state: 'agenda_published' });
		meetings.cancel(db, organiser, cancelled.id, 'Snow');
		expect(() => meetings.reply(db, parent, draft.id, 'attending', NOW)).toThrow(NotFoundError);
		expect(() => meetings.reply(db, parent, past.id, 'attending', NOW)).toThrow(ConflictError);
		expect(() => meetings.reply(db, parent, cancelled.id, 'apologies', NOW)).toThrow(ConflictError);
		expect(() => meetings.reply(db, parent, 999, 'apologies', NOW)).toThrow(NotFoundError);
		expect(db.select().from(attendance).all()).toHaveLength(0);
	});

	it('shows organisers who is coming, without the names in the minutes', () => {
		const { db, admin, organiser, parent } = setUp();
		const { id } = plan(db, organiser, { state: 'agenda_published' });
		const other = addPerson(db, ['young_person'], { name: 'Yan Young', email: 'yan@example.org' });
		meetings.reply(db, parent, id, 'attending', NOW);
		meetings.reply(db, other, id, 'apologies', NOW);
		meetings.saveAttendance(db, organiser, id, { attended: ['Someone in the room'], apologies: [], guests: [] });
		expect(meetings.replies(db, organiser, id).map((r) => [r.name, r.kind, r.email])).toEqual([
			['Yan Young', 'apologies', 'yan@example.org'],
			['Pat Parent', 'attending', parent.email]
		]);
		expect(meetings.replies(db, admin, id)).toHaveLength(2);
		expect(() => meetings.replies(db, parent, id)).toThrow(ForbiddenError);
		expect(() => meetings.replies(db, null, id)).toThrow(ForbiddenError);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Board items                                                                              */
/* ---------------------------------------------------------------------------------------- */

describe('raising a "you said" board item', () => {
	it('makes an unpublished board item from the agenda item, linked both ways, once', () => {
		const { db, organiser } = setUp();
		const { id, itemId } = plan(db, organiser, {
			input: { title: 'Winter forum', startsAt: at('2026-01-12T18:00:00Z'), endsAt: at('2026-01-12T20:00:00Z') },
			items: ['Transport to school'],
			state: 'minutes_drafted'
		});
		meetings.saveItemMinutes(db, organiser, itemId, { notes: 'Parents said\n\nthe buses are late.', decisions: [] });
		const boardItemId = meetings.raiseBoardItem(db, organiser, itemId, NOW);
		const raised = db.select().from(boardItem).where(eq(boardItem.id, boardItemId)).get()!;
		expect(raised).toMatchObject({
			source: 'meeting',
			sourceDetail: 'Winter forum, 2026-01-12',
			youSaid: 'Transport to school: Parents said the buses are late.',
			heardOn: '2026-01-12',
			publishedAt: null
		});
		expect(db.select().from(agendaItem).where(eq(agendaItem.id, itemId)).get()!.boardItemId).toBe(boardItemId);
		expect(meetings.raisedFrom(db, boardItemId)).toEqual({ meetingId: id, title: 'Winter forum', itemTitle: 'Transport to school' });
		expect(board.listPublic(db, {}).total).toBe(0);
		expect(() => board.getItem(db, null, boardItemId)).toThrow(NotFoundError);
		expect(() => meetings.raiseBoardItem(db, organiser, itemId, NOW)).toThrow(ConflictError);
		expect(db.select().from(boardItem).all()).toHaveLength(1);
		expect(auditActions(db)).toContain('meeting.board_item_raised');
	});

	it('dates an item from a future meeting today, and hides the link while the meeting is a draft', () => {
		const { db, organiser, parent } = setUp();
		const { id, itemId } = plan(db, organiser);
		const boardItemId = meetings.raiseBoardItem(db, organiser, itemId, NOW);
		expect(db.select().from(boardItem).where(eq(boardItem.id, boardItemId)).get()!.heardOn).toBe('2026-03-01');
		expect(meetings.raisedFrom(db, boardItemId)).toBeNull();
		meetings.setState(db, organiser, id, 'agenda_published');
		expect(meetings.raisedFrom(db, boardItemId)?.meetingId).toBe(id);
		expect(meetings.raisedFrom(db, 999)).toBeNull();
		const other = plan(db, organiser);
		expect(() => meetings.raiseBoardItem(db, parent, other.itemId, NOW)).toThrow(ForbiddenError);
		expect(() => meetings.raiseBoardItem(db, organiser, 999, NOW)).toThrow(NotFoundError);
		expect(db.select().from(boardItem).all()).toHaveLength(1);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* Permissions                                                                              */
/* ---------------------------------------------------------------------------------------- */

describe('who may manage meetings', () => {
	const OTHERS: (Role | null)[] = [null, 'service_lead', 'board_member', 'supporter', 'parent_carer', 'young_person'];

	it('is organisers and admins only, for every managing function', () => {
		const { db, admin, organiser } = setUp();
		const { id, itemId } = plan(db, organiser, { state: 'minutes_drafted' });
		const actionId = meetings.addAction(db, organiser, itemId, actionInput());
		const paperId = meetings.addPaper(db, organiser, itemId, 'Plan', PDF);
		type Call = (actor: Actor) => unknown;
		const calls: Record<string, Call> = {
			create: (a) => meetings.create(db, a, meetingInput()),
			update: (a) => meetings.update(db, a, id, meetingInput({ title: 'Changed' })),
			setState: (a) => meetings.setState(db, a, id, 'minutes_published'),
			cancel: (a) => meetings.cancel(db, a, id, 'Reason'),
			uncancel: (a) => meetings.uncancel(db, a, id),
			listForManagers: (a) => meetings.listForManagers(db, a),
			addItem: (a) => meetings.addItem(db, a, id, itemInput()),
			updateItem: (a) => meetings.updateItem(db, a, itemId, itemInput({ title: 'Changed' })),
			moveItem: (a) => meetings.moveItem(db, a, itemId, 'down'),
			removeItem: (a) => meetings.removeItem(db, a, itemId),
			addPaper: (a) => meetings.addPaper(db, a, itemId, 'Plan', PDF),
			removePaper: (a) => meetings.removePaper(db, a, paperId),
			saveItemMinutes: (a) => meetings.saveItemMinutes(db, a, itemId, { notes: 'x', decisions: ['y'] }),
			addAction: (a) => meetings.addAction(db, a, itemId, actionInput()),
			updateAction: (a) => meetings.updateAction(db, a, actionId, actionInput({ status: 'done' })),
			saveAttendance: (a) => meetings.saveAttendance(db, a, id, { attended: ['x'], apologies: [], guests: [] }),
			saveEasyRead: (a) => meetings.saveEasyRead(db, a, id, [{ text: 'x', symbolId: null }]),
			raiseBoardItem: (a) => meetings.raiseBoardItem(db, a, itemId),
			replies: (a) => meetings.replies(db, a, id),
			ownerChoices: (a) => meetings.ownerChoices(db, a)
		};
		const snapshot = () => JSON.stringify([meetings.get(db, organiser, id), db.select().from(auditEntry).all().length, db.select().from(boardItem).all().length]);
		const before = snapshot();
		for (const role of OTHERS) {
			const actor = role ? addPerson(db, [role]) : null;
			for (const [name, call] of Object.entries(calls)) expect(() => call(actor), `${name} as ${role ?? 'visitor'}`).toThrow(ForbiddenError);
		}
		expect(snapshot()).toBe(before);
		// organisers and admins get past the permission check (what happens next is the function's own business)
		for (const actor of [organiser, admin]) {
			for (const [name, call] of Object.entries(calls)) {
				try {
					call(actor);
				} catch (error) {
					expect(error, `${name} as ${actor.roles[0]}`).not.toBeInstanceOf(ForbiddenError);
				}
			}
		}
		expect(db.select().from(meeting).all().length).toBe(3); // both created one
	});
});

describe('action due dates', () => {
	it('refuses days that do not exist', () => {
		const db = testDb();
		const organiser = addPerson(db, ['organiser']);
		const meetingId = meetings.create(db, organiser, {
			title: 'Dates',
			startsAt: new Date('2026-03-03T18:00:00Z'),
			endsAt: new Date('2026-03-03T20:00:00Z'),
			place: 'Hall',
			onlineLink: '',
			access: [],
			accessNotes: '',
			audience: 'open_to_all'
		});
		const itemId = meetings.addItem(db, organiser, meetingId, { title: 'Item', lead: '', minutesAllotted: 10, kind: 'discussion' });
		const action = (dueOn: string) => ({ what: 'Do it', ownerUserId: null, ownerServiceId: null, ownerName: 'Sam', dueOn, status: 'open' as const, droppedReason: '' });
		for (const bad of ['2026-02-30', '2026-13-01', '2026-00-10', '26-01-01']) {
			expect(() => meetings.addAction(db, organiser, itemId, action(bad))).toThrow(ValidationError);
		}
		expect(meetings.addAction(db, organiser, itemId, action('2028-02-29'))).toBeGreaterThan(0);
	});

	it('never offers a young person as an action owner, and refuses one sent by a hand-edited form', () => {
		const { db, organiser } = setUp();
		const supporter = addPerson(db, ['supporter'], { name: 'Ms Khan' });
		const young = profiles.createYoungPerson(db, supporter, { name: 'Zeb' });
		const people = meetings.ownerChoices(db, organiser).people;
		expect(people.map((p) => p.name)).toContain('Ms Khan');
		expect(people.map((p) => p.id)).not.toContain(young.id);
		const { itemId } = plan(db, organiser, { state: 'minutes_drafted' });
		expect(() => meetings.addAction(db, organiser, itemId, actionInput({ ownerName: '', ownerUserId: young.id }))).toThrow(ValidationError);
		expect(meetings.addAction(db, organiser, itemId, actionInput({ ownerName: '', ownerUserId: supporter.id }))).toBeGreaterThan(0);
	});
});

/* ---------------------------------------------------------------------------------------- */
/* The calendar feed                                                                        */
/* ---------------------------------------------------------------------------------------- */

describe('the calendar feed', () => {
	/** The feed's events as a calendar program reads them (ical.js, Mozilla's parser). */
	const eventsOf = (db: Db) =>
		new ICAL.Component(ICAL.parse(meetingsCalendar(meetings.forCalendar(db), { origin: 'https://forum.example', calendarName: 'Forum meetings' })))
			.getAllSubcomponents('vevent')
			.map((e) => ({ uid: e.getFirstPropertyValue('uid'), sequence: Number(e.getFirstPropertyValue('sequence')), summary: e.getFirstPropertyValue('summary'), status: e.getFirstPropertyValue('status') }));

	it('gives a meeting one more SEQUENCE on every change, even two in the same minute', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser, { state: 'agenda_published' });
		const sequence = () => eventsOf(db).find((e) => e.uid === `meeting-${id}@forum.example`)!.sequence;
		const seen = [sequence()];
		const minute = (s: number) => at(`2026-03-01T10:00:${String(s).padStart(2, '0')}Z`);
		meetings.update(db, organiser, id, meetingInput({ title: 'Forum meeting (moved)' }), minute(5));
		seen.push(sequence());
		meetings.cancel(db, organiser, id, 'The room flooded', minute(20));
		seen.push(sequence());
		meetings.uncancel(db, organiser, id, minute(40));
		seen.push(sequence());
		meetings.addItem(db, organiser, id, itemInput({ title: 'Any other business' }), minute(50));
		seen.push(sequence());
		expect(seen).toEqual([seen[0], seen[0] + 1, seen[0] + 2, seen[0] + 3, seen[0] + 4]);
	});

	it('stays readable with control characters pasted into a title or place, saved before the boundary rule', () => {
		const { db, organiser } = setUp();
		const { id } = plan(db, organiser, { state: 'agenda_published' });
		db.update(meeting).set({ title: 'Forum\u000bmeeting\u0000 \u202eJune', place: 'Room\u001b 4; "upstairs", \\ back' }).where(eq(meeting.id, id)).run();
		const [event] = eventsOf(db);
		expect(event.summary).toBe('Forum\nmeeting June');
	});

	it('starts a meeting made before the counter where its SEQUENCE was (minutes from 2020), so it never goes down', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'chorus-sequence-'));
		try {
			// the migrations as they were before this one
			const before = path.join(dir, 'drizzle');
			cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
			const journalPath = path.join(before, 'meta', '_journal.json');
			const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
			const index = journal.entries.findIndex((e: { tag: string }) => e.tag === '0011_meeting_sequence');
			expect(index).toBeGreaterThan(0);
			journal.entries = journal.entries.slice(0, index);
			writeFileSync(journalPath, JSON.stringify(journal));
			const file = path.join(dir, 'chorus.db');
			const old = createDb(file, before);
			const updatedAt = Date.parse('2026-05-02T09:30:00Z');
			old.$client
				.prepare("insert into meeting (title, starts_at, ends_at, audience, state, created_at, updated_at) values ('Forum', ?, ?, 'open_to_all', 'agenda_published', ?, ?)")
				.run(updatedAt + 86_400_000, updatedAt + 90_000_000, updatedAt, updatedAt);
			old.$client.close();
			const db = createDb(file);
			const minutesFrom2020 = Math.floor((updatedAt - Date.UTC(2020, 0, 1)) / 60_000);
			expect(eventsOf(db).map((e) => e.sequence)).toEqual([minutesFrom2020]);
			db.$client.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

