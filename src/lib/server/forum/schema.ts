import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { boolean, id, reference, timestamp } from '../db/columns';
import { user } from '../accounts/schema';

/**
 * A member of the parent carer forum (issue 18, point 2): a person with an account (`user_id`),
 * or an email address only (`email`, in lower case; reached as a subscriber, 0050). An email-only
 * join waits for its confirmation link (`confirmed_at` null) and goes after JOIN_CONFIRM_DAYS.
 * Each consent is recorded with when it was given (null: not given). The "about you" columns hold
 * a category of `features/reach/model.ts`, 'prefer_not', or null (not answered). Leaving deletes
 * the row; only `forum_leavers` counts remain.
 */
export const forumMember = sqliteTable(
	'forum_member',
	{
		id: id(),
		userId: reference('user_id', () => user.id, 'cascade').unique(),
		email: text('email').unique(),
		locale: text('locale').notNull().default('en'),
		/** When the member confirmed (an account's join is confirmed at once); null while a link waits. */
		confirmedAt: timestamp('confirmed_at'),
		/** When the join was asked for. */
		createdAt: timestamp('created_at').notNull(),
		/** "Send me forum news by email": when given, or null. */
		newsConsentAt: timestamp('news_consent_at'),
		/** "Count me in the forum's reach figures": when given, or null. Only these members are ever counted. */
		countConsentAt: timestamp('count_consent_at'),
		needArea: text('need_area'),
		phase: text('phase'),
		support: text('support'),
		area: text('area'),
		ethnicity: text('ethnicity'),
		language: text('language'),
		/**
		 * The language typed beside "another language" (`language` = 'other'; null otherwise or when
		 * none was typed), at most OTHER_LANGUAGE_MAX characters. Free text that can point to a family:
		 * never in logs or the audit log, and seen by organisers only counted with others (`otherLanguagesNamed`).
		 */
		otherLanguage: text('other_language'),
		/** Set when the details were last changed. */
		updatedAt: timestamp('updated_at').notNull()
	},
	(t) => [
		// serves the counts: confirmed members by when they joined
		index('forum_member_confirmed').on(t.confirmedAt)
	]
);

/**
 * How many members left, by the month they joined and the month they left (London months,
 * 'YYYY-MM'): all that stays of a member who leaves, so membership over time can still be counted.
 */
export const forumLeavers = sqliteTable(
	'forum_leavers',
	{
		joinedMonth: text('joined_month').notNull(),
		leftMonth: text('left_month').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.joinedMonth, t.leftMonth] })]
);

/**
 * Who represents the forum on which board or group, with their role, term and whether their name
 * may be shown publicly (if not, the public page says "a forum member"). Optionally linked to the
 * person's account. Kept REPRESENTATIVE_KEEP_DAYS after the term ends.
 */
export const forumRepresentative = sqliteTable(
	'forum_representative',
	{
		id: id(),
		name: text('name').notNull(),
		userId: reference('user_id', () => user.id, 'set null'),
		role: text('role').notNull(),
		/** The board or group. */
		body: text('body').notNull(),
		startsOn: text('starts_on').notNull(),
		/** The last day of the term; null while it has no set end. */
		endsOn: text('ends_on'),
		namePublic: boolean('name_public').notNull().default(false),
		createdAt: timestamp('created_at').notNull()
	},
	(t) => [
		// serves retention: terms that ended long ago
		index('forum_representative_ends').on(t.endsOn)
	]
);
