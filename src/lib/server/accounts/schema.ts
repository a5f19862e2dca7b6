import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../roles';
import { id, reference, timestamp } from '../db/columns';

/**
 * A person who can sign in. Email is stored lower-cased so look-ups are exact. Young people have
 * no email: they sign in with a card code and a picture passcode (`young_person`).
 */
export const user = sqliteTable('user', {
	id: id(),
	email: text('email').unique(),
	name: text('name').notNull(),
	/** argon2id PHC string; null until the person sets a password from their invitation. */
	passwordHash: text('password_hash'),
	disabledAt: timestamp('disabled_at'),
	createdAt: timestamp('created_at').notNull()
});

/** One row per role a person holds; a person may hold several. */
export const userRole = sqliteTable(
	'user_role',
	{
		userId: reference('user_id', () => user.id, 'cascade').notNull(),
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
		userId: reference('user_id', () => user.id, 'cascade').notNull(),
		createdAt: timestamp('created_at').notNull(),
		expiresAt: timestamp('expires_at').notNull(),
		absoluteExpiresAt: timestamp('absolute_expires_at').notNull(),
		/**
		 * When the person last proved who they are in this browser (password, and code when they
		 * use two-step sign-in; a young person's card and pictures). Dangerous steps ask again when
		 * this is more than 15 minutes ago (auth/fresh.ts).
		 */
		verifiedAt: timestamp('verified_at').notNull().default(sql`0`)
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
		userId: reference('user_id', () => user.id, 'cascade').notNull(),
		purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
		createdAt: timestamp('created_at').notNull(),
		expiresAt: timestamp('expires_at').notNull(),
		usedAt: timestamp('used_at')
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
	lastFailureAt: timestamp('last_failure_at').notNull()
});

/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238): one row per person who has set it
 * up. The secret is encrypted with the deployment's key (auth/secret-key.ts), never stored plain.
 */
export const twoStep = sqliteTable('two_step', {
	userId: reference('user_id', () => user.id, 'cascade').primaryKey(),
	/** AES-256-GCM of the 20-byte TOTP secret (auth/secret-key.ts). */
	secret: text('secret').notNull(),
	enabledAt: timestamp('enabled_at').notNull(),
	/** The last 30-second step whose code was accepted: a code is good once, never replayed. */
	lastStep: integer('last_step').notNull().default(0)
});

/** Ten single-use recovery codes per person, for a lost phone; SHA-256 of each, never the code. */
export const recoveryCode = sqliteTable(
	'recovery_code',
	{
		id: id(),
		userId: reference('user_id', () => user.id, 'cascade').notNull(),
		codeHash: text('code_hash').notNull(),
		usedAt: timestamp('used_at')
	},
	// serves checking a recovery code and replacing a person's codes
	(t) => [index('recovery_code_user_idx').on(t.userId)]
);

/**
 * A sign-in half done: the password was right and the one-time code (or, for a role that must have
 * two-step sign-in, setting it up) is still to come. The browser holds the token in a cookie; this
 * row holds its SHA-256. It lasts 10 minutes and starts no session.
 */
export const signInChallenge = sqliteTable(
	'sign_in_challenge',
	{
		id: text('id').primaryKey(),
		userId: reference('user_id', () => user.id, 'cascade').notNull(),
		/** 'code': ask for the code; 'set_up': the person must set two-step sign-in up first. */
		purpose: text('purpose', { enum: ['code', 'set_up'] }).notNull(),
		createdAt: timestamp('created_at').notNull(),
		expiresAt: timestamp('expires_at').notNull()
	},
	// serves ending a person's half-done sign-ins (password change, erasure)
	(t) => [index('sign_in_challenge_user_idx').on(t.userId)]
);

export type User = typeof user.$inferSelect;
export type Session = typeof session.$inferSelect;
