/**
 * Joining and leaving the parent carer forum (issue 18, point 2; decision 0055).
 *
 * - **Two ways in.** A signed-in person joins with their account (confirmed at once); anyone else
 *   with an email address only, confirmed by a link emailed through the outbox. The address is a
 *   subscriber (0050): the same links (an HMAC of the subscriber), the same limits on how often an
 *   address is emailed, the same "nothing given away" answers.
 * - **Consents, each with when.** Forum news by email, and being counted in the forum's reach
 *   figures; neither is assumed. News consent is a confirmed subscription of the address to the
 *   forum's meetings (agendas and minutes), the forum's news today: one mailer.
 * - **Leaving deletes.** The member row and its "about you" go; one count per (month joined,
 *   month left) stays for the membership counts over time.
 */
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Locale } from '$lib/paraglide/runtime';
import { londonDate } from '$lib/time';
import { ABOUT_YOU, JOIN_CONFIRM_DAYS, type AboutYou } from '$lib/features/forum/model';
import { OTHER_LANGUAGE_MAX, cleanLanguageName } from '$lib/features/reach/model';
import type { TopicRef } from '$lib/features/subscriptions/model';
import * as audit from '../audit';
import { writeTransaction, type Db } from '../db';
import { user } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import * as outbox from '../outbox';
import { can, type Actor } from '../permissions';
import * as subscriptions from '../subscriptions';
import { forumLeavers, forumMember } from './schema';

export const CONFIRM_JOIN = 'forum.confirm_join';
export const MANAGE_LINK = 'forum.manage_link';

/** The forum's news: the forum meetings' agendas and minutes, which the meetings feature already emails to this topic. */
export const NEWS_TOPIC: TopicRef = { topic: 'meetings', ref: '' };

const DAY_MS = 86_400_000;

export type Consents = { news: boolean; counted: boolean };
/**
 * `otherLanguage`: the language typed beside "another language" (kept only with that answer, at
 * most OTHER_LANGUAGE_MAX characters; the form says so first).
 */
export type MemberDetails = Consents & { about: AboutYou; otherLanguage?: string | null };

export type Member = MemberDetails & {
	id: number;
	/** The address for an email-only member; null for an account's. */
	email: string | null;
	withAccount: boolean;
	joinedAt: Date;
	otherLanguage: string | null;
	newsSince: Date | null;
	countedSince: Date | null;
};

/** Who is asking about their membership: the signed-in person, or the holder of an address's link. */
export type Who = { actor: NonNullable<Actor> } | { key: subscriptions.LinkKey | null };

type Row = typeof forumMember.$inferSelect;

/** The typed language kept: only beside "another language", tidied, at most OTHER_LANGUAGE_MAX characters; null for none. */
function otherLanguageOf(details: Pick<MemberDetails, 'about' | 'otherLanguage'>): string | null {
	if (details.about.language !== 'other') return null;
	const name = cleanLanguageName(details.otherLanguage ?? '').slice(0, OTHER_LANGUAGE_MAX).trim();
	return name || null;
}

const aboutColumns = (details: Pick<MemberDetails, 'about' | 'otherLanguage'>) => ({
	needArea: details.about.need_area,
	phase: details.about.phase,
	support: details.about.support,
	area: details.about.area,
	ethnicity: details.about.ethnicity,
	language: details.about.language,
	otherLanguage: otherLanguageOf(details)
});

const aboutOf = (row: Row): AboutYou =>
	({ need_area: row.needArea, phase: row.phase, support: row.support, area: row.area, ethnicity: row.ethnicity, language: row.language }) as AboutYou;

function memberFrom(row: Row): Member {
	return {
		id: row.id,
		email: row.email,
		withAccount: row.userId !== null,
		joinedAt: row.confirmedAt ?? row.createdAt,
		news: row.newsConsentAt !== null,
		counted: row.countConsentAt !== null,
		newsSince: row.newsConsentAt,
		countedSince: row.countConsentAt,
		about: aboutOf(row),
		otherLanguage: row.otherLanguage
	};
}

/** The consent columns after a change: a consent kept keeps its first time; a new one is now. */
function consentColumns(before: Pick<Row, 'newsConsentAt' | 'countConsentAt'> | null, consents: Consents, now: Date) {
	return {
		newsConsentAt: consents.news ? (before?.newsConsentAt ?? now) : null,
		countConsentAt: consents.counted ? (before?.countConsentAt ?? now) : null
	};
}

const accountEmail = (tx: Db, userId: number) => tx.select({ email: user.email }).from(user).where(eq(user.id, userId)).get()?.email ?? null;

/** The address a member's news goes to: their own, or their account's. */
function newsAddress(tx: Db, row: Row): string | null {
	return row.email ?? (row.userId !== null ? accountEmail(tx, row.userId) : null);
}

