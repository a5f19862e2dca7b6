/**
 * The roles a person can hold. Browser-safe: forms list them. What a role may do is decided
 * only in `$lib/server/permissions.ts`.
 */
export const ROLES = [
	'admin',
	'organiser',
	'service_lead',
	'board_member',
	'supporter',
	'parent_carer',
	'young_person',
	'safeguarding_lead'
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}
