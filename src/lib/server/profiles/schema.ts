import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { PROFILE_SECTIONS } from '../../features/profiles/model';
import { user } from '../accounts/schema';
import { boolean, id, reference, timestamp } from '../db/columns';

/**
 * A young person's way of signing in, beside their `user` row (which has no email or password).
 * The card code and the picture passcode are stored only as hashes.
 */
export const youngPerson = sqliteTable('young_person', {
	userId: reference('user_id', () => user.id, 'cascade').primaryKey(),
	/** Optional, as the young person or their school says it ("Year 7"). */
	yearGroup: text('year_group'),
	/** SHA-256 of the normalised card code; unique, so a code finds one young person. */
	signInCodeHash: text('sign_in_code_hash').notNull().unique(),
	/** argon2id of the three passcode pictures in order; null until the young person chooses. */
	passcodeHash: text('passcode_hash'),
	createdBy: reference('created_by', () => user.id, 'set null'),
	createdAt: timestamp('created_at').notNull(),
	/** Day-precise is enough: kept to find profiles nobody has used for a long time. */
	lastSignInAt: timestamp('last_sign_in_at'),
	/**
	 * Wrong picture passcodes in a row, counted before each is checked (profiles/signin.ts). At
	 * 10 the card locks until a supporter resets it; the right pictures set it back to 0.
	 */
	wrongPasscodes: integer('wrong_passcodes').notNull().default(0),
	/** When the card locked after 10 wrong passcodes; null while it works. */
	lockedAt: timestamp('locked_at')
});

/** The supporters a young person (or an admin, for one who cannot yet choose) lets see the profile. */
export const profileSupporter = sqliteTable(
	'profile_supporter',
	{
		youngPersonId: reference('young_person_id', () => youngPerson.userId, 'cascade').notNull(),
		supporterId: reference('supporter_id', () => user.id, 'cascade').notNull(),
		linkedBy: reference('linked_by', () => user.id, 'set null'),
		linkedAt: timestamp('linked_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.youngPersonId, t.supporterId] }),
		// serves "young people I support": a supporter's own list
		index('profile_supporter_supporter_idx').on(t.supporterId)
	]
);

/** The profile's own settings; its items are in `profile_item`. One row per young person. */
export const profile = sqliteTable('profile', {
	youngPersonId: reference('young_person_id', () => youngPerson.userId, 'cascade').primaryKey(),
	/** The young person ticked "count my symbols in the area's pupil-voice summary". */
	countMySymbols: boolean('count_my_symbols').notNull().default(false),
	/** The number of the latest saved version (0 before the first save). */
	version: integer('version').notNull().default(0),
	updatedAt: timestamp('updated_at').notNull(),
	reviewedAt: timestamp('reviewed_at'),
	reviewedBy: reference('reviewed_by', () => user.id, 'set null')
});

/** The optional photo, re-encoded on the server (no metadata), kept apart so lists never load it. */
export const profilePhoto = sqliteTable('profile_photo', {
	youngPersonId: reference('young_person_id', () => youngPerson.userId, 'cascade').primaryKey(),
	bytes: blob('bytes', { mode: 'buffer' }).notNull(),
	description: text('description').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

/** One thing on the profile: a symbol, own words, or both, in one section. */
export const profileItem = sqliteTable(
	'profile_item',
	{
		id: id(),
		youngPersonId: reference('young_person_id', () => youngPerson.userId, 'cascade').notNull(),
		section: text('section', { enum: PROFILE_SECTIONS }).notNull(),
		symbolId: text('symbol_id'),
		words: text('words'),
		position: integer('position').notNull(),
		/** Who wrote it: the young person, or a supporter (then shown as "written by ..."). */
		writtenBy: reference('written_by', () => user.id, 'set null'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	// serves the profile page: every item of one profile in section order
	(t) => [index('profile_item_profile_idx').on(t.youngPersonId, t.section, t.position)]
);

/**
 * Every save of a profile, as a snapshot of all its items (JSON, with writers' names as they were),
 * so an earlier version reads the same even after items or people change.
 */
export const profileVersion = sqliteTable(
	'profile_version',
	{
		youngPersonId: reference('young_person_id', () => youngPerson.userId, 'cascade').notNull(),
		number: integer('number').notNull(),
		savedAt: timestamp('saved_at').notNull(),
		savedBy: reference('saved_by', () => user.id, 'set null'),
		/** What this save did: 'added', 'changed', 'removed', 'photo'... */
		change: text('change').notNull(),
		snapshot: text('snapshot').notNull()
	},
	(t) => [primaryKey({ columns: [t.youngPersonId, t.number] })]
);

/** A read-only link to a profile that expires and can be revoked. */
export const profileShareLink = sqliteTable(
	'profile_share_link',
	{
		id: id(),
		/** SHA-256 of the token in the link: the link itself is never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		youngPersonId: reference('young_person_id', () => youngPerson.userId, 'cascade').notNull(),
		/** Who it is for, in the maker's words ("Ms Khan, new class teacher"). */
		label: text('label').notNull(),
		createdBy: reference('created_by', () => user.id, 'set null'),
		createdAt: timestamp('created_at').notNull(),
		expiresAt: timestamp('expires_at').notNull(),
		revokedAt: timestamp('revoked_at')
	},
	// serves the share page: one profile's links
	(t) => [index('profile_share_link_profile_idx').on(t.youngPersonId)]
);

/** Each opening of a share link: when, never who (no address, no browser). */
export const profileShareOpen = sqliteTable(
	'profile_share_open',
	{
		id: id(),
		shareLinkId: reference('share_link_id', () => profileShareLink.id, 'cascade').notNull(),
		openedAt: timestamp('opened_at').notNull()
	},
	// serves the share page's "opened N times, last on ..." for each link
	(t) => [index('profile_share_open_link_idx').on(t.shareLinkId)]
);

export type ProfileItem = typeof profileItem.$inferSelect;