/** Follows or stops the forum's news at the member's address, as their consent says. */
function applyNewsConsent(tx: Db, row: Row, news: boolean, now: Date): void {
	const address = newsAddress(tx, row);
	if (!address) return;
	if (news) subscriptions.followConfirmed(tx, address, (row.locale as Locale) ?? 'en', NEWS_TOPIC, now);
	else subscriptions.unfollow(tx, address, NEWS_TOPIC);
}

/**
 * The signed-in person joins with their account (or changes their details if already a member).
 * Throws ForbiddenError when their roles may not join (a young person's account). Returns the member id.
 */
export function joinWithAccount(db: Db, actor: Actor, input: MemberDetails & { locale: Locale }, now = new Date()): number {
	if (!actor || !can(actor, 'forum.join')) throw new ForbiddenError();
	return writeTransaction(db, (tx) => {
		const before = tx.select().from(forumMember).where(eq(forumMember.userId, actor.id)).get() ?? null;
		const values = { ...aboutColumns(input), ...consentColumns(before, input, now), locale: input.locale, updatedAt: now };
		const row = before
			? tx.update(forumMember).set(values).where(eq(forumMember.id, before.id)).returning().get()
			: tx.insert(forumMember).values({ ...values, userId: actor.id, confirmedAt: now, createdAt: now }).returning().get();
		applyNewsConsent(tx, row, input.news, now);
		audit.record(tx, { actorId: actor.id, action: before ? 'forum.member_changed' : 'forum.joined', subjectType: 'forum_member', subjectId: row.id, details: { withAccount: true }, at: now });
		return row.id;
	});
}

export type EmailJoinInput = MemberDetails & { email: string; locale: Locale };

/**
 * Someone joins with an email address only: a waiting join (its details and consents as given)
 * and an email with the confirmation link. An address that is already a member is only sent its
 * manage link, and keeps its details (nobody changes another's membership from this form).
 * Returns 'sent' whatever the address (nothing given away), or 'too_many' when the network address
 * asked too often.
 */
export function joinByEmail(db: Db, actor: Actor, input: EmailJoinInput, networkAddress: string, now = new Date()): 'sent' | 'too_many' {
	if (!can(actor, 'forum.join')) throw new ForbiddenError();
	const email = subscriptions.normaliseEmail(input.email);
	return writeTransaction(db, (tx) => {
		const allowed = subscriptions.takeEmailTry(tx, email, networkAddress, now);
		if (allowed === 'too_many') return 'too_many';
		if (allowed === 'quiet') return 'sent';
		const subscriberId = subscriptions.ensureSubscriber(tx, email, input.locale, now);
		const before = tx.select().from(forumMember).where(eq(forumMember.email, email)).get();
		if (before?.confirmedAt) {
			outbox.emit(tx, MANAGE_LINK, subscriberId, now);
			return 'sent';
		}
		const values = { ...aboutColumns(input), ...consentColumns(null, input, now), locale: input.locale, createdAt: now, updatedAt: now };
		const row = before
			? tx.update(forumMember).set(values).where(eq(forumMember.id, before.id)).returning().get()
			: tx.insert(forumMember).values({ ...values, email }).returning().get();
		outbox.emit(tx, CONFIRM_JOIN, subscriberId, now);
		audit.record(tx, { actorId: null, action: 'forum.join_asked', subjectType: 'forum_member', subjectId: row.id, details: {}, at: now });
		return 'sent';
	});
}

export type JoinConfirmed = 'confirmed' | 'already' | 'expired' | 'bad_link';

/** The member an address's link opens (confirmed or not), or null. */
function byKey(db: Db, key: subscriptions.LinkKey | null): Row | null {
	const address = subscriptions.addressOf(db, key);
	if (!address) return null;
	return db.select().from(forumMember).where(eq(forumMember.email, address.email)).get() ?? null;
}

/** What the confirmation link's page shows before the button is pressed. */
export function joinWaiting(db: Db, key: subscriptions.LinkKey | null, now = new Date()): JoinConfirmed | 'waiting' {
	const row = byKey(db, key);
	if (!row) return 'bad_link';
	if (row.confirmedAt) return 'already';
	return row.createdAt.getTime() < now.getTime() - JOIN_CONFIRM_DAYS * DAY_MS ? 'expired' : 'waiting';
}

/** Confirms an email-only join from its link (within JOIN_CONFIRM_DAYS), and starts the forum's news if consented. */
export function confirmJoin(db: Db, key: subscriptions.LinkKey | null, now = new Date()): JoinConfirmed {
	return writeTransaction(db, (tx) => {
		const row = byKey(tx, key);
		if (!row) return 'bad_link';
		if (row.confirmedAt) return 'already';
		if (row.createdAt.getTime() < now.getTime() - JOIN_CONFIRM_DAYS * DAY_MS) return 'expired';
		const confirmed = tx.update(forumMember).set({ confirmedAt: now, updatedAt: now }).where(eq(forumMember.id, row.id)).returning().get();
		applyNewsConsent(tx, confirmed, confirmed.newsConsentAt !== null, now);
		audit.record(tx, { actorId: null, action: 'forum.joined', subjectType: 'forum_member', subjectId: row.id, details: { withAccount: false }, at: now });
		return 'confirmed';
	});
}

