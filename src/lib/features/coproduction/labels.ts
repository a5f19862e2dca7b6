/** The words for the ladder, the bodies, the links and the service's problems, in the reader's language. */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Body, Level, LinkKind } from './model';

type Words = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const LEVEL_NAMES: Record<Level, Words> = {
	inform: m.coproduction_level_inform_name,
	consult: m.coproduction_level_consult_name,
	engage: m.coproduction_level_engage_name,
	co_design: m.coproduction_level_co_design_name,
	co_produce: m.coproduction_level_co_produce_name
};
const LEVEL_MEANINGS: Record<Level, Words> = {
	inform: m.coproduction_level_inform_meaning,
	consult: m.coproduction_level_consult_meaning,
	engage: m.coproduction_level_engage_meaning,
	co_design: m.coproduction_level_co_design_meaning,
	co_produce: m.coproduction_level_co_produce_meaning
};
const LEVEL_EASY: Record<Level, Words> = {
	inform: m.coproduction_easy_inform,
	consult: m.coproduction_easy_consult,
	engage: m.coproduction_easy_engage,
	co_design: m.coproduction_easy_co_design,
	co_produce: m.coproduction_easy_co_produce
};
const BODY_NAMES: Record<Body, Words> = {
	partnership_board: m.coproduction_body_partnership_board,
	forum: m.coproduction_body_forum,
	service: m.coproduction_body_service,
	other: m.coproduction_body_other
};
const LINK_NAMES: Record<LinkKind, Words> = {
	agendaItem: m.coproduction_link_agendaItem,
	survey: m.coproduction_link_survey,
	boardItem: m.coproduction_link_boardItem,
	standard: m.coproduction_link_standard
};

/** A rung as the partnership words it: the admin's words where they changed them, else the usual ones. */
export type Rung = { level: Level; name: string | null; meaning: string | null };

/** A rung's name: the admin's words, else the usual ones in the reader's language or the one given (a download is in English). */
export const levelName = (level: Level, ladder?: readonly Rung[], locale?: Locale): string =>
	ladder?.find((r) => r.level === level)?.name ?? LEVEL_NAMES[level]({}, locale ? { locale } : {});
export const levelMeaning = (level: Level, ladder?: readonly Rung[]): string => ladder?.find((r) => r.level === level)?.meaning ?? LEVEL_MEANINGS[level]();
/** The usual words of a rung (the admin page shows them beside the boxes). */
export const usualLevelName = (level: Level): string => LEVEL_NAMES[level]();
export const usualLevelMeaning = (level: Level): string => LEVEL_MEANINGS[level]();
/** A rung in one short easy-read sentence. */
export const levelEasy = (level: Level): string => LEVEL_EASY[level]();
export const bodyName = (body: Body): string => BODY_NAMES[body]();
export const linkName = (kind: LinkKind): string => LINK_NAMES[kind]();

/** Who decided, in words: the service's or other body's own name, else the body's. */
export function deciderName(e: { body: Body; bodyService: string | null; bodyName: string }): string {
	if (e.body === 'service' && e.bodyService) return e.bodyService;
	if (e.body === 'other' && e.bodyName) return e.bodyName;
	return bodyName(e.body);
}

const PROBLEMS: Record<string, Words> = {
	entry_title: m.coproduction_problem_entry_title,
	entry_body: m.coproduction_problem_entry_body,
	entry_body_service: m.coproduction_problem_entry_body_service,
	entry_body_name: m.coproduction_problem_entry_body_name,
	entry_date: m.coproduction_problem_entry_date,
	entry_date_future: m.coproduction_problem_entry_date_future,
	entry_level: m.coproduction_problem_entry_level,
	entry_people: m.coproduction_problem_entry_people,
	entry_services: m.coproduction_problem_entry_services,
	entry_not_your_service: m.coproduction_problem_entry_not_your_service,
	entry_changed: m.coproduction_problem_entry_changed,
	entry_link_agendaItem: m.coproduction_problem_entry_link_agendaItem,
	entry_link_survey: m.coproduction_problem_entry_link_survey,
	entry_link_boardItem: m.coproduction_problem_entry_link_boardItem,
	entry_link_standard: m.coproduction_problem_entry_link_standard,
	ladder_name: m.coproduction_problem_ladder_name,
	ladder_meaning: m.coproduction_problem_ladder_meaning
};

/** A refusal's words by its code, in the reader's language; one not known here keeps the service's own words. */
export const problemText = (code: string, english: string): string => PROBLEMS[code]?.() ?? english;
