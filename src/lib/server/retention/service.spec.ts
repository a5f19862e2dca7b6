import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { londonDate } from '$lib/time';
import type { Db } from '../db';
import {
	areaSetting,
	auditEntry,
	feedback,
	profile,
	profileItem,
	profilePhoto,
	profileShareLink,
	profileShareOpen,
	profileVersion,
	safeguardingFlag,
	survey,
	surveyAnswer,
	surveyDraft,
	surveyQuestion,
	surveyResponse,
	user,
	youngPerson
} from '../db/schema';
import { DEFAULT_SETTINGS, type AreaSettings } from '../settings';
import { addPerson, testDb } from '../testing';
import { RETENTION_KINDS, lastRun, removedMarker, runRetention, type RetentionCounts } from './service';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-06-15T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const dayAgo = (days: number) => londonDate(ago(days));

const FEEDBACK = DEFAULT_SETTINGS.retainFeedbackContactDays;
const SURVEY = DEFAULT_SETTINGS.retainClosedSurveyTextDays;
const PROFILE = DEFAULT_SETTINGS.retainInactiveProfileDays;
const OPENS = DEFAULT_SETTINGS.retainShareOpenDays;
const AUDIT = DEFAULT_SETTINGS.retainAuditDays;

/** The three sides of every cut-off: one day past it, exactly on it, one day before it. */
const SIDES = { after: 1, on: 0, before: -1 } as const;
type Side = keyof typeof SIDES;

function setSettings(db: Db, changes: Partial<AreaSettings>) {
	for (const [key, value] of Object.entries(changes)) {
		db.insert(areaSetting).values({ key, value: JSON.stringify(value), updatedAt: NOW }).run();
	}
}

let unique = 0;

function addFeedback(db: Db, receivedDaysAgo: number, withContact = true) {
	unique++;
	return db
		.insert(feedback)
		.values({
			reference: `FB-TEST-${String(unique).padStart(4, '0')}`,
			whatHappened: `Feedback ${unique}`,
			contactName: withContact ? `Sender ${unique}` : null,
			contactEmail: withContact ? `sender${unique}@example.org` : null,
			contactPhone: withContact ? `0770090${String(unique).padStart(4, '0')}` : null,
			consentToContact: withContact,
			receivedOn: dayAgo(receivedDaysAgo)
		})
		.returning({ id: feedback.id })
		.get().id;
}

/** A survey with one free-text answer and a safeguarding flag on it (`closedAt` / `closesOn` as given). */
function addSurvey(db: Db, state: 'published' | 'closed', dates: { closedAt?: Date; closesOn?: string | null }) {
	unique++;
	const id = db
		.insert(survey)
		.values({
			title: `Survey ${unique}`,
			audience: 'both',
			state,
			opensOn: dayAgo(4000),
			closesOn: dates.closesOn ?? null,
			createdAt: ago(4000),
			updatedAt: ago(4000),
			publishedAt: ago(4000),
			closedAt: dates.closedAt ?? null
		})
		.returning({ id: survey.id })
		.get().id;
	const questionId = db
		.insert(surveyQuestion)
		.values({ surveyId: id, position: 1, kind: 'long_text', text: 'Anything else?' })
		.returning({ id: surveyQuestion.id })
		.get().id;
	const responseId = `response-${unique}`;
	db.insert(surveyResponse)
		.values({ id: responseId, surveyId: id, tokenHash: `t${unique}`, receiptHash: `r${unique}`, submittedOn: dayAgo(3000), locale: 'en', respondentGroup: 'parent_carer' })
		.run();
	const answerId = db
		.insert(surveyAnswer)
		.values({ responseId, questionId, text: `Secret answer ${unique}`, quoted: true })
		.returning({ id: surveyAnswer.id })
		.get().id;
	const flagId = db
		.insert(safeguardingFlag)
		.values({ source: 'survey_answer', sourceId: String(answerId), text: `Secret answer ${unique}`, raisedOn: dayAgo(3000), outcome: 'no_concern', reviewNote: 'Looked at it', reviewedAt: ago(2999) })
		.returning({ id: safeguardingFlag.id })
		.get().id;
	return { id, answerId, flagId };
}

