import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../roles';

/**
 * A person who can sign in. Email is stored lower-cased so look-ups are exact. Young people have
 * no email: they sign in with a card code and a picture passcode (`young_person`).
 */
export const user = sqliteTable('user', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	email: text('email').unique(),
	name: text('name').notNull(),
	/** argon2id PHC string; null until the person sets a password from their invitation. */
	passwordHash: text('password_hash'),
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/** One row per role a person holds; a person may hold several. */
export const userRole = sqliteTable(
	'user_role',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.role] })]
);

/**
 * A signed-in browser. `id` is the SHA-256 of the token in the cookie, so a copy of the
 * database cannot be used to sign in. `expiresAt` slides with use (idle expiry);
 * `absoluteExpiresAt` never moves.
 */
export const session = sqliteTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		absoluteExpiresAt: integer('absolute_expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	// serves invalidateUserSessions: delete every session of one person
	(t) => [index('session_user_idx').on(t.userId)]
);

/** A one-time link to set a password: sent with an invitation or issued by an admin. */
export const passwordToken = sqliteTable(
	'password_token',
	{
		/** SHA-256 of the token in the link. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' })
	},
	// serves issuing a new link: earlier unused links of the same person are withdrawn
	(t) => [index('password_token_user_idx').on(t.userId)]
);

/**
 * Failed sign-ins, counted per account and per address. The key is a SHA-256 of
 * "account:<email>" or "address:<ip>", so no address is stored in the clear.
 */
export const signInThrottle = sqliteTable('sign_in_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	lastFailureAt: integer('last_failure_at', { mode: 'timestamp_ms' }).notNull()
});

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
