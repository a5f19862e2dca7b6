import { count, eq } from 'drizzle-orm';
import type { BoardSource, BoardStatus, LocalOfferAspect } from '$lib/features/board/model';
import { DAY_MS, londonDate } from '$lib/time';
import type { Db } from '../db';
import { boardItem, service, user } from '../db/schema';
import * as board from './service';
import * as feedbackService from './feedback';
import * as services from '../services';

const { SALT, CAMHS, EHC, TEACHING, BREAKS, SOCIAL } = services.DEMO_SERVICE;

/** Demo "you said, we did" items: what parents commonly ask of SEND services. */
type DemoItem = {
	youSaid: string;
	easyRead?: string;
	symbol?: string;
	voices: number;
	source: BoardSource;
	sourceDetail?: string;
	services: string[];
	topics: string[];
	/** Days before today it was heard. */
	heardDaysAgo: number;
	published?: boolean;
	/** Which aspect of the Local Offer it is about, if it is. */
	localOffer?: LocalOfferAspect;
	/** Responses in order: [days before today, status, text, reason?]. Answered by the first service's lead, or the forum. */
	responses?: [number, BoardStatus, string, string?][];
};

const ITEMS: DemoItem[] = [
	{ youSaid: 'After a referral we hear nothing for months, and do not know if it arrived.', easyRead: 'We did not know if you got our referral.', symbol: 'calendar', voices: 23, source: 'survey', sourceDetail: 'Autumn 2026 parent carer survey', services: [SALT], topics: ['referrals', 'communication'], heardDaysAgo: 150, responses: [[130, 'working_on_it', 'We are setting up a letter and text message that confirm every referral within 5 working days.'], [60, 'done', 'Since September every family gets a letter and a text within 5 working days of a referral, with a name to contact.']] },
	{ youSaid: 'We have to tell our child\'s story again to every new professional.', easyRead: 'You had to tell your story again and again.', symbol: 'you-said', voices: 41, source: 'meeting', sourceDetail: 'Forum meeting, June 2026', services: [EHC, CAMHS], topics: ['telling our story once'], heardDaysAgo: 140, responses: [[110, 'working_on_it', 'We are trying a "tell it once" summary that families agree and that every service reads first.']] },
	{ youSaid: 'Letters about EHC plans are only in English.', easyRead: 'Letters were only in English.', voices: 9, source: 'direct_feedback', services: [EHC], topics: ['information in our language'], heardDaysAgo: 120, responses: [[90, 'working_on_it', 'Key letters are being translated into Urdu, Polish, Romanian and Turkish.'], [30, 'done', 'The four most-used letters are now in Urdu, Polish, Romanian and Turkish, and anyone can ask for an interpreter.']] },
	{ youSaid: 'Nobody phoned back when we called CAMHS in a crisis.', voices: 14, source: 'direct_feedback', services: [CAMHS], topics: ['being listened to', 'replies'], heardDaysAgo: 100, responses: [[80, 'working_on_it', 'We have added a duty worker who returns every crisis call the same day.']] },
	{ youSaid: 'Waiting lists for speech and language therapy are too long.', easyRead: 'You waited too long for speech therapy.', symbol: 'calendar', voices: 37, source: 'survey', sourceDetail: 'Autumn 2026 parent carer survey', services: [SALT], topics: ['waiting times'], heardDaysAgo: 95, responses: [[70, 'not_possible', 'We cannot employ more therapists this year.', 'The service\'s budget is fixed until April; we have asked the board for more money and offer drop-in advice sessions while families wait.']] },
	{ youSaid: 'Short breaks clubs are full by the time we hear about them.', voices: 18, source: 'pupil_voice', sourceDetail: 'Pupil voice day at Riverside School', services: [BREAKS], topics: ['activities'], heardDaysAgo: 90, responses: [[60, 'done', 'Families on our list now hear about new clubs two weeks before anyone else.']] },
	{ youSaid: 'I want to choose what I do in the holidays.', easyRead: 'You want to choose what you do in the holidays.', symbol: 'happy', voices: 12, source: 'pupil_voice', sourceDetail: 'Pupil voice day at Riverside School', services: [BREAKS], topics: ['activities', 'choice'], heardDaysAgo: 85, responses: [[50, 'working_on_it', 'Young people are choosing next summer\'s activities with us in three workshops.']] },
	{ youSaid: 'The local offer website is hard to use on a phone.', voices: 16, source: 'meeting', sourceDetail: 'Forum meeting, July 2026', services: [], topics: ['information'], heardDaysAgo: 80, localOffer: 'accessibility' },
	{ youSaid: 'Annual reviews happen without the right people in the room.', voices: 11, source: 'survey', sourceDetail: 'Autumn 2026 parent carer survey', services: [EHC, TEACHING], topics: ['annual reviews'], heardDaysAgo: 75 },
	{ youSaid: 'We were not told our social worker had changed.', voices: 6, source: 'direct_feedback', services: [SOCIAL], topics: ['communication'], heardDaysAgo: 70, responses: [[40, 'done', 'Families now get a letter and a call from the new social worker within a week of any change.']] },
	{ youSaid: 'Schools do not always follow the advice in the EHC plan.', voices: 19, source: 'survey', sourceDetail: 'Autumn 2026 parent carer survey', services: [TEACHING], topics: ['schools'], heardDaysAgo: 65, responses: [[35, 'working_on_it', 'Specialist teachers now visit each school once a term to check plans are followed.']] },
	{ youSaid: 'Appointments are in school hours, so children miss lessons.', voices: 8, source: 'direct_feedback', services: [SALT, CAMHS], topics: ['appointments'], heardDaysAgo: 60 },
	{ youSaid: 'Waiting rooms are too noisy for autistic children.', easyRead: 'Waiting rooms were too loud.', symbol: 'sad', voices: 13, source: 'pupil_voice', services: [CAMHS], topics: ['environment'], heardDaysAgo: 55, responses: [[30, 'done', 'There is now a quiet room you can ask for at every clinic.']] },
	{ youSaid: 'We did not know what a personal budget could pay for.', voices: 7, source: 'meeting', sourceDetail: 'Forum coffee morning', services: [SOCIAL, BREAKS], topics: ['information', 'money'], heardDaysAgo: 50 },
	{ youSaid: 'Transport to special school changes without warning.', voices: 10, source: 'direct_feedback', services: [EHC], topics: ['transport'], heardDaysAgo: 45, responses: [[20, 'not_possible', 'We cannot promise the same driver every day.', 'Drivers are employed by several companies; we now text families whenever a driver or time changes.']] },
	{ youSaid: 'Parents want training on how EHC needs assessments work.', voices: 15, source: 'meeting', sourceDetail: 'Forum meeting, September 2026', services: [EHC], topics: ['training'], heardDaysAgo: 40, responses: [[15, 'working_on_it', 'Two evening sessions are booked for January, with the forum.']] },
	{ youSaid: 'Young people want to be at their own reviews.', easyRead: 'You want to be at your own meeting.', symbol: 'voices', voices: 9, source: 'pupil_voice', services: [EHC, TEACHING], topics: ['being listened to'], heardDaysAgo: 30 },
	{ youSaid: 'Replies to emails take weeks.', voices: 12, source: 'survey', sourceDetail: 'Autumn 2026 parent carer survey', services: [EHC], topics: ['replies'], heardDaysAgo: 20 },
	{ youSaid: 'Mental health support stops when young people turn 18.', voices: 5, source: 'meeting', services: [CAMHS], topics: ['preparing for adulthood'], heardDaysAgo: 12 },
	{ youSaid: 'Families want to meet other families whose children use communication aids.', voices: 4, source: 'direct_feedback', services: [SALT], topics: ['peer support'], heardDaysAgo: 6, published: false }
];

