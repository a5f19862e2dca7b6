import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ROLES } from '$lib/roles';
import type { Db } from '../db';
import { auditEntry, outboxEvent, safeguardingFlag } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../permissions';
import * as feedback from '../board';
import * as profiles from '../profiles';
import * as settings from '../settings';
import * as surveys from '../surveys';
import { addPerson, testDb, surveyDetails } from '../testing';
import * as safeguarding from './service';

const WORRYING = 'Sometimes I want to die when they shout at me';
const contactOf = (db: Db) => (id: number) => feedback.contactFor(db, id);
const flags = (db: Db) => db.select().from(safeguardingFlag).all();
const audits = (db: Db, action: string) => db.select().from(auditEntry).where(eq(auditEntry.action, action)).all();

function setUp() {
	const db = testDb();
	const lead = addPerson(db, ['safeguarding_lead'], { name: 'Sade Lead' });
	const otherLead = addPerson(db, ['safeguarding_lead'], { name: 'Second Lead' });
	const organiser = addPerson(db, ['organiser']);
	const parent = addPerson(db, ['parent_carer'], { name: 'Pat Parent', email: 'pat@example.org' });
	return { db, lead, otherLead, organiser, parent };
}

/** A published survey with a text question, answered once with `text` by `who`. */
function answerSurvey(db: Db, organiser: Actor, who: Actor, text: string, anonymous: boolean, at: Date) {
	const id = surveys.create(db, organiser, surveyDetails({ title: anonymous ? 'Short breaks this summer' : 'Named check-in', anonymous }));
	const question = surveys.addQuestion(db, organiser, id, 'long_text', 'Anything else?');
	surveys.publish(db, organiser, id);
	const { token } = surveys.start(db, who, id, 'en', 'answer', at);
	expect(surveys.saveAnswer(db, who, id, token, question, [], text, at)).toBeNull();
	surveys.submit(db, who, id, token, at);
	return id;
}

describe('raising flags where free text is saved', () => {
	it('flags an anonymous survey answer with no person and only the day; a named one keeps the person', () => {
		const { db, lead, organiser, parent } = setUp();
		const at = new Date('2026-11-04T23:30:00Z'); // 23:30 in London
		answerSurvey(db, organiser, parent, WORRYING, true, at);
		const [flag] = flags(db);
		expect(flag).toMatchObject({ source: 'survey_answer', personId: null, raisedOn: '2026-11-04', text: WORRYING, categories: '["self_harm"]' });
		expect(JSON.parse(flag.context)).toEqual({ survey: 'Short breaks this summer', question: 'Anything else?' });
		// only the day: nothing in the row looks like a time
		expect(JSON.stringify(flag)).not.toMatch(/23:30|\d{2}:\d{2}/);
		const opened = safeguarding.open(db, lead, flag.id, contactOf(db), at);
		expect(opened.person).toBeNull();
		expect(opened.personKnown).toBe(false);

		answerSurvey(db, organiser, parent, 'Nobody looks after me at weekends', false, at);
		const named = flags(db).find((f) => f.id !== flag.id)!;
		expect(named).toMatchObject({ source: 'survey_answer', personId: parent.id, categories: '["neglect"]' });
		expect(safeguarding.open(db, lead, named.id, contactOf(db), at).person).toMatchObject({ name: 'Pat Parent', email: 'pat@example.org' });
	});

	it('leaves ordinary answers alone: no flag', () => {
		const { db, organiser, parent } = setUp();
		answerSurvey(db, organiser, parent, 'The waiting list for speech therapy is too long', true, new Date());
		expect(flags(db)).toHaveLength(0);
	});

	it('flags feedback, and the lead sees the contact details the sender gave', () => {
		const { db, lead } = setUp();
		const { id } = feedback.send(
			db,
			{
				whatHappened: 'My daughter is scared to go home on Fridays.',
				serviceId: null,
				contactName: 'Jo',
				contactEmail: 'jo@example.org',
				contactPhone: '07700 900123',
				consentToContact: true,
				aboutWho: null
			},
			'192.0.2.10',
			new Date('2026-11-02T10:00:00Z')
		);
		const [flag] = flags(db);
		expect(flag).toMatchObject({ source: 'feedback', sourceId: String(id), personId: null, raisedOn: '2026-11-02', categories: '["unsafe"]' });
		const opened = safeguarding.open(db, lead, flag.id, contactOf(db));
		expect(opened.person).toEqual({ name: 'Jo', email: 'jo@example.org', phone: '07700 900123', accountId: null });
		expect(safeguarding.queue(db, lead)[0].personKnown).toBe(true);
	});

	it('flags a profile item about the young person, whoever typed it', () => {
		const { db, lead } = setUp();
		const supporter = addPerson(db, ['supporter'], { name: 'Ms Khan' });
		const { id } = profiles.createYoungPerson(db, supporter, { name: 'Sam' });
		const sam: Actor = { id, roles: ['young_person'] };
		profiles.addItem(db, sam, id, 'important', { words: 'My dog Biscuit' });
		expect(flags(db)).toHaveLength(0);
		const { itemId } = profiles.addItem(db, sam, id, 'important', { words: 'my brother hits me' });
		profiles.addItem(db, supporter, id, 'support', { words: 'Sam says he is being bullied at lunch' });
		// flag ids are random (see insertFlag), so find each by its item
		const own = flags(db).find((f) => f.sourceId === String(itemId))!;
		const bySupporter = flags(db).find((f) => f.sourceId !== String(itemId))!;
		expect(own).toMatchObject({ source: 'profile_item', sourceId: String(itemId), personId: id, categories: '["abuse"]' });
		expect(JSON.parse(own.context)).toEqual({ section: 'important' });
		expect(bySupporter.personId).toBe(id);
		expect(safeguarding.open(db, lead, own.id, contactOf(db)).person).toMatchObject({ name: 'Sam', accountId: id });
	});
});

