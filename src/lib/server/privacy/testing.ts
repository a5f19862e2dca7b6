/**
 * For the data rights tests: people with rows in every kind of record, each person's own words
 * carrying a marker word so a test can search the whole database for them. Made through the
 * features' services where that is simple, and with plain inserts where a service would need a
 * long set-up (meetings, standards, reports), as the feature's own tests do.
 */
import type { Role } from '$lib/roles';
import { londonDate } from '$lib/time';
import type { Db } from '../db';
import {
	yearlyReport,
	boardItem,
	boardResponse,
	feedback,
	feedbackReply,
	meeting,
	agendaItem,
	meetingAction,
	attendance,
	minutesVersion,
	operationalFigure,
	profilePhoto,
	profileSupporter,
	report,
	reportComment,
	service,
	serviceLead,
	standard,
	surveyQuestionVersion,
	translation,
	contentTranslation
} from '../db/schema';
import type { Actor } from '../permissions';
import * as forum from '../forum';
import { addPerson } from '../testing';
import { createSession } from '../auth/session';
import * as accounts from '../accounts';
import * as twoStep from '../accounts';
import * as surveys from '../surveys';
import * as profiles from '../profiles';
import * as safeguarding from '../safeguarding';
import * as outbox from '../outbox';
import * as subscriptions from '../subscriptions';
import { EVENT_KINDS } from '../registry';

export type Person = NonNullable<Actor> & { name: string; email: string | null };

/** A tiny JPEG header: enough to stand for a photo's bytes. */
export const PHOTO_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);

let n = 0;

/** A named survey with one short-text and one yes/no question, published, made by `organiser`. */
export function namedSurvey(db: Db, organiser: Actor, anonymous = false) {
	const id = surveys.create(db, organiser, {
		title: `Survey ${++n}`,
		intro: '',
		audience: 'both',
		anonymous,
		opensOn: '2020-01-01',
		closesOn: null,
		serviceIds: []
	});
	const textQ = surveys.addQuestion(db, organiser, id, 'short_text', 'What would help?');
	const yesQ = surveys.addQuestion(db, organiser, id, 'yes_no', 'Is it good?');
	surveys.publish(db, organiser, id);
	const yesOption = surveys.questionsOf(db, organiser, id).find((q) => q.id === yesQ)!.options[0].id;
	return { id, textQ, yesQ, yesOption };
}

/** Answers a survey (sent), as `actor` (anonymous surveys: not linked). Returns the response id. */
export function answer(db: Db, actor: Actor, s: ReturnType<typeof namedSurvey>, words: string, send = true): string | null {
	const { token } = surveys.start(db, actor, s.id, 'en');
	surveys.saveAnswer(db, actor, s.id, token, s.textQ, [], words);
	surveys.saveAnswer(db, actor, s.id, token, s.yesQ, [s.yesOption], '');
	return send ? surveys.submit(db, actor, s.id, token).responseId : null;
}

export type World = {
	admin: Person;
	organiser: Person;
	/** A parent carer who also holds every staff role, so every kind of record has rows. */
	pat: Person;
	/** A young person Pat supports. */
	yara: Person;
	/** Someone else with rows in the same tables, who must never show up in Pat's or Yara's data. */
	olive: Person;
	/** Words belonging to each person (they carry the person's marker). */
	words: { pat: string[]; yara: string[]; olive: string[] };
	/** Words Pat wrote that stay for others after erasure (a report comment, a "we did"). */
	patWordsThatStay: string[];
	anonymousSurvey: ReturnType<typeof namedSurvey>;
	shareToken: string;
};

