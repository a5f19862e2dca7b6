/**
 * Demo forum meetings: a year of monthly meetings dated around today. The past ones have
 * published minutes (notes, decisions, actions: some done, some open and overdue, one dropped),
 * one was cancelled, one moved; next month's has a published agenda with two small papers
 * (a PDF and an ODT, made here), and the month after is still a draft. Everything goes through
 * the meetings service as the demo organiser, so the rules hold for demo data too.
 */
import { crc32 } from 'node:zlib';
import { count, eq } from 'drizzle-orm';
import type { AccessFeature, AgendaKind, MeetingAudience } from '$lib/features/meetings/model';
import { DAY_MS, addDays, formatMonth, londonDate, londonToInstant } from '$lib/time';
import type { Db } from '../db';
import { meeting, user } from '../db/schema';
import * as services from '../services';
import * as meetings from './service';

const { SALT, CAMHS, EHC, TEACHING, BREAKS } = services.DEMO_SERVICE;

/* ---------------------------------------------------------------------------------------- */
/* Dates                                                                                    */
/* ---------------------------------------------------------------------------------------- */

/** Year and month (1-12) in England, `offset` months from the month of `at`. */
function monthFrom(at: Date, offset: number): { year: number; month: number } {
	const [y, mo] = londonDate(at).split('-').map(Number);
	const index = y * 12 + (mo - 1) + offset;
	return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The second Tuesday of a month, "YYYY-MM-DD": the forum's usual meeting day. */
function secondTuesday(year: number, month: number): string {
	const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
	const day = 1 + ((2 - firstWeekday + 7) % 7) + 7;
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/* ---------------------------------------------------------------------------------------- */
/* Demo content                                                                             */
/* ---------------------------------------------------------------------------------------- */

const CHAIR = 'Priya Shah (forum chair)';
const STEERING = 'Forum steering group';

type Owner = { service: string } | { person: string } | { name: string };
type DemoAction = {
	what: string;
	owner: Owner;
	/** Due this many days after the meeting. */
	dueDays: number;
	/** Done or dropped this many days after the meeting (left open otherwise). */
	closed?: { status: 'done' | 'dropped'; days: number; reason?: string };
};
type DemoTopic = {
	title: string;
	lead: string;
	kind: AgendaKind;
	minutes: number;
	notes: string;
	decisions?: string[];
	actions?: DemoAction[];
};
type DemoMeeting = {
	topics: DemoTopic[];
	evening?: boolean;
	online?: 'only' | 'also';
	/** Guests beyond the usual members (who came and who sent apologies vary by month). */
	guests?: string[];
	/** Cancelled after the agenda went out, with this reason: no minutes. */
	cancelled?: string;
	/** Moved two days later after the agenda went out. */
	moved?: boolean;
	easyRead?: { text: string; symbolId: string }[];
};

const PLACE = 'Riverside Community Centre, 12 Mill Lane';
const ONLINE = 'https://meet.example.org/chorus-forum';
const ACCESS: AccessFeature[] = ['step_free', 'interpreters', 'quiet_room', 'hearing_loop'];
const ACCESS_NOTES = 'Free parking at the back. Tell us a week before if you need an interpreter or a BSL interpreter, and we will book one. Children are welcome.';

const PARENTS = ['Aisha Khan', 'Tom Bell', 'Kasia Nowak', 'Grace Adeyemi', 'Mehmet Yilmaz', 'Sarah Jones', 'Daniel Okafor', 'Ruth Green'];
const attendedBy = (i: number) => [CHAIR, 'Olu Organiser', ...PARENTS.filter((_, n) => (n + i) % 3 !== 0)];
const apologiesFrom = (i: number) => PARENTS.filter((_, n) => (n + i) % 3 === 0).slice(0, 2);

const welcome: DemoTopic = {
	title: 'Welcome, introductions and apologies',
	lead: CHAIR,
	kind: 'information',
	minutes: 10,
	notes: 'Priya welcomed everyone. New members introduced themselves and said which services their families use.'
};
const anyOtherBusiness = (notes: string): DemoTopic => ({ title: 'Any other business', lead: CHAIR, kind: 'information', minutes: 10, notes });

/** Eleven past months, oldest first. */
const PAST: DemoMeeting[] = [
	{
		guests: ['Sam Lead (speech and language therapy)'],
		topics: [
			welcome,
			{
				title: 'Waiting times for speech and language therapy',
				lead: 'Sam Lead, speech and language therapy',
				kind: 'discussion',
				minutes: 40,
				notes:
					'Sam explained that most children wait **about 9 months** for a first appointment.\n\nParents said:\n\n- nobody tells them where they are on the list\n- advice sessions while they wait would help\n- letters use words they do not understand',
				decisions: ['The forum will ask for waiting-list figures at every meeting.'],
				actions: [
					{ what: 'Share the waiting-list figures with the forum every month', owner: { service: SALT }, dueDays: 28, closed: { status: 'done', days: 30 } },
					{ what: 'Start drop-in advice sessions for families on the waiting list', owner: { service: SALT }, dueDays: 60, closed: { status: 'done', days: 75 } }
				]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		topics: [
			welcome,
			{
				title: 'Tell it once: sharing our story',
				lead: CHAIR,
				kind: 'decision',
				minutes: 45,
				notes:
					'Parents talked about telling their child\'s story again and again to new professionals.\n\nThe group looked at a one-page "tell it once" summary that families write and every service reads first.',
				decisions: ['The forum supports trying the "tell it once" summary for six months.'],
				actions: [{ what: 'Try the "tell it once" summary with ten families', owner: { service: EHC }, dueDays: 90, closed: { status: 'done', days: 85 } }]
			},
			anyOtherBusiness('The summer newsletter goes out next week.')
		]
	},
	{
		online: 'also',
		topics: [
			welcome,
			{
				title: 'Letters in our own languages',
				lead: 'Kasia Nowak',
				kind: 'discussion',
				minutes: 35,
				notes: 'Letters about EHC plans are only in English. Parents who read other languages rely on their children or friends to translate.',
				decisions: ['Ask the council to translate the four letters families get most often.'],
				actions: [
					{ what: 'Translate the four most-used letters into Urdu, Polish, Romanian and Turkish', owner: { service: EHC }, dueDays: 90, closed: { status: 'done', days: 80 } }
				]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		topics: [
			welcome,
			{
				title: 'Short breaks clubs for the summer',
				lead: 'Short breaks team',
				kind: 'discussion',
				minutes: 40,
				notes: 'Clubs are full by the time many families hear about them. A quiet room would help autistic children settle.',
				decisions: ['Families on the short breaks list hear about new clubs two weeks before anyone else.'],
				actions: [
					{ what: 'Send families the list of summer clubs by the end of May', owner: { service: BREAKS }, dueDays: 30, closed: { status: 'done', days: 25 } },
					{
						what: 'Find a club venue with a quiet room',
						owner: { name: CHAIR },
						dueDays: 60,
						closed: { status: 'dropped', days: 50, reason: 'The community centre closed. Clubs now use school sites, which already have quiet rooms.' }
					}
				]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		topics: [
			welcome,
			{
				title: 'Waiting rooms',
				lead: 'CAMHS',
				kind: 'discussion',
				minutes: 35,
				notes:
					'Parents said clinic waiting rooms are loud and bright. Several children could not stay.\n\nCAMHS will make every clinic **sensory-friendly**: softer lights, a quiet corner, and a visual timetable of the visit.',
				decisions: ['Every clinic will have a quiet room families can ask for.'],
				actions: [{ what: 'Set up a quiet room at every CAMHS clinic', owner: { service: CAMHS }, dueDays: 60, closed: { status: 'done', days: 55 } }]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		cancelled: 'Too few people could come in the half-term holiday. The items move to next month.',
		topics: [welcome, { title: 'Preparing for adulthood', lead: CHAIR, kind: 'discussion', minutes: 40, notes: '' }, anyOtherBusiness('')]
	},
	{
		moved: true,
		topics: [
			welcome,
			{
				title: 'Preparing for adulthood',
				lead: CHAIR,
				kind: 'discussion',
				minutes: 45,
				notes: 'Support from CAMHS stops at 18 and adult services often have a long wait. Parents want to know what happens next well before their child turns 17.',
				decisions: ['Ask adult social care to come to a forum meeting.'],
				actions: [{ what: 'Invite the adult social care team to a forum meeting', owner: { person: 'organiser@example.org' }, dueDays: 30 }]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		evening: true,
		online: 'only',
		topics: [
			welcome,
			{
				title: 'The local offer website on a phone',
				lead: 'Grace Adeyemi',
				kind: 'discussion',
				minutes: 40,
				notes: 'Most parents look at the local offer on a phone. Menus are hard to use and some pages do not fit the screen.',
				decisions: ['The forum will test the website with parents and report back.'],
				actions: [{ what: 'Test the local offer website with five parents on their phones', owner: { name: STEERING }, dueDays: 45 }]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		topics: [
			welcome,
			{
				title: 'Annual reviews',
				lead: 'Specialist teaching service',
				kind: 'discussion',
				minutes: 40,
				notes: 'Parents said annual reviews often happen without the right people in the room, and reports arrive the day before.',
				decisions: ['Reports should reach families two weeks before a review.'],
				actions: [{ what: 'Write a one-page guide to annual reviews with parents', owner: { service: TEACHING }, dueDays: 150 }]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		online: 'also',
		topics: [
			welcome,
			{
				title: 'Transport to school',
				lead: 'SEND assessment and EHC plans team',
				kind: 'decision',
				minutes: 35,
				notes: 'Drivers and times change without warning, which upsets children who need to know what happens next.',
				decisions: ['Families get a text message whenever a driver or a time changes.'],
				actions: [
					{ what: 'Ask transport companies to text families about every change', owner: { service: EHC }, dueDays: 21, closed: { status: 'done', days: 20 } },
					{ what: 'Report how many EHC plans were issued within 20 weeks', owner: { service: EHC }, dueDays: 14 }
				]
			},
			anyOtherBusiness('None.')
		]
	},
	{
		topics: [
			welcome,
			{
				title: 'Training for parents on EHC needs assessments',
				lead: CHAIR,
				kind: 'decision',
				minutes: 40,
				notes:
					'Parents want to understand how an EHC needs assessment works before they ask for one.\n\nThe group agreed two evening sessions, run with the forum, with interpreters.',
				decisions: ['Run two evening training sessions with interpreters.'],
				actions: [
					{ what: 'Book two evening training sessions', owner: { service: EHC }, dueDays: 40 },
					{ what: 'Share the survey results with the partnership board', owner: { name: CHAIR }, dueDays: 55 }
				]
			},
			anyOtherBusiness('The forum is looking for two more steering group members.')
		],
		easyRead: [
			{ text: 'The forum met.', symbolId: 'meeting' },
			{ text: 'Parents and services talked together.', symbolId: 'talk' },
			{ text: 'Parents want to learn about EHC plans.', symbolId: 'question' },
			{ text: 'We will run 2 training evenings.', symbolId: 'calendar' },
			{ text: 'There will be interpreters.', symbolId: 'sign-language' },
			{ text: 'Come and have your say.', symbolId: 'have-my-say' }
		]
	}
];

/** A tiny, valid one-page PDF with a few lines of text. */
export function tinyPdf(title: string, lines: string[]): Uint8Array {
	const text = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
	const content = [
		'BT',
		'/F1 20 Tf',
		'72 770 Td',
		`(${text(title)}) Tj`,
		'/F1 12 Tf',
		...lines.flatMap((line) => ['0 -24 Td', `(${text(line)}) Tj`]),
		'ET'
	].join('\n');
	const objects = [
		`<< /Type /Catalog /Pages 2 0 R /Lang (en-GB) >>`,
		`<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
		`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
		`<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>`,
		`<< /Title (${text(title)}) /Producer (Chorus demo) >>`
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(pdf, 'latin1'));
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/** A zip file with its entries stored (not compressed), in the order given: the demo ODT, and the specs' Word and ODT files. */
export function storedZip(entries: { name: string; data: string }[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const data = Buffer.from(entry.data, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0, 6); // flags
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(0, 10); // time
		local.writeUInt16LE(0x21, 12); // date: 1980-01-01
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0, 8);
		central.writeUInt16LE(0, 10);
		central.writeUInt16LE(0, 12);
		central.writeUInt16LE(0x21, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, data);
		centrals.push(central, name);
		offset += local.length + name.length + data.length;
	}
	const centralSize = centrals.reduce((n, b) => n + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}

/** A tiny, valid OpenDocument text file (ODT) with a heading and a few paragraphs. */
export function tinyOdt(title: string, paragraphs: string[]): Uint8Array {
	const xml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
	const ns =
		'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
	return storedZip([
		// The first entry, stored: how ODT readers (and paperType) recognise the file.
		{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
		{
			name: 'META-INF/manifest.xml',
			data:
				'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
				'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>' +
				'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>' +
				'<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>' +
				'</manifest:manifest>'
		},
		{
			name: 'meta.xml',
			data: `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta ${ns} xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:meta><dc:title>${xml(title)}</dc:title><dc:language>en-GB</dc:language></office:meta></office:document-meta>`
		},
		{
			name: 'content.xml',
			data:
				`<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ns} office:version="1.2"><office:body><office:text>` +
				`<text:h text:outline-level="1">${xml(title)}</text:h>` +
				paragraphs.map((p) => `<text:p>${xml(p)}</text:p>`).join('') +
				'</office:text></office:body></office:document-content>'
		}
	]);
}

/* ---------------------------------------------------------------------------------------- */
/* Seeding                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/**
 * Adds the demo meetings if there are none yet, dated around `now` (the same `now` gives the
 * same meetings). Needs the demo organiser and services. Returns how many meetings it added.
 */
export function seedMeetingsDemo(db: Db, now = new Date()): { meetings: number } {
	if ((db.select({ n: count() }).from(meeting).get()?.n ?? 0) > 0) return { meetings: 0 };
	const organiserRow = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get();
	if (!organiserRow) return { meetings: 0 };
	const organiser = { id: organiserRow.id, roles: ['organiser' as const] };
	const serviceIds = new Map(services.list(db).map((s) => [s.name, s.id]));
	const userId = (email: string) => db.select({ id: user.id }).from(user).where(eq(user.email, email)).get()?.id ?? null;
	let added = 0;

	/** Plans a meeting on the second Tuesday of a month (10am to midday, or 6:30pm to 8:30pm). */
	const plan = (offset: number, title: string, options: { evening?: boolean; online?: 'only' | 'also'; audience?: MeetingAudience; createdAt: Date }) => {
		const { year, month } = monthFrom(now, offset);
		const day = secondTuesday(year, month);
		const startsAt = londonToInstant(day, options.evening ? '18:30' : '10:00')!;
		const input: meetings.MeetingInput = {
			title: `${title}, ${formatMonth(day, 'en')}`,
			startsAt,
			endsAt: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
			place: options.online === 'only' ? '' : PLACE,
			onlineLink: options.online ? ONLINE : '',
			access: options.online === 'only' ? [] : ACCESS,
			accessNotes: options.online === 'only' ? 'Captions are switched on. You can join by phone as well.' : ACCESS_NOTES,
			audience: options.audience ?? 'open_to_all'
		};
		const id = meetings.create(db, organiser, input, options.createdAt);
		added++;
		return { id, input };
	};

	const addTopics = (meetingId: number, topics: DemoTopic[], at: Date) =>
		topics.map((t) => ({ topic: t, itemId: meetings.addItem(db, organiser, meetingId, { title: t.title, lead: t.lead, minutesAllotted: t.minutes, kind: t.kind }, at) }));

	const ownerOf = (owner: Owner) => ({
		ownerUserId: 'person' in owner ? userId(owner.person) : null,
		ownerServiceId: 'service' in owner ? (serviceIds.get(owner.service) ?? null) : null,
		ownerName: 'name' in owner ? owner.name : ''
	});

	PAST.forEach((demo, i) => {
		const offset = i - PAST.length;
		const { id, input } = plan(offset, 'Parent carer forum meeting', { evening: demo.evening, online: demo.online, createdAt: new Date(now.getTime() + offset * 31 * DAY_MS - 30 * DAY_MS) });
		const agendaOut = new Date(input.startsAt.getTime() - 14 * DAY_MS);
		const items = addTopics(id, demo.topics, agendaOut);
		meetings.setState(db, organiser, id, 'agenda_published', agendaOut);
		if (demo.cancelled) {
			meetings.cancel(db, organiser, id, demo.cancelled, new Date(input.startsAt.getTime() - 5 * DAY_MS));
			return;
		}
		let startsAt = input.startsAt;
		if (demo.moved) {
			// Moved two days later, after the agenda went out: the pages say so.
			startsAt = new Date(input.startsAt.getTime() + 2 * DAY_MS);
			meetings.update(db, organiser, id, { ...input, startsAt, endsAt: new Date(input.endsAt.getTime() + 2 * DAY_MS) }, new Date(input.startsAt.getTime() - 7 * DAY_MS));
		}
		const minutesAt = new Date(startsAt.getTime() + 3 * DAY_MS);
		meetings.setState(db, organiser, id, 'minutes_drafted', minutesAt);
		const closing: { actionId: number; action: DemoAction; input: meetings.ActionInput }[] = [];
		for (const { topic, itemId } of items) {
			meetings.saveItemMinutes(db, organiser, itemId, { notes: topic.notes, decisions: topic.decisions ?? [] }, minutesAt);
			for (const action of topic.actions ?? []) {
				const actionInput: meetings.ActionInput = { what: action.what, ...ownerOf(action.owner), dueOn: addDays(londonDate(startsAt), action.dueDays), status: 'open', droppedReason: '' };
				const actionId = meetings.addAction(db, organiser, itemId, actionInput, minutesAt);
				if (action.closed) closing.push({ actionId, action, input: actionInput });
			}
		}
		meetings.saveAttendance(
			db,
			organiser,
			id,
			{ attended: attendedBy(i), apologies: apologiesFrom(i), guests: demo.guests ?? [] },
			minutesAt
		);
		if (demo.easyRead) meetings.saveEasyRead(db, organiser, id, demo.easyRead, minutesAt);
		meetings.setState(db, organiser, id, 'minutes_published', new Date(minutesAt.getTime() + 4 * DAY_MS));
		// Actions done or dropped later: the published minutes show "updated on" that day.
		for (const { actionId, action, input: actionInput } of closing) {
			const closedAt = new Date(startsAt.getTime() + action.closed!.days * DAY_MS);
			if (closedAt.getTime() > now.getTime()) continue;
			meetings.updateAction(db, organiser, actionId, { ...actionInput, status: action.closed!.status, droppedReason: action.closed!.reason ?? '' }, closedAt);
		}
	});

	// Next month: the agenda is out, with two papers.
	const next = plan(1, 'Parent carer forum meeting', { online: 'also', createdAt: new Date(now.getTime() - 10 * DAY_MS) });
	const agendaAt = new Date(now.getTime() - 2 * DAY_MS);
	const nextItems = addTopics(
		next.id,
		[
			welcome,
			{ title: 'Waiting times: an update from speech and language therapy', lead: 'Sam Lead, speech and language therapy', kind: 'information', minutes: 30, notes: '' },
			{ title: 'Our next survey for parent carers', lead: CHAIR, kind: 'decision', minutes: 40, notes: '' },
			anyOtherBusiness('')
		],
		agendaAt
	);
	meetings.addPaper(
		db,
		organiser,
		nextItems[1].itemId,
		'Waiting times report',
		tinyPdf('Waiting times report', [
			'Speech and language therapy: waiting times this quarter.',
			'Children waiting for a first appointment: 212.',
			'Average wait: 31 weeks (last quarter: 36 weeks).',
			'Drop-in advice sessions: every Thursday, 3:30pm to 5pm.'
		]),
		agendaAt
	);
	meetings.addPaper(
		db,
		organiser,
		nextItems[2].itemId,
		'Draft survey questions',
		tinyOdt('Draft survey questions', [
			'1. How easy is it to get help for your child?',
			'2. Do you feel listened to by the services you use?',
			'3. What one thing would make the biggest difference?'
		]),
		agendaAt
	);
	meetings.setState(db, organiser, next.id, 'agenda_published', agendaAt);

	// The month after: still being planned (a draft nobody else sees).
	const draft = plan(2, 'Steering group meeting', { audience: 'steering_group', createdAt: new Date(now.getTime() - DAY_MS) });
	addTopics(draft.id, [welcome, { title: 'Planning the annual conference', lead: CHAIR, kind: 'discussion', minutes: 60, notes: '' }], new Date(now.getTime() - DAY_MS));

	return { meetings: added };
}
