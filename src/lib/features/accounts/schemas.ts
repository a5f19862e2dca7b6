import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ROLES } from '$lib/roles';

// Messages are functions so they are read in the language of the request that fails.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

const email = z
	.string()
	.trim()
	.min(1, { error: () => m.accounts_login_email_required() })
	.max(254, { error: () => m.accounts_login_email_invalid() })
	.pipe(z.email({ error: () => m.accounts_login_email_invalid() }));

export const loginSchema = z.object({
	email,
	password: z
		.string()
		.min(1, { error: () => m.accounts_login_password_required() })
		.max(PASSWORD_MAX_LENGTH, { error: () => m.accounts_password_too_long({ max: PASSWORD_MAX_LENGTH }) })
});
export type LoginInput = z.infer<typeof loginSchema>;

const newPassword = z
	.string()
	.min(1, { error: () => m.accounts_password_required() })
	.min(PASSWORD_MIN_LENGTH, { error: () => m.accounts_password_too_short({ min: PASSWORD_MIN_LENGTH }) })
	.max(PASSWORD_MAX_LENGTH, { error: () => m.accounts_password_too_long({ max: PASSWORD_MAX_LENGTH }) });

export const setPasswordSchema = z
	.object({ password: newPassword, confirm: z.string() })
	.refine((v) => v.password === v.confirm, { error: () => m.accounts_password_mismatch(), path: ['confirm'] });
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export const changePasswordSchema = z
	.object({
		currentPassword: z.string().min(1, { error: () => m.accounts_login_password_required() }),
		password: newPassword,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, { error: () => m.accounts_password_mismatch(), path: ['confirm'] });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/**
 * The roles an admin can give. A young person's role comes only with the account a supporter
 * makes for them (no email, a sign-in card instead), so it is never offered here.
 */
export const ADMIN_GIVEN_ROLES = ROLES.filter((r) => r !== 'young_person');

const roles = z.array(z.enum(ROLES)).min(1, { error: () => m.accounts_people_roles_required() });

export const inviteSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.accounts_people_name_required() })
		.max(100, { error: () => m.accounts_people_name_too_long() }),
	email,
	roles
});
export type InviteInput = z.infer<typeof inviteSchema>;

export const rolesSchema = z.object({ roles });
export type RolesInput = z.infer<typeof rolesSchema>;
