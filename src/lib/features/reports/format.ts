/**
 * How a report's figures are written, in the reader's language: periods, values with their
 * units, counts after disclosure control, scopes and breakdown keys. Browser-safe.
 */
import { m } from '$lib/paraglide/messages';
import { formatDay, sectorName } from '$lib/labels';
import { SECTORS, type Sector } from '$lib/sectors';
import { quarterOf, type MeasureUnit, type Period } from '$lib/standards';
import { RESPONDENT_GROUPS, type RespondentGroup } from '$lib/surveys';

/** A count as disclosure control lets it be shown (see src/lib/server/reports/disclosure.ts). */
export type Count = { kind: 'value'; value: number } | { kind: 'none' } | { kind: 'fewer_than'; limit: number };
export type Rag = 'green' | 'amber' | 'red';

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);

function monthName(month: number, locale: string, style: 'long' | 'short' = 'long'): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { month: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 15)));
}

const isQuarter = (p: Period) => {
	const q = quarterOf(p.start);
	return q.start === p.start && q.end === p.end;
};

/** "April to June 2026" for a quarter, else "1 July 2026 to 15 August 2026" (periodLabel, translated). */
export function periodText(period: Period, locale: string): string {
	if (isQuarter(period)) {
		const [year, first] = period.start.split('-').map(Number);
		const last = Number(period.end.split('-')[1]);
		return m.rp_period_quarter({ first: monthName(first, locale), last: monthName(last, locale), year: String(year) });
	}
	return m.rp_period_days({ first: formatDay(period.start, locale), last: formatDay(period.end, locale) });
}

/** A short period for a chart's axis: "Apr–Jun 2026", or the first day of any other period. */
export function periodShort(period: Period, locale: string): string {
	if (isQuarter(period)) {
		const [year, first] = period.start.split('-').map(Number);
		const last = Number(period.end.split('-')[1]);
		return `${monthName(first, locale, 'short')}–${monthName(last, locale, 'short')} ${year}`;
	}
	return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${period.start}T00:00:00Z`)
	);
}

/** A plain number in the reader's conventions, one decimal at most. */
export function numberText(value: number, locale: string): string {
	return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(value);
}

/** A value with its unit: "71%", "11 days", "3". */
export function valueText(value: number, unit: MeasureUnit, locale: string): string {
	if (unit === 'percent') return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
	if (unit === 'days') return m.rp_value_days({ count: value, value: numberText(value, locale) });
	return numberText(value, locale);
}

/** A count on its own: "214", "0" or "fewer than 5". */
export function countText(count: Count, locale: string): string {
	if (count.kind === 'value') return numberText(count.value, locale);
	if (count.kind === 'none') return numberText(0, locale);
	return m.rp_fewer_than({ limit: count.limit });
}

/** What a report covers: "Whole area", a sector's name or a service's name. */
export function scopeText(scope: { kind: string; label: string }): string {
	if (scope.kind === 'area') return m.rp_whole_area();
	if (scope.kind === 'sector' && (SECTORS as readonly string[]).includes(scope.label)) return sectorName(scope.label as Sector);
	return scope.label;
}

/** A respondent group's name ("Parent carers"). */
export function groupText(key: string): string {
	if (!(RESPONDENT_GROUPS as readonly string[]).includes(key)) return key;
	return (
		{
			parent_carer: m.rp_group_parent_carer,
			young_person: m.rp_group_young_person,
			other: m.rp_group_other,
			unknown: m.rp_group_unknown
		} satisfies Record<RespondentGroup, () => string>
	)[key as RespondentGroup]();
}

/** A sector breakdown's key: a sector's name, or "Whole area" for questions about no one service. */
export function sectorKeyText(key: string): string {
	if ((SECTORS as readonly string[]).includes(key)) return sectorName(key as Sector);
	return key === 'area' ? m.rp_whole_area() : key;
}

/** A rating's word ("Green") and what it means ("on target"); null is "not rated". */
export function ragWords(rag: Rag | null): { word: string; says: string } {
	if (rag === 'green') return { word: m.rp_rag_green(), says: m.rp_rag_green_says() };
	if (rag === 'amber') return { word: m.rp_rag_amber(), says: m.rp_rag_amber_says() };
	if (rag === 'red') return { word: m.rp_rag_red(), says: m.rp_rag_red_says() };
	return { word: m.rp_rag_none(), says: m.rp_rag_none_says() };
}

/** What kind of scope a report has, for lists that do not carry its name ("One service"). */
export function scopeKindText(kind: string): string {
	if (kind === 'sector') return m.rp_scope_kind_sector();
	if (kind === 'service') return m.rp_scope_kind_service();
	return m.rp_whole_area();
}