/** Seeds the people and their rows in every table that can point at a person. */
export function seedWorld(db: Db): World {
	const now = new Date();
	const admin = { ...addPerson(db, ['admin'], { name: 'Ada Admin' }), name: 'Ada Admin' };
	const organiser = { ...addPerson(db, ['organiser'], { name: 'Ola Organiser' }), name: 'Ola Organiser' };

	// Pat is invited by the admin: a set-password link and an audit entry naming the email.
	const patRoles: Role[] = ['parent_carer', 'supporter', 'organiser', 'board_member', 'service_lead', 'safeguarding_lead'];
	const patEmail = 'pat.zephyrine@example.org';
	const { userId: patId } = accounts.invite(db, admin, { email: patEmail, name: 'Pat Zephyrine', roles: patRoles });
	const pat: Person = { id: patId, roles: patRoles, name: 'Pat Zephyrine', email: patEmail, verifiedAt: now };
	const oliveRoles: Role[] = ['parent_carer', 'supporter', 'organiser', 'board_member', 'safeguarding_lead'];
	const olive: Person = { ...addPerson(db, oliveRoles, { name: 'Olive Marrowick', email: 'olive.marrowick@example.org' }), name: 'Olive Marrowick' };
	createSession(db, pat.id);
	// Pat uses two-step sign-in (a secret, recovery codes) and has a sign-in waiting for its code
	twoStep.setUpDemoTwoStep(db, pat.id, now);
	twoStep.startChallenge(db, pat.id, 'code', now);
	createSession(db, olive.id);

	// Yara: made by Pat (a supporter), with her own words, photo, share link and its openings.
	const made = profiles.createYoungPerson(db, pat, { name: 'Yara Quillonette', yearGroup: 'Year 7' });
	const yara: Person = { id: made.id, roles: ['young_person'], name: 'Yara Quillonette', email: null, verifiedAt: now };
	createSession(db, yara.id);
	profiles.addItem(db, yara, yara.id, 'important', { symbolId: null, words: 'quillon I love my rabbit Biscuit' });
	profiles.addItem(db, yara, yara.id, 'hopes', { symbolId: null, words: 'quillon there is no food at home' });
	profiles.addItem(db, pat, yara.id, 'support', { symbolId: null, words: 'Likes a quiet room' });
	profiles.markReviewed(db, pat, yara.id);
	db.insert(profilePhoto).values({ youngPersonId: yara.id, bytes: PHOTO_BYTES, description: 'quillon on a swing', updatedAt: now }).run();
	const own = profiles.createShareLink(db, yara, yara.id, { label: 'quillon new teacher' });
	profiles.createShareLink(db, pat, yara.id, { label: 'Class teacher' });
	profiles.openSharedProfile(db, own.token);
	profiles.openSharedProfile(db, own.token);
	// Olive can see Yara's profile too: Pat linked her.
	db.insert(profileSupporter).values({ youngPersonId: yara.id, supporterId: olive.id, linkedBy: pat.id, linkedAt: now }).run();
	// Olive's own young person, for rows that belong to someone else.
	const other = profiles.createYoungPerson(db, olive, { name: 'Omar Other' });
	profiles.addItem(db, olive, other.id, 'important', { symbolId: null, words: 'marrowick football' });

	// Surveys: named answers (sent and unsent) and anonymous ones.
	const named = namedSurvey(db, organiser);
	answer(db, pat, named, 'zephyr more evening clubs please');
	answer(db, pat, named, 'zephyr unsent draft words', false);
	answer(db, yara, named, 'quillon more swings');
	answer(db, olive, named, 'marrowick longer holidays');
	const anonymousSurvey = namedSurvey(db, organiser, true);
	answer(db, pat, anonymousSurvey, 'anonymous words one');
	answer(db, null, anonymousSurvey, 'anonymous words two');
	const patsSurvey = namedSurvey(db, pat);
	db.insert(surveyQuestionVersion).values({ questionId: patsSurvey.textQ, version: 1, wording: '{}', replacedAt: now, replacedBy: pat.id }).run();
	db.insert(surveyQuestionVersion).values({ questionId: patsSurvey.yesQ, version: 1, wording: '{}', replacedAt: now, replacedBy: olive.id }).run();

	// Meetings: replies, an action given to Pat, a minutes change.
	const m = db
		.insert(meeting)
		.values({ title: 'Forum meeting', startsAt: now, endsAt: now, audience: 'open_to_all', state: 'minutes_published', createdAt: now, updatedAt: now })
		.returning({ id: meeting.id })
		.get().id;
	const item = db.insert(agendaItem).values({ meetingId: m, position: 1, title: 'Transport', kind: 'discussion' }).returning({ id: agendaItem.id }).get().id;
	db.insert(attendance).values({ meetingId: m, userId: pat.id, name: pat.name, kind: 'attending', at: now }).run();
	db.insert(attendance).values({ meetingId: m, userId: olive.id, name: olive.name, kind: 'apologies', at: now }).run();
	db.insert(meetingAction).values({ agendaItemId: item, meetingId: m, what: 'Write to the bus company', ownerUserId: pat.id }).run();
	db.insert(meetingAction).values({ agendaItemId: item, meetingId: m, what: 'Book the hall', ownerUserId: olive.id }).run();
	db.insert(minutesVersion).values({ meetingId: m, version: 1, snapshot: '{}', replacedAt: now, replacedBy: pat.id }).run();

	// "You said, we did": a "we did" by Pat, a feedback reply by Pat.
	const svc = db.insert(service).values({ name: `Service ${++n}`, sector: 'health', createdAt: now, updatedAt: now }).returning({ id: service.id }).get().id;
	db.insert(serviceLead).values({ serviceId: svc, userId: pat.id }).run();
	const b = db
		.insert(boardItem)
		.values({ youSaid: 'Buses are late', source: 'other', heardOn: londonDate(), dueOn: londonDate(), createdAt: now, lastActivityAt: now })
		.returning({ id: boardItem.id })
		.get().id;
	const patWeDid = 'zephyr-wedid We asked for more buses';
	db.insert(boardResponse).values({ itemId: b, text: patWeDid, responder: 'forum', authorId: pat.id, statusBefore: 'heard', statusAfter: 'working_on_it', createdAt: now }).run();
	db.insert(boardResponse).values({ itemId: b, text: 'marrowick we did too', responder: 'forum', authorId: olive.id, statusBefore: 'working_on_it', statusAfter: 'done', createdAt: now }).run();
	const f = db.insert(feedback).values({ reference: 'FB-TEST-0001', whatHappened: 'The bus was late', receivedOn: londonDate() }).returning({ id: feedback.id }).get().id;
	db.insert(feedbackReply).values({ feedbackId: f, text: 'Thank you, we are on it', authorId: pat.id, createdAt: now }).run();

	// Standards and reports.
	const st = db
		.insert(standard)
		.values({ serviceId: svc, statement: 'Buses on time', measure: 'Share on time', measureKind: 'operational', unit: 'percent', direction: 'higher_better', target: 90, amberFrom: 80, createdAt: now, updatedAt: now })
		.returning({ id: standard.id })
		.get().id;
	db.insert(operationalFigure).values({ standardId: st, periodStart: '2025-01-01', periodEnd: '2025-03-31', value: 80, enteredBy: pat.id, enteredAt: now }).run();
	const r1 = db
		.insert(report)
		.values({ title: 'Spring report', periodStart: '2025-01-01', periodEnd: '2025-03-31', scope: 'area', createdBy: pat.id, createdAt: now })
		.returning({ id: report.id })
		.get().id;
	db.insert(report).values({ title: 'Summer report', periodStart: '2025-04-01', periodEnd: '2025-06-30', scope: 'area', createdBy: olive.id, publishedBy: pat.id, status: 'published', snapshot: '{}', createdAt: now, publishedAt: now }).run();
	// A yearly report Pat published, and one Olive did.
	db.insert(yearlyReport).values({ kind: 'local_offer', year: 2024, snapshot: '{}', publishedAt: now, publishedBy: pat.id }).run();
	db.insert(yearlyReport).values({ kind: 'forum', year: 2024, snapshot: '{}', publishedAt: now, publishedBy: olive.id }).run();
	const patComment = 'zephyr-comment The figures look right';
	db.insert(reportComment).values({ reportId: r1, authorId: pat.id, body: patComment, createdAt: now }).run();
	db.insert(reportComment).values({ reportId: r1, authorId: olive.id, body: 'marrowick comment', createdAt: now }).run();

	// Pat uploaded a reviewed Polish text (as an admin once); Olive a Turkish one
	db.insert(translation).values({ locale: 'pl', rowKey: 'site_name', text: 'Chorus', status: 'reviewed', updatedBy: pat.id, updatedAt: now }).run();
	db.insert(translation).values({ locale: 'tr', rowKey: 'site_name', text: 'Chorus', status: 'draft', updatedBy: olive.id, updatedAt: now }).run();
	// Pat translated a board item's "you said" into Somali; Olive one into Turkish
	db.insert(contentTranslation).values({ subject: 'board_item', subjectId: 1, field: 'you_said', locale: 'so', text: 'Qoraal', updatedBy: pat.id, updatedAt: now }).run();
	db.insert(contentTranslation).values({ subject: 'board_item', subjectId: 1, field: 'you_said', locale: 'tr', text: 'Metin', updatedBy: olive.id, updatedAt: now }).run();

	// Safeguarding: messages, a review by Pat of Olive's message, a phrase Pat added.
	safeguarding.tell(db, pat, 'zephyr I am worried about my neighbour');
	safeguarding.tell(db, yara, 'quillon someone at the park scares me');
	const olivesMessage = safeguarding.tell(db, olive, 'marrowick I am worried about a child');
	safeguarding.review(db, pat, olivesMessage, { outcome: 'support_offered', note: 'Called back' });
	safeguarding.addPhrase(db, pat, 'zzyzx lane', 'unsafe');
	// the flags above emailed the leads (Pat and Olive): their deliveries are theirs
	while (outbox.expandStep(db, EVENT_KINDS) !== null);
	// Pat (an organiser) turned the daily feedback digest off
	outbox.setEmailChoices(db, pat, EVENT_KINDS, outbox.emailChoices(db, pat, EVENT_KINDS).map((c) => c.kind).filter((k) => k !== 'board.feedback_waiting'));
	// Pat's address also follows the board and meetings by email, without the account (in capitals: addresses match in any case)
	subscriptions.subscribe(db, { email: patEmail.toUpperCase(), topics: [{ topic: 'board', ref: '' }, { topic: 'meetings', ref: '' }], language: 'en', frequency: 'weekly' }, '192.0.2.77');
	// Pat is a member of the forum with the account, counted, and represents it on the board
	forum.joinWithAccount(db, pat, { news: false, counted: true, about: { need_area: 'communication_interaction', phase: 'primary', support: 'prefer_not', area: null, ethnicity: null, language: 'english' }, locale: 'en' });
	forum.addRepresentative(db, organiser, { name: 'Pat Zephyrine', userId: pat.id, role: 'Parent carer co-chair', body: 'SEND partnership board', startsOn: '2026-01-01', endsOn: null, namePublic: false });

	return {
		admin,
		organiser,
		pat,
		yara,
		olive,
		words: {
			pat: ['Pat Zephyrine', patEmail, 'zephyr more evening clubs', 'zephyr unsent draft', 'zephyr I am worried'],
			yara: ['Yara Quillonette', 'quillon I love my rabbit', 'quillon there is no food', 'quillon on a swing', 'quillon new teacher', 'quillon more swings', 'quillon someone at the park'],
			olive: ['Olive Marrowick', 'olive.marrowick@example.org', 'marrowick']
		},
		patWordsThatStay: [patWeDid, patComment],
		anonymousSurvey,
		shareToken: own.token
	};
}

/** Every table's name, from the database itself. */
export function tableNames(db: Db): string[] {
	return (db.$client.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`).all() as { name: string }[]).map((r) => r.name);
}

/** Every foreign key in the database that points at `user` or `young_person`, as "table.column". */
export function personColumns(db: Db): string[] {
	const out: string[] = [];
	for (const table of tableNames(db)) {
		const keys = db.$client.prepare(`select "table" as target, "from" as col from pragma_foreign_key_list(?)`).all(table) as { target: string; col: string }[];
		for (const k of keys) if (k.target === 'user' || k.target === 'young_person') out.push(`${table}.${k.col}`);
	}
	return out.sort();
}

/** Rows in every table (for "nothing else changed"). */
export function rowCounts(db: Db): Record<string, number> {
	return Object.fromEntries(tableNames(db).map((t) => [t, (db.$client.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n]));
}