describe('who may see flags', () => {
	it('only safeguarding leads: every other role, admins and organisers included, and visitors are refused', () => {
		const { db, lead } = setUp();
		const id = safeguarding.tell(db, addPerson(db, ['parent_carer']), 'I am worried about my neighbour’s children');
		const phrase = safeguarding.addPhrase(db, lead, 'sleeping in the car', 'neglect');
		const others: Actor[] = [null, ...ROLES.filter((r) => r !== 'safeguarding_lead').map((role) => addPerson(db, [role]))];
		// someone with every role but the lead's
		others.push(addPerson(db, ROLES.filter((r) => r !== 'safeguarding_lead')));
		for (const actor of others) {
			const who = actor ? actor.roles.join('+') : 'visitor';
			expect(() => safeguarding.queue(db, actor), who).toThrow(ForbiddenError);
			expect(() => safeguarding.queue(db, actor, 'reviewed'), who).toThrow(ForbiddenError);
			expect(() => safeguarding.open(db, actor, id, contactOf(db)), who).toThrow(ForbiddenError);
			expect(() => safeguarding.review(db, actor, id, { outcome: 'no_concern', note: 'Fine' }), who).toThrow(ForbiddenError);
			expect(() => safeguarding.localPhrases(db, actor), who).toThrow(ForbiddenError);
			expect(() => safeguarding.addPhrase(db, actor, 'another phrase', 'abuse'), who).toThrow(ForbiddenError);
			expect(() => safeguarding.removePhrase(db, actor, phrase), who).toThrow(ForbiddenError);
			expect(() => safeguarding.tryText(db, actor, 'I want to die'), who).toThrow(ForbiddenError);
			expect(() => safeguarding.builtInByCategory(actor), who).toThrow(ForbiddenError);
			expect(safeguarding.waiting(db, actor), who).toEqual({ waiting: 0, overdue: 0 });
		}
		// nothing was opened or reviewed by them
		expect(audits(db, 'safeguarding.flag_opened')).toHaveLength(0);
		expect(flags(db)[0].reviewedAt).toBeNull();
		expect(safeguarding.queue(db, lead).map((f) => f.id)).toEqual([id]);
	});

	it('keeps the texts out of the queue and records each opening in the audit log, without the text', () => {
		const { db, lead, parent } = setUp();
		const text = 'My stepdad locks me in my room';
		const id = safeguarding.tell(db, parent, text);
		const [row] = safeguarding.queue(db, lead);
		expect(JSON.stringify(row)).not.toContain('locks');
		expect(row).toMatchObject({ id, source: 'message', categories: ['abuse'], personKnown: true });

		const at = new Date('2026-11-05T09:00:00Z');
		const view = safeguarding.open(db, lead, id, contactOf(db), at);
		expect(view.text).toBe(text);
		expect(view.person).toMatchObject({ name: 'Pat Parent', email: 'pat@example.org', accountId: parent.id });
		safeguarding.open(db, lead, id, contactOf(db), at);
		const opened = audits(db, 'safeguarding.flag_opened');
		expect(opened).toHaveLength(2);
		expect(opened[0]).toMatchObject({ actorId: lead.id, subjectType: 'safeguarding_flag', subjectId: String(id) });
		for (const entry of db.select().from(auditEntry).all()) expect(JSON.stringify(entry)).not.toMatch(/locks|stepdad/i);
		expect(() => safeguarding.open(db, lead, 9999, contactOf(db))).toThrow(NotFoundError);
	});
});