/** A young person with a full profile: an item (flagged), a version, a photo and a share link opened twice lately. */
function addYoungPerson(db: Db, dates: { lastSignIn: Date | null; created: Date; saved: Date }) {
	unique++;
	const id = db.insert(user).values({ name: `Young ${unique}`, createdAt: dates.created }).returning({ id: user.id }).get().id;
	db.insert(youngPerson).values({ userId: id, signInCodeHash: `code-${unique}`, createdAt: dates.created, lastSignInAt: dates.lastSignIn }).run();
	db.insert(profile).values({ youngPersonId: id, version: 1, updatedAt: dates.saved, reviewedAt: dates.saved }).run();
	const itemId = db
		.insert(profileItem)
		.values({ youngPersonId: id, section: 'important', words: `My own words ${unique}`, position: 1, writtenBy: id, createdAt: dates.saved, updatedAt: dates.saved })
		.returning({ id: profileItem.id })
		.get().id;
	db.insert(profileVersion).values({ youngPersonId: id, number: 1, savedAt: dates.saved, savedBy: id, change: 'added', snapshot: '{}' }).run();
	db.insert(profilePhoto).values({ youngPersonId: id, bytes: Buffer.from([1, 2, 3]), description: 'Me', updatedAt: dates.saved }).run();
	const linkId = db
		.insert(profileShareLink)
		.values({ tokenHash: `share-${unique}`, youngPersonId: id, label: 'Teacher', createdAt: dates.saved, expiresAt: ago(-30) })
		.returning({ id: profileShareLink.id })
		.get().id;
	db.insert(profileShareOpen).values([{ shareLinkId: linkId, openedAt: ago(1) }, { shareLinkId: linkId, openedAt: ago(2) }]).run();
	const flagId = db
		.insert(safeguardingFlag)
		.values({ source: 'profile_item', sourceId: String(itemId), personId: id, text: `My own words ${unique}`, raisedOn: dayAgo(5) })
		.returning({ id: safeguardingFlag.id })
		.get().id;
	return { id, linkId, flagId };
}

function seed(db: Db) {
	const byFeedback = {} as Record<Side, number>;
	const closedByHand = {} as Record<Side, ReturnType<typeof addSurvey>>;
	const pastLastDay = {} as Record<Side, ReturnType<typeof addSurvey>>;
	const signedIn = {} as Record<Side, ReturnType<typeof addYoungPerson>>;
	const neverSignedIn = {} as Record<Side, ReturnType<typeof addYoungPerson>>;
	const opens = {} as Record<Side, number>;
	const audits = {} as Record<Side, number>;
	const oldFeedbackWithoutContact = addFeedback(db, FEEDBACK + 100, false);
	// a share link of an active profile, whose openings are old or new
	const active = addYoungPerson(db, { lastSignIn: ago(1), created: ago(50), saved: ago(1) });
	for (const [side, shift] of Object.entries(SIDES) as [Side, number][]) {
		byFeedback[side] = addFeedback(db, FEEDBACK + shift);
		closedByHand[side] = addSurvey(db, 'closed', { closedAt: ago(SURVEY + shift), closesOn: null });
		// never closed by hand: its last day counts as its close
		pastLastDay[side] = addSurvey(db, 'published', { closesOn: dayAgo(SURVEY + shift) });
		signedIn[side] = addYoungPerson(db, { lastSignIn: ago(PROFILE + shift), created: ago(PROFILE + 500), saved: ago(PROFILE + 400) });
		neverSignedIn[side] = addYoungPerson(db, { lastSignIn: null, created: ago(PROFILE + shift), saved: ago(PROFILE + shift) });
		opens[side] = db.insert(profileShareOpen).values({ shareLinkId: active.linkId, openedAt: ago(OPENS + shift) }).returning({ id: profileShareOpen.id }).get().id;
		audits[side] = db
			.insert(auditEntry)
			.values({ at: ago(AUDIT + shift), actorId: null, action: 'test.happened', subjectType: 'test', subjectId: side })
			.returning({ id: auditEntry.id })
			.get().id;
	}
	// still open, with no last day: kept however old
	const openSurvey = addSurvey(db, 'published', { closesOn: null });
	// not signed in for years, but a supporter saved the profile lately: still in use
	const savedLately = addYoungPerson(db, { lastSignIn: ago(PROFILE + 10), created: ago(PROFILE + 500), saved: ago(3) });
	// an unsent draft untouched for 61 days
	db.insert(surveyDraft).values({ tokenHash: 'draft', receiptHash: 'draft-receipt', surveyId: openSurvey.id, locale: 'en', savedOn: dayAgo(61) }).run();
	return { byFeedback, oldFeedbackWithoutContact, closedByHand, pastLastDay, openSurvey, signedIn, neverSignedIn, savedLately, active, opens, audits };
}

