/**
 * How a report's figures are written, in the reader's language: periods, values with their
 * units, counts after disclosure control, scopes and breakdown keys. Browser-safe.
 */
import { m } from '$lib/paraglide/messages';
import { sectorName } from '$lib/labels';
import { formatDay, formatDayShort, formatMonthName, isQuarter, type Period } from '$lib/time';
import { SECTORS, type Sector } from '$lib/sectors';
import { numberFormat } from '$lib/i18n';
import type { MeasureUnit } from '$lib/features/standards/model';
import { RESPONDENT_GROUPS, type RespondentGroup } from '$lib/features/surveys/model';

/** A count as disclosure control lets it be shown (see src/lib/server/disclosure.ts). */
export type Count = { kind: 'value'; value: number } | { kind: 'none' } | { kind: 'fewer_than'; limit: number };
export type Rag = 'green' | 'amber' | 'red';

// One formatter per style and language, made on first use ($lib/i18n; dates: $lib/time). A new Intl
// formatter per call costs about a tenth of a millisecond: a full-area report writes thousands of
// figures, months and periods, and making formatters was most of its rendering time (about
// 150 ms of the draft report page, with every submission waiting behind it on the server's one
// thread).
const NUMBER_FORMATS = {
	number: { maximumFractionDigits: 1 },
	percent: { style: 'percent', maximumFractionDigits: 1 }
} satisfies Record<string, Intl.NumberFormatOptions>;
const numberFormatOf = (style: keyof typeof NUMBER_FORMATS, locale: string) => numberFormat(locale, NUMBER_FORMATS[style]);

// A report writes the same few periods hundreds of times (five per standard, in tables and chart
// axes): each is worked out once per language. Bounded, since custom periods can be anything.
const periodWords = new Map<string, string>();
function remembered(kind: string, period: Period, locale: string, work: () => string): string {
	const key = `${kind}|${locale}|${period.start}|${period.end}`;
	let words = periodWords.get(key);
	if (words === undefined) {
		if (periodWords.size >= 500) periodWords.clear();
		periodWords.set(key, (words = work()));
	}
	return words;
}

/** "April to June 2026" for a quarter, else "1 July 2026 to 15 August 2026" (periodLabel, translated). */
export function periodText(period: Period, locale: string): string {
	return remembered('long', period, locale, () => periodWordsLong(period, locale));
}

function periodWordsLong(period: Period, locale: string): string {
	if (isQuarter(period)) {
		const [year, first] = period.start.split('-').map(Number);
		const last = Number(period.end.split('-')[1]);
		return m.reports_period_quarter({ first: formatMonthName(first, locale), last: formatMonthName(last, locale), year: String(year) });
	}
	return m.reports_period_days({ first: formatDay(period.start, locale), last: formatDay(period.end, locale) });
}

/** A short period for a chart's axis: "Apr–Jun 2026", or the first day of any other period. */
export function periodShort(period: Period, locale: string): string {
	return remembered('short', period, locale, () => periodWordsShort(period, locale));
}

function periodWordsShort(period: Period, locale: string): string {
	if (isQuarter(period)) {
		const [year, first] = period.start.split('-').map(Number);
		const last = Number(period.end.split('-')[1]);
		return `${formatMonthName(first, locale, 'short')}–${formatMonthName(last, locale, 'short')} ${year}`;
	}
	return formatDayShort(period.start, locale);
}

// Paraglide's messages with plural forms make a new Intl.PluralRules each time they are called,
// and a report writes hundreds of them ("84 responses"): about a tenth of its rendering time.
// What one says depends only on the message, the language and its inputs, so each is worked out
// once. Bounded per message, since counts can be anything.
const countedWords = new WeakMap<object, Map<string, string>>();

/** `message(inputs)`, remembered: for plural messages written many times on a page. */
export function counted<A extends { count: number }>(message: (inputs: A) => string, inputs: A, locale: string): string {
	let said = countedWords.get(message);
	if (!said) countedWords.set(message, (said = new Map()));
	const key = `${locale}|${Object.values(inputs).join('|')}`;
	let words = said.get(key);
	if (words === undefined) {
		if (said.size >= 1000) said.clear();
		said.set(key, (words = message(inputs)));
	}
	return words;
}

/** A plain number in the reader's conventions, one decimal at most. */
export function numberText(value: number, locale: string): string {
	return numberFormatOf('number', locale).format(value);
}

/** A value with its unit: "71%", "11 days", "3". */
export function valueText(value: number, unit: MeasureUnit, locale: string): string {
	if (unit === 'percent') return numberFormatOf('percent', locale).format(value / 100);
	if (unit === 'days') return counted(m.reports_value_days, { count: value, value: numberText(value, locale) }, locale);
	return numberText(value, locale);
}

/** A count on its own: "214", "0" or "fewer than 5". */
export function countText(count: Count, locale: string): string {
	if (count.kind === 'value') return numberText(count.value, locale);
	if (count.kind === 'none') return numberText(0, locale);
	return m.reports_fewer_than({ limit: count.limit });
}

/** What a report covers: "Whole area", a sector's name or a service's name. */
export function scopeText(scope: { kind: string; label: string }): string {
	if (scope.kind === 'area') return m.reports_whole_area();
	if (scope.kind === 'sector' && (SECTORS as readonly string[]).includes(scope.label)) return sectorName(scope.label as Sector);
	return scope.label;
}

/** A respondent group's name ("Parent carers"). */
export function groupText(key: string): string {
	if (!(RESPONDENT_GROUPS as readonly string[]).includes(key)) return key;
	return (
		{
			parent_carer: m.reports_group_parent_carer,
			young_person: m.reports_group_young_person,
			other: m.reports_group_other,
			unknown: m.reports_group_unknown
		} satisfies Record<RespondentGroup, () => string>
	)[key as RespondentGroup]();
}

/** A sector breakdown's key: a sector's name, or "Whole area" for questions about no one service. */
export function sectorKeyText(key: string): string {
	if ((SECTORS as readonly string[]).includes(key)) return sectorName(key as Sector);
	return key === 'area' ? m.reports_whole_area() : key;
}

/** A rating's word ("Green") and what it means ("on target"); null is "not rated". */
export function ragWords(rag: Rag | null): { word: string; says: string } {
	if (rag === 'green') return { word: m.reports_rag_green(), says: m.reports_rag_green_says() };
	if (rag === 'amber') return { word: m.reports_rag_amber(), says: m.reports_rag_amber_says() };
	if (rag === 'red') return { word: m.reports_rag_red(), says: m.reports_rag_red_says() };
	return { word: m.reports_rag_none(), says: m.reports_rag_none_says() };
}

/** What kind of scope a report has, for lists that do not carry its name ("One service"). */
export function scopeKindText(kind: string): string {
	if (kind === 'sector') return m.reports_scope_kind_sector();
	if (kind === 'service') return m.reports_scope_kind_service();
	return m.reports_whole_area();
}
