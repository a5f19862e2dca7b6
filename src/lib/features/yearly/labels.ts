/**
 * The words of yearly reports, by key: section headings, figures and table columns of the forum
 * report, the kinds, and a year's name. Each takes an optional language, so the downloads can
 * use English (like every CSV heading in Chorus) while pages use the reader's.
 */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { ColumnKey, FigureKey, SectionKey, YearlyKind } from './model';

type Words = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
const inLocale = (words: Words, locale?: Locale) => words({}, locale ? { locale } : {});

const SECTIONS: Record<SectionKey, Words> = {
	members: m.yearly_section_members,
	members_reach: m.yearly_section_members_reach,
	meetings: m.yearly_section_meetings,
	surveys: m.yearly_section_surveys,
	you_said: m.yearly_section_you_said,
	coproduction: m.yearly_section_coproduction
};
const FIGURES: Record<FigureKey, Words> = {
	members_at_end: m.yearly_fig_members_at_end,
	members_joined: m.yearly_fig_members_joined,
	members_left: m.yearly_fig_members_left,
	meetings_held: m.yearly_fig_meetings_held,
	meetings_attended: m.yearly_fig_meetings_attended,
	meetings_guests: m.yearly_fig_meetings_guests,
	meetings_apologies: m.yearly_fig_meetings_apologies,
	meetings_minutes_published: m.yearly_fig_meetings_minutes_published,
	surveys_run: m.yearly_fig_surveys_run,
	surveys_responses: m.yearly_fig_surveys_responses,
	you_said_raised: m.yearly_fig_you_said_raised,
	you_said_due: m.yearly_fig_you_said_due,
	you_said_answered_on_time: m.yearly_fig_you_said_answered_on_time,
	you_said_done: m.yearly_fig_you_said_done,
	you_said_overdue: m.yearly_fig_you_said_overdue,
	coproduction_total: m.yearly_fig_coproduction_total,
	coproduction_shared: m.yearly_fig_coproduction_shared,
	coproduction_inform: m.yearly_fig_coproduction_inform,
	coproduction_consult: m.yearly_fig_coproduction_consult,
	coproduction_engage: m.yearly_fig_coproduction_engage,
	coproduction_co_design: m.yearly_fig_coproduction_co_design,
	coproduction_co_produce: m.yearly_fig_coproduction_co_produce
};
const COLUMNS: Record<ColumnKey, Words> = {
	meeting: m.yearly_col_meeting,
	day: m.yearly_col_day,
	attended: m.yearly_col_attended,
	guests: m.yearly_col_guests,
	apologies: m.yearly_col_apologies,
	survey: m.yearly_col_survey,
	opens_on: m.yearly_col_opens_on,
	closes_on: m.yearly_col_closes_on,
	responses: m.yearly_col_responses,
	characteristic: m.yearly_col_characteristic,
	group: m.yearly_col_group,
	members: m.yearly_col_members,
	our_share: m.yearly_col_our_share,
	local_share: m.yearly_col_local_share,
	under_heard: m.yearly_col_under_heard
};
const KINDS: Record<YearlyKind, Words> = { local_offer: m.yearly_kind_local_offer, forum: m.yearly_kind_forum };

export const sectionName = (key: SectionKey, locale?: Locale) => inLocale(SECTIONS[key], locale);
export const figureName = (key: FigureKey, locale?: Locale) => inLocale(FIGURES[key], locale);
export const columnName = (key: ColumnKey, locale?: Locale) => inLocale(COLUMNS[key], locale);
export const kindName = (kind: YearlyKind, locale?: Locale) => inLocale(KINDS[kind], locale);

/** A partnership year in words: "April 2025 to March 2026". */
export const yearName = (year: number, locale?: Locale) => m.yearly_year_name({ start: String(year), end: String(year + 1) }, locale ? { locale } : {});

/** A report's title in words. */
export const reportTitle = (kind: YearlyKind, year: number, locale?: Locale) =>
	(kind === 'local_offer' ? m.yearly_lo_title : m.yearly_forum_title)({ year: yearName(year, locale) }, locale ? { locale } : {});
