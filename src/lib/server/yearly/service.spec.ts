import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ROLES, type Role } from '$lib/roles';
import type { LocalOfferData, ForumData } from '$lib/features/yearly/model';
import { addPerson, surveyDetails, testDb, thrown } from '../testing';
import * as surveys from '../surveys';
import { auditEntry, boardItem, feedback as feedbackTable, yearlyReport } from '../db/schema';
import type { Db } from '../db';
import type { Actor } from '../permissions';
import * as board from '../board';
import * as coproduction from '../coproduction';
import * as meetings from '../meetings';
import { forStaff, preview, publish, published, publishedYears } from './service';
import { yearlyRows } from './exports';

/** Today, inside partnership year 2026 (April 2026 to March 2027): 2025 is over, 2026 is not. */
const NOW = new Date('2026-12-07T10:00:00Z');
const MAY_2025 = new Date('2025-05-20T12:00:00Z');
const PRIVATE_WORDS = 'My son Tomasz (7) cannot find the autism page and I cried at the school gate';

type Item = Partial<board.ItemInput> & { heardOn: string };
function addItem(db: Db, actor: NonNullable<Actor>, item: Item, options: { published?: boolean; answer?: [string, string] } = {}): number {
	const id = board.createItem(
		db,
		actor,
		{ youSaid: 'The Local Offer lists clubs that closed.', easyRead: '', easyReadSymbol: null, voices: 1, source: 'direct_feedback', sourceDetail: '', serviceIds: [], topics: [], localOffer: 'content', ...item },
		new Date(`${item.heardOn}T12:00:00Z`)
	);
	if (options.published !== false) board.setPublished(db, actor, id, true, new Date(`${item.heardOn}T13:00:00Z`));
	if (options.answer) board.respond(db, actor, id, { text: options.answer[1], status: 'done', reason: '', as: 'forum' }, new Date(`${options.answer[0]}T12:00:00Z`));
	return id;
}

const sendFeedback = (db: Db, words: string, aspect: 'content' | 'accessibility' | 'development' | null, day: string) =>
	board.send(db, { whatHappened: words, serviceId: null, contactName: '', contactEmail: '', contactPhone: '', consentToContact: false, aboutWho: null, localOffer: aspect }, `test-${Math.random()}`, new Date(`${day}T12:00:00Z`));

function setup() {
	const db = testDb();
	const organiser = addPerson(db, ['organiser'], { name: 'Olu Organiser' });
	return { db, organiser };
}

