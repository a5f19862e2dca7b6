/**
 * What a co-production entry concerns: a meeting's agenda item, a survey, a "you said" item or a
 * standard, each by its id. Here they are checked to exist and named for the pages, with a link
 * the reader can follow (the public page when there is one, the staff page for those who may
 * open it, else none).
 *
 * These read the id, title and whether it is public from the owners' tables, as the board reads a
 * survey's title for its own link (board/service.ts): names only, never written. Going through the
 * owners' indexes is not open for standards, whose measure of co-production reads this feature
 * (reports and standards depend on coproduction, never the other way: decision 0053).
 */
import { eq, inArray, isNotNull, ne } from 'drizzle-orm';
import { londonDate } from '$lib/time';
import type { LinkKind } from '$lib/features/coproduction/model';
import type { Db } from '../db';
import { agendaItem, boardItem, boardItemService, meeting, standard, survey } from '../db/schema';
import { can, type Actor } from '../permissions';

export type Links = Record<LinkKind, number | null>;

/** A link as a page shows it: what it is, its name, and where it goes (null: not open to this reader). */
export type LinkView = { kind: LinkKind; id: number; title: string; context: string | null; href: string | null };

/** Which of an entry's links point at nothing (a stale choice or a typed number): the kinds, in order. */
export function missingLinks(db: Db, links: Links): LinkKind[] {
	const missing: LinkKind[] = [];
	const exists = {
		agendaItem: (id: number) => db.select({ id: agendaItem.id }).from(agendaItem).where(eq(agendaItem.id, id)).get(),
		survey: (id: number) => db.select({ id: survey.id }).from(survey).where(eq(survey.id, id)).get(),
		boardItem: (id: number) => db.select({ id: boardItem.id }).from(boardItem).where(eq(boardItem.id, id)).get(),
		standard: (id: number) => db.select({ id: standard.id }).from(standard).where(eq(standard.id, id)).get()
	} satisfies Record<LinkKind, (id: number) => unknown>;
	for (const kind of Object.keys(exists) as LinkKind[]) {
		const id = links[kind];
		if (id !== null && !exists[kind](id)) missing.push(kind);
	}
	return missing;
}

const idsOf = (entries: Links[], kind: LinkKind) => [...new Set(entries.map((e) => e[kind]).filter((x): x is number => x !== null)), -1];

/**
 * The links of many entries, named, keyed `kind:id`. `actor` null is a visitor: only public pages
 * are linked (a published meeting's agenda, a survey people answer, an item on the board) and a
 * standard is named without a link. Staff get the staff page of what they may manage.
 */
export function linkViews(db: Db, entries: Links[], actor: Actor): Map<string, LinkView> {
	const views = new Map<string, LinkView>();
	const put = (v: LinkView) => views.set(`${v.kind}:${v.id}`, v);
	const manageMeetings = can(actor, 'meetings.manage');
	for (const r of db
		.select({ id: agendaItem.id, title: agendaItem.title, meetingId: meeting.id, meetingTitle: meeting.title, state: meeting.state, startsAt: meeting.startsAt })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.where(inArray(agendaItem.id, idsOf(entries, 'agendaItem')))
		.all()) {
		const href = manageMeetings ? `/manage/meetings/${r.meetingId}#item-${r.id}` : r.state !== 'draft' ? `/meetings/${r.meetingId}#item-${r.id}-title` : null;
		put({ kind: 'agendaItem', id: r.id, title: r.title, context: `${r.meetingTitle}, ${londonDate(r.startsAt)}`, href });
	}
	const manageSurveys = can(actor, 'surveys.manage');
	for (const r of db
		.select({ id: survey.id, title: survey.title, state: survey.state })
		.from(survey)
		.where(inArray(survey.id, idsOf(entries, 'survey')))
		.all()) {
		put({ kind: 'survey', id: r.id, title: r.title, context: null, href: manageSurveys ? `/manage/surveys/${r.id}` : r.state !== 'draft' ? `/surveys/${r.id}` : null });
	}
	const manageBoard = can(actor, 'board.manage');
	for (const r of db
		.select({ id: boardItem.id, title: boardItem.youSaid, published: isNotNull(boardItem.publishedAt) })
		.from(boardItem)
		.where(inArray(boardItem.id, idsOf(entries, 'boardItem')))
		.all()) {
		put({ kind: 'boardItem', id: r.id, title: r.title, context: null, href: manageBoard ? `/manage/board/${r.id}` : r.published ? `/board/${r.id}` : null });
	}
	const readStandards = can(actor, 'standards.read');
	for (const r of db
		.select({ id: standard.id, title: standard.statement })
		.from(standard)
		.where(inArray(standard.id, idsOf(entries, 'standard')))
		.all()) {
		put({ kind: 'standard', id: r.id, title: r.title, context: null, href: readStandards ? `/manage/standards/${r.id}` : null });
	}
	return views;
}

/** An agenda item, for "record how families were involved": its title, its meeting's day and id. */
export function agendaItemFacts(db: Db, id: number): { title: string; meetingId: number; day: string } | null {
	const r = db
		.select({ title: agendaItem.title, meetingId: agendaItem.meetingId, startsAt: meeting.startsAt })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.where(eq(agendaItem.id, id))
		.get();
	return r ? { title: r.title, meetingId: r.meetingId, day: londonDate(r.startsAt) } : null;
}

/** The choices the entry form offers for each link: recent agenda items by meeting, surveys people answered, board items, live standards. */
export function linkChoices(db: Db) {
	const items = db
		.select({ id: agendaItem.id, title: agendaItem.title, meetingTitle: meeting.title, startsAt: meeting.startsAt })
		.from(agendaItem)
		.innerJoin(meeting, eq(meeting.id, agendaItem.meetingId))
		.orderBy(meeting.startsAt, agendaItem.position)
		.all()
		.reverse();
	const meetings: { label: string; options: { id: number; title: string }[] }[] = [];
	for (const i of items) {
		const label = `${i.meetingTitle} (${londonDate(i.startsAt)})`;
		let group = meetings.at(-1);
		if (!group || group.label !== label) meetings.push((group = { label, options: [] }));
		group.options.push({ id: i.id, title: i.title });
	}
	for (const g of meetings) g.options.reverse();
	return {
		agendaItems: meetings.slice(0, 30),
		surveys: db.select({ id: survey.id, title: survey.title }).from(survey).where(ne(survey.state, 'draft')).orderBy(survey.id).all().reverse(),
		boardItems: db.select({ id: boardItem.id, title: boardItem.youSaid }).from(boardItem).orderBy(boardItem.id).all().reverse().slice(0, 300),
		standards: db.select({ id: standard.id, title: standard.statement, archivedAt: standard.archivedAt }).from(standard).all().filter((s) => !s.archivedAt).map(({ id, title }) => ({ id, title }))
	};
}

/** A "you said" item, for "record how families were involved": its words, services, survey and the day it was first answered. */
export function boardItemFacts(db: Db, id: number): { youSaid: string; serviceIds: number[]; surveyId: number | null; answeredOn: string | null } | null {
	const r = db
		.select({ youSaid: boardItem.youSaid, surveyId: boardItem.surveyId, answeredOn: boardItem.firstAnsweredOn })
		.from(boardItem)
		.where(eq(boardItem.id, id))
		.get();
	if (!r) return null;
	const serviceIds = db.select({ id: boardItemService.serviceId }).from(boardItemService).where(eq(boardItemService.itemId, id)).all().map((s) => s.id);
	return { ...r, serviceIds };
}
