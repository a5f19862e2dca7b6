import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/roles';
import type { Sector } from '$lib/sectors';

/** Display names for stored codes, in the reader's language. */
const ROLE_NAMES: Record<Role, () => string> = {
	admin: m.role_admin,
	organiser: m.role_organiser,
	service_lead: m.role_service_lead,
	board_member: m.role_board_member,
	supporter: m.role_supporter,
	parent_carer: m.role_parent_carer,
	young_person: m.role_young_person
};

const SECTOR_NAMES: Record<Sector, () => string> = {
	education: m.sector_education,
	health: m.sector_health,
	social_care: m.sector_social_care
};

export const roleName = (role: Role): string => ROLE_NAMES[role]();
export const sectorName = (sector: Sector): string => SECTOR_NAMES[sector]();

/** A date and time as people in England read it: "Sunday 22 November 2026, 3:05pm". */
export function formatDateTime(date: Date | string | number, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit',
		timeZone: 'Europe/London'
	}).format(new Date(date));
}