const QUEUE: (Omit<feedbackService.FeedbackInput, 'serviceId'> & { service?: string })[] = [
	{ whatHappened: 'We waited 9 months for a speech therapy appointment and nobody told us where we were on the list.', service: SALT, contactName: 'Aisha', contactEmail: 'aisha.parent@example.org', contactPhone: '', consentToContact: true, aboutWho: 'parent_carer' },
	{ whatHappened: 'My daughter\'s new social worker did not know anything about her. We had to start again.', service: SOCIAL, contactName: '', contactEmail: '', contactPhone: '', consentToContact: false, aboutWho: 'parent_carer' },
	{ whatHappened: 'The holiday club was brilliant, my son wants to go every week!', service: BREAKS, contactName: '', contactEmail: '', contactPhone: '', consentToContact: false, aboutWho: 'prefer_not_to_say' },
	{ whatHappened: 'I do not understand the letter about the EHC plan. Can someone explain it in Polish?', contactName: 'Kasia', contactEmail: '', contactPhone: '07700 900123', consentToContact: true, aboutWho: 'parent_carer' }
];

function daysAgo(days: number, today: Date): Date {
	return new Date(today.getTime() - days * DAY_MS);
}

/**
 * Adds the demo board items and a few pieces of feedback waiting in the moderation queue,
 * if the board is empty. Items are dated relative to today, so some are overdue.
 * Returns how many items and feedback it added.
 */
export function seedBoardDemo(db: Db, today = new Date()): { items: number; feedback: number } {
	if ((db.select({ n: count() }).from(boardItem).get()?.n ?? 0) > 0) return { items: 0, feedback: 0 };
	const organiserRow = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get();
	const leadRow = db.select({ id: user.id }).from(user).where(eq(user.email, 'service.lead@example.org')).get();
	if (!organiserRow) return { items: 0, feedback: 0 };
	const organiser = { id: organiserRow.id, roles: ['organiser' as const] };
	const serviceIds = new Map(db.select({ id: service.id, name: service.name }).from(service).all().map((s) => [s.name, s.id]));
	const idsOf = (names: string[]) => names.map((n) => serviceIds.get(n)).filter((id): id is number => id !== undefined);

	for (const demo of ITEMS) {
		const heard = daysAgo(demo.heardDaysAgo, today);
		const itemServices = idsOf(demo.services);
		const id = board.createItem(
			db,
			organiser,
			{
				youSaid: demo.youSaid,
				easyRead: demo.easyRead ?? '',
				easyReadSymbol: demo.symbol ?? null,
				voices: demo.voices,
				source: demo.source,
				sourceDetail: demo.sourceDetail ?? '',
				serviceIds: itemServices,
				topics: demo.topics,
				heardOn: londonDate(heard),
				localOffer: demo.localOffer ?? null
			},
			heard
		);
		if (demo.published !== false) board.setPublished(db, organiser, id, true, daysAgo(demo.heardDaysAgo - 3, today));
		for (const [ago, status, text, reason] of demo.responses ?? []) {
			// The speech and language therapy lead answers for their service; the forum answers the rest.
			const salt = serviceIds.get(SALT);
			const asLead = leadRow && salt !== undefined && itemServices.includes(salt);
			board.respond(
				db,
				asLead ? { id: leadRow.id, roles: ['service_lead'] } : organiser,
				id,
				{ text, status, reason: reason ?? '', as: asLead ? salt : 'forum' },
				daysAgo(ago, today)
			);
		}
	}
	for (const f of QUEUE) {
		const { service: name, ...rest } = f;
		feedbackService.send(db, { ...rest, serviceId: name ? (serviceIds.get(name) ?? null) : null }, 'seed', today);
	}
	return { items: ITEMS.length, feedback: QUEUE.length };
}