describe('the Local Offer report', () => {
	it('gathers exactly the year\'s published items marked as about the Local Offer, by aspect, and counts the rest', () => {
		const { db, organiser } = setup();
		const inYear = addItem(db, organiser, { heardOn: '2025-04-01', youSaid: 'First day of the year.' }, { answer: ['2025-04-10', 'Fixed the list.'] });
		addItem(db, organiser, { heardOn: '2026-03-31', youSaid: 'Last day of the year.', localOffer: 'accessibility' });
		addItem(db, organiser, { heardOn: '2025-03-31', youSaid: 'The year before.' });
		addItem(db, organiser, { heardOn: '2026-04-01', youSaid: 'The year after.' });
		addItem(db, organiser, { heardOn: '2025-06-01', youSaid: 'Not about the Local Offer.', localOffer: null });
		addItem(db, organiser, { heardOn: '2025-06-01', youSaid: 'Not on the board yet.', localOffer: 'development' }, { published: false });

		const data = preview(db, organiser, 'local_offer', 2025, NOW).data as LocalOfferData;
		const words = data.aspects.flatMap((a) => a.entries.map((e) => [a.aspect, e.youSaid]));
		expect(words).toEqual([
			['content', 'First day of the year.'],
			['accessibility', 'Last day of the year.']
		]);
		const content = data.aspects.find((a) => a.aspect === 'content')!;
		expect(content.entries[0]).toMatchObject({ itemId: inYear, status: 'done', firstAnsweredOn: '2025-04-10', answeredOnTime: true, weDid: [{ text: 'Fixed the list.', on: '2025-04-10', by: null, status: 'done' }] });
		expect(content.byStatus).toEqual({ heard: 0, working_on_it: 0, done: 1, not_possible: 0 });
		expect(data.aspects.find((a) => a.aspect === 'development')!).toMatchObject({ entries: [], notPublic: 1 });
		expect(data.period).toEqual({ start: '2025-04-01', end: '2026-03-31' });
	});

	it('counts private feedback by aspect and what became of it, and never carries its words', () => {
		const { db, organiser } = setup();
		const { id } = sendFeedback(db, PRIVATE_WORDS, 'accessibility', '2025-05-02');
		sendFeedback(db, 'Closed one.', 'accessibility', '2025-05-03');
		sendFeedback(db, 'Not about it.', null, '2025-05-03');
		sendFeedback(db, 'Next year.', 'accessibility', '2026-05-03');
		board.close(db, organiser, db.select().from(feedbackTable).where(eq(feedbackTable.whatHappened, 'Closed one.')).get()!.id, 'Passed on', NOW);
		// the organiser writes the "you said" in their own words; the sender's stay private
		board.makeItem(db, organiser, id, { youSaid: 'The autism page is hard to find.', easyRead: '', easyReadSymbol: null, voices: 1, source: 'direct_feedback', sourceDetail: '', serviceIds: [], topics: [], heardOn: '2025-05-02' }, NOW);
		board.setPublished(db, organiser, db.select().from(boardItem).get()!.id, true, NOW);

		publish(db, organiser, 'local_offer', 2025, NOW);
		const data = published(db, null, 'local_offer', 2025).data as LocalOfferData;
		const access = data.aspects.find((a) => a.aspect === 'accessibility')!;
		expect(access.feedback).toEqual({ new: 0, made_item: 1, merged: 0, closed: 1 });
		expect(access.entries.map((e) => e.youSaid)).toEqual(['The autism page is hard to find.']);
		const everything = JSON.stringify(data) + JSON.stringify(yearlyRows(data)) + db.select().from(yearlyReport).get()!.snapshot;
		expect(everything).not.toContain('Tomasz');
		expect(everything).not.toContain('Closed one.');
		expect(everything).toContain('The autism page is hard to find.');
	});

	it('is frozen once published: later items, answers and changes leave it as it was', () => {
		const { db, organiser } = setup();
		const id = addItem(db, organiser, { heardOn: '2025-09-01', youSaid: 'Before publishing.' });
		publish(db, organiser, 'local_offer', 2025, NOW);
		const before = published(db, null, 'local_offer', 2025);

		addItem(db, organiser, { heardOn: '2025-10-01', youSaid: 'Added afterwards.' });
		board.respond(db, organiser, id, { text: 'Answered afterwards.', status: 'done', reason: '', as: 'forum' }, NOW);
		board.updateItem(db, organiser, id, { youSaid: 'Changed afterwards.', easyRead: '', easyReadSymbol: null, voices: 9, source: 'direct_feedback', sourceDetail: '', serviceIds: [], topics: [], heardOn: '2025-09-01', localOffer: 'development' }, NOW);
		sendFeedback(db, 'Sent afterwards.', 'content', '2025-11-01');

		const after = published(db, null, 'local_offer', 2025);
		expect(after).toEqual(before);
		const content = (after.data as LocalOfferData).aspects.find((a) => a.aspect === 'content')!;
		expect(content.entries.map((e) => [e.youSaid, e.status, e.voices])).toEqual([['Before publishing.', 'heard', 1]]);
		// the staff's page shows the frozen one too, while a new draft would show the changes
		expect(preview(db, organiser, 'local_offer', 2025, NOW)).toMatchObject({ published: { publishedBy: 'Olu Organiser' }, mayPublish: false, data: before.data });
	});

	it('is published once per kind and year, and only once the year is over', () => {
		const { db, organiser } = setup();
		publish(db, organiser, 'local_offer', 2025, NOW);
		expect(thrown(() => publish(db, organiser, 'local_offer', 2025, NOW))).toMatchObject({ code: 'already_published', status: 409 });
		expect(thrown(() => publish(db, organiser, 'local_offer', 2026, NOW))).toMatchObject({ code: 'year_not_over' });
		expect(thrown(() => publish(db, organiser, 'local_offer', 2027, NOW))).toMatchObject({ code: 'report_not_found' });
		// the other kind of the same year is its own report
		publish(db, organiser, 'forum', 2025, NOW);
		expect(db.select().from(yearlyReport).all()).toHaveLength(2);
		expect(publishedYears(db, null, 'local_offer').map((y) => y.year)).toEqual([2025]);
		const audit = db.select().from(auditEntry).where(and(eq(auditEntry.action, 'yearly.published'))).all();
		expect(audit.map((a) => JSON.parse(a.details ?? '{}'))).toEqual([{ kind: 'local_offer', year: 2025 }, { kind: 'forum', year: 2025 }]);
	});

	it('is not public until published', () => {
		const { db } = setup();
		expect(thrown(() => published(db, null, 'local_offer', 2025))).toMatchObject({ code: 'report_not_found', status: 404 });
	});
});

