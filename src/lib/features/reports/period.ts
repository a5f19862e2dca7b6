/**
 * The "start a report" form's choices as plain strings a form can post without JavaScript:
 * a period ("2026-04-01/2026-06-30", or "custom" with two dates) and a scope ("area",
 * "sector:health", "service:3"). Pure and browser-safe.
 */
import { SECTORS, type Sector } from '$lib/sectors';
import type { ReportScopeKind } from '$lib/features/standards/model';
import { isIsoDate, quarterFrom, type Period } from '$lib/time';

/** A period as one form value: "2026-04-01/2026-06-30". */
export const periodKey = (p: Period): string => `${p.start}/${p.end}`;

/** Reads a period key back; null for anything but two real days in order. */
export function parsePeriodKey(key: string): Period | null {
	const [start, end, ...rest] = key.split('/');
	if (rest.length || !start || !end || !isIsoDate(start) || !isIsoDate(end) || end < start) return null;
	return { start, end };
}

/** The quarters offered as quick picks, newest first: the default quarter and the ones before it. */
export function quarterChoices(defaultPeriod: Period, count = 4): Period[] {
	return Array.from({ length: count }, (_, i) => quarterFrom(defaultPeriod.start, -i));
}

export type ScopeChoice = { scope: ReportScopeKind; sector: Sector | null; serviceId: number | null };

/** A scope as one form value. */
export function scopeKey(choice: { scope: ReportScopeKind; sector?: Sector | null; serviceId?: number | null }): string {
	if (choice.scope === 'sector') return `sector:${choice.sector}`;
	if (choice.scope === 'service') return `service:${choice.serviceId}`;
	return 'area';
}

/** Reads a scope key back; null for anything not of the three shapes. */
export function parseScopeKey(key: string): ScopeChoice | null {
	if (key === 'area') return { scope: 'area', sector: null, serviceId: null };
	const [kind, value, ...rest] = key.split(':');
	if (rest.length) return null;
	if (kind === 'sector' && (SECTORS as readonly string[]).includes(value)) return { scope: 'sector', sector: value as Sector, serviceId: null };
	if (kind === 'service' && /^[1-9]\d{0,9}$/.test(value)) return { scope: 'service', sector: null, serviceId: Number(value) };
	return null;
}

/** What the form chose, as the report service takes it; null when the period or scope cannot be read. */
export function reportInputFrom(data: { title: string; period: string; periodStart: string; periodEnd: string; scope: string }) {
	const period = data.period === 'custom' ? { start: data.periodStart, end: data.periodEnd } : parsePeriodKey(data.period);
	const scope = parseScopeKey(data.scope);
	if (!period || !scope) return null;
	return { title: data.title, period, ...scope };
}
