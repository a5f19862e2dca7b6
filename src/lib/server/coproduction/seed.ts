/**
 * Demo co-production entries: a year of decisions across the demo services and every rung of the
 * ladder, dated over the twelve months before the seed day. Some are only "inform" (families were
 * told, not asked), which is honest. Several point at the demo meetings' agenda items, "you said"
 * items, surveys and standards, found by their words. Added through the service as the demo
 * organiser, only when there are no entries yet.
 */
import { count, eq, like } from 'drizzle-orm';
import { addDays, londonDate } from '$lib/time';
import type { Body, Level } from '$lib/features/coproduction/model';
import type { Db } from '../db';
import { agendaItem, boardItem, coproductionEntry, standard, survey, user } from '../db/schema';
import type { Actor } from '../permissions';
import * as services from '../services';
import { create } from './service';

const { SALT, CAMHS, EHC, TEACHING, BREAKS, SOCIAL } = services.DEMO_SERVICE;

type DemoEntry = {
	daysAgo: number;
	title: string;
	body: Body;
	/** The deciding service (body 'service') or the other body's name (body 'other'). */
	by?: string;
	level: Level;
	people: [parentCarers: number, youngPeople: number, forumReps: number];
	services: string[];
	changed: string;
	/** The words that find what it concerns: an agenda item's title, a "you said" item's first words, a survey's title, a standard's statement. */
	agendaItem?: string;
	boardItem?: string;
	survey?: string;
	standard?: string;
};

const DEMO: DemoEntry[] = [
	{ daysAgo: 350, title: 'New opening hours for the SEND assessment team helpline', body: 'service', by: EHC, level: 'inform', people: [0, 0, 1], services: [EHC], changed: 'The forum shared the new hours in its newsletter.' },
	{ daysAgo: 330, title: 'Short breaks summer programme', body: 'service', by: BREAKS, level: 'consult', people: [64, 12, 2], services: [BREAKS], changed: 'Two more Saturday clubs and a quiet session each week were added after families asked for them.', survey: 'Summer holiday activities' },
	{ daysAgo: 310, title: 'Terms of reference for the SEND partnership board', body: 'partnership_board', level: 'engage', people: [0, 0, 3], services: [], changed: 'The forum has two places on the board with a vote, and papers go out a week before each meeting.' },
	{ daysAgo: 290, title: 'Autism assessment pathway leaflet', body: 'service', by: CAMHS, level: 'co_design', people: [9, 3, 2], services: [CAMHS], changed: 'Parents rewrote the leaflet in plain words and added what happens while you wait.' },
	{ daysAgo: 270, title: 'Budget savings in the specialist teaching service', body: 'service', by: TEACHING, level: 'inform', people: [0, 0, 2], services: [TEACHING], changed: 'Nothing changed: the decision had been made. The forum asked to be consulted earlier next time.' },
	{ daysAgo: 250, title: 'Preparing for adulthood: what young people want to know', body: 'forum', level: 'co_produce', people: [14, 11, 3], services: [SOCIAL, CAMHS], changed: 'Young people wrote and filmed a short guide with the social work team; it is on the local offer.', agendaItem: 'Preparing for adulthood' },
	{ daysAgo: 235, title: 'Referral letters for speech and language therapy', body: 'service', by: SALT, level: 'co_design', people: [7, 0, 1], services: [SALT], changed: 'Every family now gets a letter and a text within 5 working days, in words parents chose.', boardItem: 'After a referral we hear nothing' },
	{ daysAgo: 220, title: 'Waiting times for speech and language therapy', body: 'forum', level: 'consult', people: [31, 0, 3], services: [SALT], changed: 'Drop-in advice sessions while families wait, twice a month.', agendaItem: 'Waiting times for speech and language therapy', standard: 'Families feel speech and language therapy helps their child' },
	{ daysAgo: 205, title: 'School transport policy', body: 'other', by: 'Council cabinet', level: 'inform', people: [0, 0, 1], services: [EHC], changed: 'Families now get a text when a driver or time changes, which the forum asked for.' },
	{ daysAgo: 190, title: 'Letters about EHC plans in other languages', body: 'service', by: EHC, level: 'engage', people: [12, 0, 2], services: [EHC], changed: 'The four most-used letters are in Urdu, Polish, Romanian and Turkish.', agendaItem: 'Letters in our own languages', boardItem: 'Letters about EHC plans are only in English' },
	{ daysAgo: 175, title: 'The forum\u2019s survey for parent carers', body: 'forum', level: 'co_produce', people: [18, 0, 4], services: [], changed: 'Parent carers chose the questions and tested the easy-read version before it went out.', survey: 'How are services working for your family?' },
	{ daysAgo: 160, title: 'Quiet rooms at clinics', body: 'service', by: CAMHS, level: 'consult', people: [22, 15, 1], services: [CAMHS], changed: 'There is now a quiet room you can ask for at every clinic.', agendaItem: 'Waiting rooms', boardItem: 'Waiting rooms are too noisy' },
	{ daysAgo: 145, title: 'Tell it once: a family summary every service reads first', body: 'partnership_board', level: 'co_design', people: [16, 2, 3], services: [EHC, CAMHS], changed: 'A one-page family summary, written with parents, is being tried in two services.', agendaItem: 'Tell it once: sharing our story', boardItem: 'We have to tell our child' },
	{ daysAgo: 130, title: 'Annual review paperwork', body: 'service', by: EHC, level: 'consult', people: [40, 6, 2], services: [EHC, TEACHING], changed: 'The form is shorter and asks young people for their own views first.', agendaItem: 'Annual reviews', standard: 'EHC plans are issued within 20 weeks' },
	{ daysAgo: 115, title: 'Holiday activities chosen by young people', body: 'service', by: BREAKS, level: 'co_produce', people: [5, 26, 1], services: [BREAKS], changed: 'Young people chose next summer\u2019s activities in three workshops.', boardItem: 'I want to choose what I do in the holidays' },
	{ daysAgo: 100, title: 'Social work team\u2019s letter when a worker changes', body: 'service', by: SOCIAL, level: 'inform', people: [0, 0, 1], services: [SOCIAL], changed: 'Families get a letter and a call within a week of a change.', boardItem: 'We were not told our social worker had changed' },
	{ daysAgo: 85, title: 'The local offer website on a phone', body: 'forum', level: 'engage', people: [23, 4, 2], services: [], changed: 'Parents tested the new pages on their phones; the menu and search were changed.', agendaItem: 'The local offer website on a phone', boardItem: 'The local offer website is hard to use' },
	{ daysAgo: 70, title: 'Training for parents on EHC needs assessments', body: 'forum', level: 'co_design', people: [11, 0, 3], services: [EHC], changed: 'Two evening sessions, planned and led with parents, are booked for January.', agendaItem: 'Training for parents on EHC needs assessments', boardItem: 'Parents want training on how EHC' },
	{ daysAgo: 55, title: 'CAMHS crisis line call-backs', body: 'service', by: CAMHS, level: 'inform', people: [0, 0, 1], services: [CAMHS], changed: 'A duty worker returns every crisis call the same day.', boardItem: 'Nobody phoned back when we called CAMHS' },
	{ daysAgo: 40, title: 'Specialist teachers\u2019 school visits', body: 'service', by: TEACHING, level: 'consult', people: [19, 0, 1], services: [TEACHING], changed: 'Visits each term now check that the advice in EHC plans is followed.', boardItem: 'Schools do not always follow the advice' },
	{ daysAgo: 25, title: 'Transport to school', body: 'partnership_board', level: 'engage', people: [8, 0, 3], services: [EHC], changed: 'A parent joins the transport review group.', agendaItem: 'Transport to school' },
	{ daysAgo: 10, title: 'Reporting co-production to the board each quarter', body: 'partnership_board', level: 'co_design', people: [6, 2, 3], services: [], changed: 'The board report now shows how families were involved, with a target for co-design.', standard: 'Share of decisions co-designed or co-produced' }
];