describe('who may do what with yearly reports', () => {
	const MANAGE: Role[] = ['organiser', 'admin'];
	for (const role of [null, ...ROLES] as (Role | null)[]) {
		it(`${role ?? 'visitor'}: ${role && MANAGE.includes(role) ? 'previews and publishes' : 'only reads published reports'}`, () => {
			const { db, organiser } = setup();
			publish(db, organiser, 'forum', 2024, NOW);
			const actor = role ? addPerson(db, [role]) : null;
			expect(published(db, actor, 'forum', 2024).data.kind).toBe('forum');
			if (role && MANAGE.includes(role)) {
				expect(preview(db, actor, 'local_offer', 2025, NOW).mayPublish).toBe(true);
				expect(forStaff(db, actor, NOW).forum.map((y) => [y.year, y.yearOver, Boolean(y.published)])).toEqual([
					[2026, false, false],
					[2025, true, false],
					[2024, true, true],
					[2023, true, false],
					[2022, true, false]
				]);
				publish(db, actor, 'local_offer', 2025, NOW);
			} else {
				expect(thrown(() => preview(db, actor, 'local_offer', 2025, NOW))).toMatchObject({ code: 'forbidden' });
				expect(thrown(() => publish(db, actor, 'local_offer', 2025, NOW))).toMatchObject({ code: 'forbidden' });
				expect(thrown(() => forStaff(db, actor, NOW))).toMatchObject({ code: 'forbidden' });
				expect(db.select().from(yearlyReport).all()).toHaveLength(1);
			}
		});
	}
});