describe('reviewing a flag', () => {
	it('needs an outcome and a note, keeps the note with the flag (not in the audit log), and happens once', () => {
		const { db, lead, otherLead, parent } = setUp();
		const id = safeguarding.tell(db, parent, 'I want to kill myself');
		const code = (call: () => void) => {
			try {
				call();
			} catch (e) {
				return e instanceof ValidationError || e instanceof ConflictError || e instanceof NotFoundError ? e.code : String(e);
			}
			return 'no error';
		};
		expect(code(() => safeguarding.review(db, lead, id, { outcome: 'fine', note: 'x' }))).toBe('outcome');
		expect(code(() => safeguarding.review(db, lead, id, { outcome: 'referred', note: '   ' }))).toBe('note_required');
		expect(code(() => safeguarding.review(db, lead, id, { outcome: 'referred', note: 'x'.repeat(safeguarding.REVIEW_NOTE_MAX + 1) }))).toBe('note_too_long');
		expect(code(() => safeguarding.review(db, lead, 9999, { outcome: 'referred', note: 'Called them' }))).toBe('flag');
		expect(flags(db)[0].reviewedAt).toBeNull();

		const at = new Date('2026-11-05T10:00:00Z');
		safeguarding.review(db, lead, id, { outcome: 'referred', note: '  Called the family; referred to the front door.  ' }, at);
		expect(flags(db)[0]).toMatchObject({ reviewedAt: at, reviewedBy: lead.id, outcome: 'referred', reviewNote: 'Called the family; referred to the front door.' });
		expect(code(() => safeguarding.review(db, otherLead, id, { outcome: 'no_concern', note: 'Looks fine' }))).toBe('already_reviewed');

		expect(safeguarding.queue(db, lead)).toEqual([]);
		expect(safeguarding.queue(db, lead, 'reviewed', at)).toMatchObject([{ id, outcome: 'referred', overdue: false }]);
		const view = safeguarding.open(db, otherLead, id, contactOf(db));
		expect(view).toMatchObject({ reviewedBy: 'Sade Lead', outcome: 'referred', reviewNote: 'Called the family; referred to the front door.' });
		const [entry] = audits(db, 'safeguarding.flag_reviewed');
		expect(JSON.parse(entry.details)).toEqual({ outcome: 'referred' });
		expect(JSON.stringify(entry)).not.toContain('front door');
	});
});

describe('overdue flags', () => {
	it('counts working days: a Friday flag is due on Monday and overdue from Tuesday', () => {
		// (addWorkingDays itself is tested in $lib/time.spec.ts)
		const { db, lead, parent } = setUp();
		const friday = new Date('2026-11-06T15:00:00Z');
		safeguarding.tell(db, parent, 'I need to talk to someone', friday);
		const on = (iso: string) => safeguarding.queue(db, lead, 'waiting', new Date(`${iso}T12:00:00Z`))[0];
		expect(on('2026-11-06')).toMatchObject({ raisedOn: '2026-11-06', dueOn: '2026-11-09', overdue: false });
		expect(on('2026-11-08').overdue).toBe(false); // Sunday
		expect(on('2026-11-09').overdue).toBe(false); // Monday: due today
		expect(on('2026-11-10').overdue).toBe(true); // Tuesday
		expect(safeguarding.waiting(db, lead, new Date('2026-11-10T12:00:00Z'))).toEqual({ waiting: 1, overdue: 1 });

		// The admin gives leads two working days.
		settings.update(db, addPerson(db, ['admin']), { safeguardingReviewWorkingDays: 2 });
		expect(on('2026-11-10')).toMatchObject({ dueOn: '2026-11-10', overdue: false });
		expect(on('2026-11-11').overdue).toBe(true);
	});
});