/** The member record `who` opens (confirmed members only). */
function memberRow(db: Db, who: Who): Row | null {
	if ('actor' in who) return db.select().from(forumMember).where(eq(forumMember.userId, who.actor.id)).get() ?? null;
	const row = byKey(db, who.key);
	return row?.confirmedAt ? row : null;
}

/** One's own membership (signed in, or by an address's link), or null when not a member (or a bad link). */
export function myMembership(db: Db, who: Who): Member | null {
	const row = memberRow(db, who);
	return row ? memberFrom(row) : null;
}

/** Changes one's own details and consents. Throws NotFoundError when not a member. */
export function updateMembership(db: Db, who: Who, details: MemberDetails, now = new Date()): void {
	writeTransaction(db, (tx) => {
		const row = memberRow(tx, who);
		if (!row) throw new NotFoundError('not_a_member');
		const changed = tx
			.update(forumMember)
			.set({ ...aboutColumns(details), ...consentColumns(row, details, now), updatedAt: now })
			.where(eq(forumMember.id, row.id))
			.returning()
			.get();
		applyNewsConsent(tx, changed, details.news, now);
		audit.record(tx, { actorId: 'actor' in who ? who.actor.id : null, action: 'forum.member_changed', subjectType: 'forum_member', subjectId: row.id, details: {}, at: now });
	});
}

/** Counts one leaver, by the months they joined and left; nothing else of them stays. */
export function countLeaver(tx: Db, joinedAt: Date, now: Date): void {
	const joinedMonth = londonDate(joinedAt).slice(0, 7);
	const leftMonth = londonDate(now).slice(0, 7);
	tx.insert(forumLeavers)
		.values({ joinedMonth, leftMonth, count: 1 })
		.onConflictDoUpdate({ target: [forumLeavers.joinedMonth, forumLeavers.leftMonth], set: { count: sql`${forumLeavers.count} + 1` } })
		.run();
}

/**
 * Leaves the forum: the member record and its "about you" are deleted and the forum's news stops;
 * one leaver is counted. Throws NotFoundError when not a member.
 */
export function leave(db: Db, who: Who, now = new Date()): void {
	writeTransaction(db, (tx) => {
		const row = memberRow(tx, who);
		if (!row) throw new NotFoundError('not_a_member');
		if (row.newsConsentAt) applyNewsConsent(tx, row, false, now);
		tx.delete(forumMember).where(eq(forumMember.id, row.id)).run();
		countLeaver(tx, row.confirmedAt ?? row.createdAt, now);
		audit.record(tx, { actorId: 'actor' in who ? who.actor.id : null, action: 'forum.left', subjectType: 'forum_member', subjectId: row.id, details: {}, at: now });
	});
}

/**
 * Emails a link to manage the membership of `email`, if it is a member (the page says the same
 * either way). 'too_many' when the network address asked too often.
 */
export function sendManageLink(db: Db, typedEmail: string, networkAddress: string, now = new Date()): 'sent' | 'too_many' {
	const email = subscriptions.normaliseEmail(typedEmail);
	return writeTransaction(db, (tx) => {
		const allowed = subscriptions.takeEmailTry(tx, email, networkAddress, now);
		if (allowed === 'too_many') return 'too_many';
		if (allowed === 'quiet') return 'sent';
		const row = tx.select().from(forumMember).where(eq(forumMember.email, email)).get();
		if (row?.confirmedAt) outbox.emit(tx, MANAGE_LINK, subscriptions.ensureSubscriber(tx, email, (row.locale as Locale) ?? 'en', now), now);
		return 'sent';
	});
}

/** The member an email about subscriber `subscriberId` is for, and the link query that opens it; null when gone. */
export function memberForEmail(db: Db, subscriberId: number): { member: Row; query: string } | null {
	const query = subscriptions.linkQueryOf(db, subscriberId);
	const address = query ? subscriptions.addressOf(db, subscriptions.linkKeyFrom(new URLSearchParams(query))) : null;
	if (!address || !query) return null;
	const member = db.select().from(forumMember).where(eq(forumMember.email, address.email)).get();
	return member ? { member, query } : null;
}

/** Deletes email-only joins never confirmed within JOIN_CONFIRM_DAYS. Returns how many went. */
export function forgetUnconfirmedJoins(tx: Db, now: Date): number {
	return tx
		.delete(forumMember)
		.where(and(isNull(forumMember.confirmedAt), lt(forumMember.createdAt, new Date(now.getTime() - JOIN_CONFIRM_DAYS * DAY_MS))))
		.run().changes;
}

export { ABOUT_YOU };