/** Adds the demo entries if there are none yet. Returns how many it added. */
export function seedCoproductionDemo(db: Db, now = new Date()): number {
	if ((db.select({ n: count() }).from(coproductionEntry).get()?.n ?? 0) > 0) return 0;
	const organiserId = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()?.id;
	if (!organiserId) return 0;
	const organiser: Actor = { id: organiserId, roles: ['organiser'] };
	const serviceIds = new Map(services.list(db).map((s) => [s.name, s.id]));
	const today = londonDate(now);
	// the newest agenda item with these words (the demo meets about some topics more than once)
	const find = {
		agendaItem: (t: string) => db.select({ id: agendaItem.id }).from(agendaItem).where(eq(agendaItem.title, t)).all().at(-1)?.id ?? null,
		boardItem: (t: string) => db.select({ id: boardItem.id }).from(boardItem).where(like(boardItem.youSaid, `${t}%`)).get()?.id ?? null,
		survey: (t: string) => db.select({ id: survey.id }).from(survey).where(like(survey.title, `${t}%`)).get()?.id ?? null,
		standard: (t: string) => db.select({ id: standard.id }).from(standard).where(eq(standard.statement, t)).get()?.id ?? null
	};
	let added = 0;
	for (const d of DEMO) {
		const ids = d.services.map((s) => serviceIds.get(s)).filter((x): x is number => x !== undefined);
		create(
			db,
			organiser,
			{
				title: d.title,
				body: d.body,
				bodyServiceId: d.body === 'service' ? (serviceIds.get(d.by!) ?? null) : null,
				bodyName: d.body === 'other' ? d.by! : '',
				decidedOn: addDays(today, -d.daysAgo),
				level: d.level,
				parentCarers: d.people[0],
				youngPeople: d.people[1],
				forumReps: d.people[2],
				serviceIds: ids,
				changed: d.changed,
				agendaItemId: d.agendaItem ? find.agendaItem(d.agendaItem) : null,
				surveyId: d.survey ? find.survey(d.survey) : null,
				boardItemId: d.boardItem ? find.boardItem(d.boardItem) : null,
				standardId: d.standard ? find.standard(d.standard) : null
			},
			new Date(now.getTime() - d.daysAgo * 86_400_000)
		);
		added++;
	}
	return added;
}