describe("the leads' own phrases", () => {
	it('are matched from the next text on, and no longer once removed', () => {
		const { db, lead } = setUp();
		expect(safeguarding.tryText(db, lead, 'We are sleeping in the car this week')).toEqual([]);
		const id = safeguarding.addPhrase(db, lead, '  Sleeping in the CAR ', 'neglect');
		expect(safeguarding.localPhrases(db, lead)).toMatchObject([{ id, phrase: 'sleeping in the car', category: 'neglect', addedBy: lead.id }]);
		expect(safeguarding.tryText(db, lead, 'We are sleeping in the car this week')).toEqual([{ phrase: 'sleeping in the car', category: 'neglect' }]);
		expect(safeguarding.raiseIfWorrying(db, { source: 'feedback', sourceId: 1, personId: null, text: 'We are sleeping in the car this week' })).not.toBeNull();
		expect(audits(db, 'safeguarding.phrase_added')).toHaveLength(1);

		expect(() => safeguarding.addPhrase(db, lead, 'sleeping in the car', 'unsafe')).toThrow(ConflictError);
		expect(() => safeguarding.addPhrase(db, lead, 'Want to die!', 'self_harm')).toThrow(ConflictError); // built in
		expect(() => safeguarding.addPhrase(db, lead, 'ok', 'self_harm')).toThrow(ValidationError);
		expect(() => safeguarding.addPhrase(db, lead, 'something new', 'worry')).toThrow(ValidationError);

		safeguarding.removePhrase(db, lead, id);
		expect(safeguarding.tryText(db, lead, 'We are sleeping in the car this week')).toEqual([]);
		expect(() => safeguarding.removePhrase(db, lead, id)).toThrow(NotFoundError);
		// trying a sentence flags nothing
		expect(flags(db)).toHaveLength(1);
		expect(safeguarding.queue(db, lead).map((f) => f.source)).toEqual(['feedback']);
	});
});

describe('"I\'m worried about something"', () => {
	it('always flags a message from someone signed in, whatever it says, and audits it without the text', () => {
		const { db, lead } = setUp();
		const youngPerson = addPerson(db, ['young_person'], { name: 'Kai' });
		const id = safeguarding.tell(db, youngPerson, '  Can someone talk to me about home please  ');
		expect(flags(db)[0]).toMatchObject({ id, source: 'message', sourceId: null, personId: youngPerson.id, categories: '[]', text: 'Can someone talk to me about home please' });
		expect(safeguarding.open(db, lead, id, contactOf(db)).person).toMatchObject({ name: 'Kai', accountId: youngPerson.id });
		const [sent] = audits(db, 'safeguarding.message_sent');
		expect(sent.actorId).toBe(youngPerson.id);
		expect(JSON.stringify(sent)).not.toContain('home');

		expect(() => safeguarding.tell(db, null, 'Help')).toThrow(ForbiddenError);
		expect(() => safeguarding.tell(db, youngPerson, '   ')).toThrow(ValidationError);
		expect(() => safeguarding.tell(db, youngPerson, 'x'.repeat(safeguarding.MESSAGE_MAX + 1))).toThrow(ValidationError);
		expect(flags(db)).toHaveLength(1);
	});
});

describe('reminders about overdue flags', () => {
	it('tell the leads once when a flag becomes overdue, never before, never twice, not after the review', () => {
		const db = testDb();
		const lead = addPerson(db, ['safeguarding_lead']);
		const parent = addPerson(db, ['parent_carer']);
		const monday = new Date('2026-03-02T10:00:00Z');
		const id = safeguarding.tell(db, parent, 'I am worried about a child', monday);
		safeguarding.tell(db, parent, 'And another thing', new Date('2026-03-04T10:00:00Z'));
		const reminders = () => db.select().from(outboxEvent).where(eq(outboxEvent.kind, 'safeguarding.flag_overdue')).all();
		// due by the end of the next working day (Tuesday): overdue on Wednesday
		expect(safeguarding.remindAboutFlags(db, new Date('2026-03-03T20:00:00Z'))).toBe(0);
		expect(safeguarding.remindAboutFlags(db, new Date('2026-03-04T08:00:00Z'))).toBe(1);
		expect(safeguarding.remindAboutFlags(db, new Date('2026-03-04T18:00:00Z'))).toBe(0);
		expect(reminders()).toEqual([expect.objectContaining({ subjectId: null })]);
		safeguarding.review(db, lead, id, { outcome: 'no_concern', note: 'Spoke to the family' });
		// the second flag goes overdue on Friday; the reviewed one never again
		expect(safeguarding.remindAboutFlags(db, new Date('2026-03-06T08:00:00Z'))).toBe(1);
		expect(reminders()).toHaveLength(2);
	});
});
