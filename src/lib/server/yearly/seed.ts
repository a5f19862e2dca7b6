/**
 * Demo data: items and feedback about the Local Offer in last partnership year and this one, and
 * last year's Local Offer report, published. Everything goes through the board's and this
 * feature's services as the demo organiser, dated inside the years they belong to. Added only when
 * last year's Local Offer report is missing.
 */
import { and, eq } from 'drizzle-orm';
import type { BoardStatus, LocalOfferAspect } from '$lib/features/board/model';
import { DAY_MS, londonDate, partnershipYear } from '$lib/time';
import type { Db } from '../db';
import { user, yearlyReport } from '../db/schema';
import * as board from '../board';
import { currentYear, publish } from './service';

type DemoItem = {
	aspect: LocalOfferAspect;
	youSaid: string;
	easyRead?: string;
	symbol?: string;
	voices: number;
	/** Days after the year's first day it was heard. */
	day: number;
	published?: boolean;
	/** [days after it was heard, status, what we did, why not (for not possible)] */
	responses?: [number, BoardStatus, string, string?][];
};

const LAST_YEAR: DemoItem[] = [
	{ aspect: 'content', youSaid: 'The Local Offer lists clubs that closed years ago.', easyRead: 'Some clubs on the website had closed.', symbol: 'search', voices: 12, day: 20, responses: [[10, 'working_on_it', 'The council is checking every club and service listed.'], [60, 'done', 'Every page now shows when it was last checked, and services check their page every six months.']] },
	{ aspect: 'content', youSaid: 'We could not find what support a child can get without an EHC plan.', easyRead: 'You could not find help without an EHC plan.', symbol: 'question', voices: 21, day: 75, responses: [[30, 'done', 'A new page, written with parents, explains SEN support in school, with examples.']] },
	{ aspect: 'accessibility', youSaid: 'The Local Offer does not work well with a screen reader.', easyRead: 'The website was hard to use with a screen reader.', symbol: 'computer', voices: 4, day: 130, responses: [[20, 'working_on_it', 'The council asked screen reader users to test the website with them.'], [90, 'done', 'Menus, buttons and forms were fixed after the tests, and the site is tested again each year.']] },
	{ aspect: 'accessibility', youSaid: 'Most pages of the Local Offer are only in English.', easyRead: 'The website was only in English.', symbol: 'talk', voices: 9, day: 200, responses: [[25, 'not_possible', 'We cannot translate every page.', 'There are over 900 pages. The 20 pages families read most are now in Urdu, Polish and Turkish, and every page can be read aloud.']] },
	{ aspect: 'development', youSaid: 'Parents were not asked before the Local Offer was redesigned.', easyRead: 'Parents were not asked about the new website.', symbol: 'have-my-say', voices: 15, day: 260, responses: [[14, 'done', 'Changes are now tried with the forum\'s steering group first: five parents tested the new menu.']] },
	{ aspect: 'development', youSaid: 'Young people want a part of the Local Offer written for them.', voices: 6, day: 300, published: false }
];

/**
 * This year's: not on the public board yet (the board's own demo item about the Local Offer on a
 * phone is this year's published one), so the public board's first page stays the board's demo.
 */
const THIS_YEAR: DemoItem[] = [
	{ aspect: 'content', youSaid: 'The Local Offer has no news of specialist school places for September.', easyRead: 'The website did not say which schools have places.', symbol: 'school', voices: 7, day: 10, published: false, responses: [[12, 'working_on_it', 'The council will publish places at each specialist school every term.']] },
	{ aspect: 'development', youSaid: 'Families want to know who checks what the Local Offer says.', voices: 3, day: 25, published: false }
];

/** Feedback about the Local Offer: [year offset (-1: last year), days after the year's first day, aspect, what happened, what became of it]. */
const FEEDBACK: [number, number, LocalOfferAspect, string, 'new' | 'closed' | 'merged'][] = [
	[-1, 40, 'content', 'The phone number for the short breaks team on the Local Offer is wrong.', 'closed'],
	[-1, 140, 'accessibility', 'I tried the Local Offer with my screen reader and the menu does not open.', 'merged'],
	[-1, 210, 'development', 'Who decides what goes on the Local Offer website?', 'new'],
	[0, 15, 'accessibility', 'The Local Offer search finds nothing when I type autism.', 'new'],
	[0, 30, 'content', 'The Local Offer still lists a club that closed in the summer.', 'new']
];

/** Adds the demo Local Offer items and feedback and publishes last year's report, if that report is missing. */
export function seedYearlyDemo(db: Db, now = new Date()): boolean {
	const last = currentYear(now) - 1;
	if (db.select({ id: yearlyReport.id }).from(yearlyReport).where(and(eq(yearlyReport.kind, 'local_offer'), eq(yearlyReport.year, last))).get()) return false;
	const organiserId = db.select({ id: user.id }).from(user).where(eq(user.email, 'organiser@example.org')).get()?.id;
	if (!organiserId) return false;
	const organiser = { id: organiserId, roles: ['organiser' as const] };
	const today = londonDate(now);
	/** A day of a year, as an instant at noon; never after yesterday (this year's items). */
	const dayOf = (year: number, days: number) => {
		const at = new Date(Date.parse(`${partnershipYear(year).start}T12:00:00Z`) + days * DAY_MS);
		return londonDate(at) < today ? at : new Date(now.getTime() - DAY_MS);
	};
	let firstAccessibility: number | null = null;
	for (const [year, items] of [[last, LAST_YEAR], [last + 1, THIS_YEAR]] as const) {
		for (const demo of items) {
			const heard = dayOf(year, demo.day);
			const id = board.createItem(
				db,
				organiser,
				{ youSaid: demo.youSaid, easyRead: demo.easyRead ?? '', easyReadSymbol: demo.symbol ?? null, voices: demo.voices, source: 'direct_feedback', sourceDetail: '', serviceIds: [], topics: ['local offer'], heardOn: londonDate(heard), localOffer: demo.aspect },
				heard
			);
			if (demo.aspect === 'accessibility' && year === last) firstAccessibility ??= id;
			if (demo.published !== false) board.setPublished(db, organiser, id, true, new Date(heard.getTime() + 2 * DAY_MS));
			for (const [after, status, text, reason] of demo.responses ?? []) {
				const at = new Date(heard.getTime() + after * DAY_MS);
				if (at >= now) continue;
				board.respond(db, organiser, id, { text, status, reason: reason ?? '', as: 'forum' }, at);
			}
		}
	}
	FEEDBACK.forEach(([offset, days, aspect, whatHappened, became], i) => {
		const at = dayOf(last + 1 + offset, days);
		const { id } = board.send(db, { whatHappened, serviceId: null, contactName: '', contactEmail: '', contactPhone: '', consentToContact: false, aboutWho: 'parent_carer', localOffer: aspect }, `seed-local-offer-${i}`, at);
		if (became === 'closed') board.close(db, organiser, id, 'Passed to the council\'s Local Offer team, who corrected it.', at);
		if (became === 'merged' && firstAccessibility) board.merge(db, organiser, id, firstAccessibility, at);
	});
	publish(db, organiser, 'local_offer', last, now);
	return true;
}
