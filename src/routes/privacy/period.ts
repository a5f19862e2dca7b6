import { m } from '$lib/paraglide/messages';

/** A retention period in words: "90 days", "730 days (2 years)"; 0 means no time limit. */
export function periodText(days: number): string {
	if (days === 0) return m.retention_forever();
	if (days % 365 === 0) return days === 365 ? m.retention_days_one_year({ days }) : m.retention_days_years({ days, years: days / 365 });
	return m.retention_days({ days });
}