describe('the forum report', () => {
	it('counts the year\'s co-production by rung, and how many were co-designed or co-produced', () => {
		const { db, organiser } = setup();
		const entry = (decidedOn: string, level: coproduction.EntryInput['level']) =>
			coproduction.create(db, organiser, { title: `Decided ${decidedOn}`, body: 'forum', bodyServiceId: null, bodyName: '', decidedOn, level, parentCarers: 3, youngPeople: 0, forumReps: 1, serviceIds: [], changed: '', agendaItemId: null, surveyId: null, boardItemId: null, standardId: null }, NOW);
		entry('2025-04-01', 'inform');
		entry('2025-09-10', 'co_design');
		entry('2026-03-31', 'co_produce');
		entry('2026-04-01', 'co_produce'); // the next year
		const data = preview(db, organiser, 'forum', 2025, NOW).data as ForumData;
		const part = data.sections.find((s) => s.key === 'coproduction')!;
		expect(Object.fromEntries(part.figures.map((f) => [f.key, f.value]))).toEqual({
			coproduction_total: 3,
			coproduction_shared: 2,
			coproduction_inform: 1,
			coproduction_consult: 0,
			coproduction_engage: 0,
			coproduction_co_design: 1,
			coproduction_co_produce: 1
		});
	});

	it('has meetings held with attendance, surveys, and the year\'s "you said" figures, as sections', () => {
		const { db, organiser } = setup();
		const meetingId = meetings.create(db, organiser, { title: 'Forum meeting, May', startsAt: new Date('2025-05-14T17:00:00Z'), endsAt: new Date('2025-05-14T19:00:00Z'), place: 'Library', onlineLink: '', access: [], accessNotes: '', audience: 'open_to_all' }, NOW);
		meetings.addItem(db, organiser, meetingId, { title: 'Welcome', lead: '', minutesAllotted: 10, kind: 'information' }, NOW);
		meetings.setState(db, organiser, meetingId, 'agenda_published', NOW);
		meetings.saveAttendance(db, organiser, meetingId, { attended: ['Ann', 'Bob', 'Cy'], apologies: ['Dee'], guests: ['Eve'] }, NOW);
		// a draft meeting and one of another year are not counted
		meetings.create(db, organiser, { title: 'Never held', startsAt: new Date('2025-06-14T17:00:00Z'), endsAt: new Date('2025-06-14T19:00:00Z'), place: 'Hall', onlineLink: '', access: [], accessNotes: '', audience: 'open_to_all' }, NOW);
		addItem(db, organiser, { heardOn: '2025-05-01', localOffer: null }, { answer: ['2025-05-05', 'Done quickly.'] });
		// a survey answered once in the year and once after it
		const surveyId = surveys.create(db, organiser, surveyDetails({ title: 'Short breaks survey', opensOn: '2025-06-01', closesOn: '2026-06-30' }), MAY_2025);
		surveys.addQuestion(db, organiser, surveyId, 'yes_no', 'Did you get a short break?', MAY_2025);
		surveys.publish(db, organiser, surveyId, MAY_2025);
		for (const on of ['2025-07-01', '2026-05-01']) {
			const at = new Date(`${on}T12:00:00Z`);
			const { token } = surveys.start(db, null, surveyId, 'en', 'answer', at);
			const q = surveys.forAnswering(db, surveyId, 'en').questions[0];
			surveys.saveAnswer(db, null, surveyId, token, q.id, [q.options[0].id], '', at);
			surveys.submit(db, null, surveyId, token, at);
		}

		const data = preview(db, organiser, 'forum', 2025, NOW).data as ForumData;
		expect(data.sections.map((s) => s.key)).toEqual(['members', 'members_reach', 'meetings', 'surveys', 'you_said', 'coproduction']);
		const meetingsPart = data.sections[2];
		expect(Object.fromEntries(meetingsPart.figures.map((f) => [f.key, f.value]))).toEqual({ meetings_held: 1, meetings_attended: 3, meetings_guests: 1, meetings_apologies: 1, meetings_minutes_published: 0 });
		expect(meetingsPart.table!.rows).toEqual([['Forum meeting, May', '2025-05-14', 3, 1, 1]]);
		expect(data.sections[3].figures).toEqual([{ key: 'surveys_run', value: 1 }, { key: 'surveys_responses', value: 1 }]);
		expect(data.sections[3].table!.rows).toEqual([['Short breaks survey', '2025-06-01', '2026-06-30', 1]]);
		const youSaid = Object.fromEntries(data.sections[4].figures.map((f) => [f.key, f.value]));
		expect(youSaid).toMatchObject({ you_said_raised: 1, you_said_done: 1 });
		// the download: every figure by section, then each section's table
		const rows = yearlyRows(data);
		expect(rows[0]).toEqual(['Section', 'Figure', 'Number']);
		expect(rows).toContainEqual(['Meetings held and who came', 'Meetings held', 1]);
		expect(rows).toContainEqual(['', 'Forum meeting, May', '2025-05-14', 3, 1, 1]);
		expect(JSON.stringify(data)).not.toMatch(/Ann|Bob|Dee|Eve/);
	});
});

describe('the demo data', () => {
	it('publishes last year\'s Local Offer report with items in every aspect, once', async () => {
		const db = testDb();
		const { seedDemo } = await import('../seed');
		await seedDemo(db, NOW);
		const data = published(db, null, 'local_offer', 2025).data as LocalOfferData;
		expect(data.aspects.map((a) => [a.aspect, a.entries.length > 0])).toEqual([
			['content', true],
			['accessibility', true],
			['development', true]
		]);
		expect(data.aspects.reduce((n, a) => n + a.feedback.new + a.feedback.closed + a.feedback.merged + a.feedback.made_item, 0)).toBe(3);
		const { seedYearlyDemo } = await import('./seed');
		expect(seedYearlyDemo(db, NOW)).toBe(false);
		expect(db.select().from(yearlyReport).all()).toHaveLength(1);
	});
});