const withContact = (db: Db) =>
	db
		.select()
		.from(feedback)
		.all()
		.filter((f) => f.contactName !== null || f.contactEmail !== null || f.contactPhone !== null || f.consentToContact)
		.map((f) => f.id)
		.sort((a, b) => a - b);

const answerText = (db: Db, id: number) => db.select().from(surveyAnswer).where(eq(surveyAnswer.id, id)).get();
const flag = (db: Db, id: number) => db.select().from(safeguardingFlag).where(eq(safeguardingFlag.id, id)).get()!;
const itemsOf = (db: Db, id: number) =>
	db.select().from(profileItem).where(eq(profileItem.youngPersonId, id)).all().length +
	db.select().from(profileVersion).where(eq(profileVersion.youngPersonId, id)).all().length +
	db.select().from(profilePhoto).where(eq(profilePhoto.youngPersonId, id)).all().length +
	db.select().from(profileShareLink).where(eq(profileShareLink.youngPersonId, id)).all().length;

describe('runRetention', () => {
	it('removes exactly what expired, kind by kind, and nothing more when run again', () => {
		const db = testDb();
		const s = seed(db);
		const counts = runRetention(db, NOW);
		expect(counts).toEqual({
			feedbackContacts: 1,
			surveyTexts: 2,
			// one flag on each expired answer, one on each emptied profile's item
			flagTexts: 4,
			profiles: 2,
			// one opening past its time, and the two recent openings of each emptied profile's link
			shareOpens: 5,
			auditEntries: 1,
			drafts: 1,
			// none were asked for here (subscriptions/service.spec.ts counts them)
			unconfirmedSubscriptions: 0,
			unconfirmedForumJoins: 0,
			endedForumRepresentatives: 0
		} satisfies RetentionCounts);

		// Feedback: the contact details of the one past the cut-off went; the feedback itself stays.
		expect(withContact(db)).toEqual([s.byFeedback.on, s.byFeedback.before].sort((a, b) => a - b));
		const cleared = db.select().from(feedback).where(eq(feedback.id, s.byFeedback.after)).get()!;
		expect(cleared).toMatchObject({ contactName: null, contactEmail: null, contactPhone: null, consentToContact: false });
		expect(cleared.whatHappened).toMatch(/^Feedback /);

		// Surveys: the words of answers to surveys closed more than N days ago went; rows stay.
		for (const gone of [s.closedByHand.after, s.pastLastDay.after]) {
			expect(answerText(db, gone.answerId)).toMatchObject({ text: null, quoted: false });
			expect(flag(db, gone.flagId)).toMatchObject({ text: removedMarker(SURVEY), outcome: 'no_concern', reviewNote: 'Looked at it' });
		}
		for (const kept of [s.closedByHand.on, s.closedByHand.before, s.pastLastDay.on, s.pastLastDay.before, s.openSurvey]) {
			expect(answerText(db, kept.answerId)?.text).toMatch(/^Secret answer/);
			expect(flag(db, kept.flagId).text).toMatch(/^Secret answer/);
		}
		expect(db.select().from(surveyAnswer).all()).toHaveLength(7);

		// Profiles: emptied past the cut-off, the account and card kept; others untouched.
		for (const gone of [s.signedIn.after, s.neverSignedIn.after]) {
			expect(itemsOf(db, gone.id)).toBe(0);
			expect(db.select().from(youngPerson).where(eq(youngPerson.userId, gone.id)).get()).toBeDefined();
			expect(db.select().from(user).where(eq(user.id, gone.id)).get()).toBeDefined();
			expect(db.select().from(profile).where(eq(profile.youngPersonId, gone.id)).get()).toMatchObject({ version: 0, reviewedAt: null });
			expect(db.select().from(profileShareOpen).where(eq(profileShareOpen.shareLinkId, gone.linkId)).all()).toHaveLength(0);
			expect(flag(db, gone.flagId).text).toBe(removedMarker(PROFILE));
		}
		for (const kept of [s.signedIn.on, s.signedIn.before, s.neverSignedIn.on, s.neverSignedIn.before, s.savedLately, s.active]) {
			expect(itemsOf(db, kept.id)).toBe(4);
			expect(flag(db, kept.flagId).text).toMatch(/^My own words/);
		}

		// Share-link openings: only the one past its time (of the active profile's link) went.
		const activeOpens = db.select({ id: profileShareOpen.id }).from(profileShareOpen).where(eq(profileShareOpen.shareLinkId, s.active.linkId)).all().map((o) => o.id);
		expect(activeOpens).not.toContain(s.opens.after);
		expect(activeOpens).toEqual(expect.arrayContaining([s.opens.on, s.opens.before]));
		expect(activeOpens).toHaveLength(4);

		// Audit: the one past its time went; the others, and the new 'retention.ran', stay.
		const audits = db.select().from(auditEntry).all();
		expect(audits.map((a) => a.id)).not.toContain(s.audits.after);
		expect(audits.map((a) => a.id)).toEqual(expect.arrayContaining([s.audits.on, s.audits.before]));
		expect(db.select().from(surveyDraft).all()).toHaveLength(0);

		// Again: nothing more goes.
		const again = runRetention(db, NOW);
		expect(again).toEqual(Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])));
		expect(withContact(db)).toHaveLength(2);
		expect(db.select().from(auditEntry).where(eq(auditEntry.action, 'retention.ran')).all()).toHaveLength(2);
	});

	it('records one audit entry with the counts only: no ids, no text', () => {
		const db = testDb();
		seed(db);
		const counts = runRetention(db, NOW);
		const entries = db.select().from(auditEntry).where(eq(auditEntry.action, 'retention.ran')).all();
		expect(entries).toHaveLength(1);
		const [entry] = entries;
		expect(entry).toMatchObject({ actorId: null, subjectType: 'retention', subjectId: 'area' });
		expect(entry.at.getTime()).toBe(NOW.getTime());
		const details = JSON.parse(entry.details);
		expect(Object.keys(details).sort()).toEqual([...RETENTION_KINDS].sort());
		expect(Object.values(details).every((v) => typeof v === 'number')).toBe(true);
		expect(details).toEqual(counts);
		expect(entry.details).not.toMatch(/Secret|Sender|example\.org|words/);

		// admins read it back for the settings page; nobody else may
		const admin = addPerson(db, ['admin']);
		expect(lastRun(db, admin)).toEqual({ at: NOW, counts });
		expect(() => lastRun(db, addPerson(db, ['organiser']))).toThrow('permission');
	});

	it('keeps everything for ever when a period is 0', () => {
		const db = testDb();
		setSettings(db, {
			retainFeedbackContactDays: 0,
			retainClosedSurveyTextDays: 0,
			retainInactiveProfileDays: 0,
			retainShareOpenDays: 0,
			retainAuditDays: 0
		});
		const s = seed(db);
		const counts = runRetention(db, new Date(NOW.getTime() + 20 * 365 * DAY));
		// only unsent drafts go: they follow the surveys' own rule, not a setting (and unconfirmed subscriptions, none here)
		expect(counts).toEqual({ feedbackContacts: 0, surveyTexts: 0, flagTexts: 0, profiles: 0, shareOpens: 0, auditEntries: 0, drafts: 1, unconfirmedSubscriptions: 0, unconfirmedForumJoins: 0, endedForumRepresentatives: 0 });
		expect(withContact(db)).toHaveLength(3);
		expect(answerText(db, s.closedByHand.after.answerId)?.text).toMatch(/^Secret answer/);
		expect(itemsOf(db, s.signedIn.after.id)).toBe(4);
		expect(db.select().from(profileShareOpen).all()).toHaveLength(3 + 2 * 8);
		expect(db.select().from(auditEntry).all()).toHaveLength(4);
	});

	it('follows changed settings: a shorter period removes more', () => {
		const db = testDb();
		setSettings(db, { retainFeedbackContactDays: 10 });
		seed(db);
		// every feedback with contact details is over 10 days old
		expect(runRetention(db, NOW).feedbackContacts).toBe(3);
	});
});
