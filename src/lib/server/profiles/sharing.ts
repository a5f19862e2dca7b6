/**
 * Read-only share links to a profile: made by the young person or a linked supporter, for someone
 * without an account (a new teacher, a dentist). They expire and can be revoked at once. Opening
 * one is recorded with the time only, never who opened it.
 */
import { and, count, desc, eq, isNull, max } from 'drizzle-orm';
import { SHARE_LINK_DAY_CHOICES, SHARE_LINK_DEFAULT_DAYS } from '$lib/features/profiles/model';
import { DAY_MS } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { profileShareLink, profileShareOpen, user } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import { generateToken, hashToken } from '../auth/tokens';
import { profileResource } from './access';
import { viewOf, type ProfileView } from './service';

function allowShare(db: Db, actor: Actor, youngPersonId: number) {
	if (!can(actor, 'profiles.share', profileResource(db, youngPersonId))) throw new ForbiddenError();
}

/**
 * Makes a link that shows the profile read-only for `days` (default 30) to whoever has it.
 * Returns the token for the link (it is stored only as a hash). Throws NotFound, Forbidden or
 * ValidationError('label', 'days').
 */
export function createShareLink(
	db: Db,
	actor: Actor,
	youngPersonId: number,
	input: { label: string; days?: number },
	now = new Date()
): { id: number; token: string; expiresAt: Date } {
	allowShare(db, actor, youngPersonId);
	const label = input.label.replace(/\s+/g, ' ').trim();
	if (!label || label.length > 80) throw new ValidationError('label', 'Say who the link is for, in up to 80 letters.');
	const days = input.days ?? SHARE_LINK_DEFAULT_DAYS;
	if (!(SHARE_LINK_DAY_CHOICES as readonly number[]).includes(days)) {
		throw new ValidationError('days', 'Choose how long the link works.');
	}
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + days * DAY_MS);
	return writeTransaction(db, (tx) => {
		const { id } = tx
			.insert(profileShareLink)
			.values({ tokenHash: hashToken(token), youngPersonId, label, createdBy: actor!.id, createdAt: now, expiresAt })
			.returning({ id: profileShareLink.id })
			.get();
		audit.record(tx, {
			actorId: actor!.id,
			action: 'profile.share_link_created',
			subjectType: 'user',
			subjectId: youngPersonId,
			details: { shareLinkId: id, days },
			at: now
		});
		return { id, token, expiresAt };
	});
}

export type ShareLinkSummary = {
	id: number;
	label: string;
	createdBy: string | null;
	createdAt: Date;
	expiresAt: Date;
	revokedAt: Date | null;
	state: 'active' | 'expired' | 'revoked';
	opens: number;
	lastOpenedAt: Date | null;
};

/** A profile's share links, newest first, with how often and when they were last opened. */
export function shareLinks(db: Db, actor: Actor, youngPersonId: number, now = new Date()): ShareLinkSummary[] {
	allowShare(db, actor, youngPersonId);
	const rows = db
		.select({
			id: profileShareLink.id,
			label: profileShareLink.label,
			createdBy: user.name,
			createdAt: profileShareLink.createdAt,
			expiresAt: profileShareLink.expiresAt,
			revokedAt: profileShareLink.revokedAt,
			opens: count(profileShareOpen.id),
			lastOpenedAt: max(profileShareOpen.openedAt)
		})
		.from(profileShareLink)
		.leftJoin(user, eq(user.id, profileShareLink.createdBy))
		.leftJoin(profileShareOpen, eq(profileShareOpen.shareLinkId, profileShareLink.id))
		.where(eq(profileShareLink.youngPersonId, youngPersonId))
		.groupBy(profileShareLink.id)
		.orderBy(desc(profileShareLink.createdAt), desc(profileShareLink.id))
		.all();
	return rows.map((r) => ({
		...r,
		// max() over a timestamp column comes back as the stored number
		lastOpenedAt: r.lastOpenedAt === null ? null : new Date(Number(r.lastOpenedAt)),
		state: r.revokedAt ? 'revoked' : r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active'
	}));
}

/** Stops a link working at once. Revoking one already revoked changes nothing. */
export function revokeShareLink(db: Db, actor: Actor, youngPersonId: number, linkId: number, now = new Date()): void {
	allowShare(db, actor, youngPersonId);
	writeTransaction(db, (tx) => {
		const link = tx
			.select()
			.from(profileShareLink)
			.where(and(eq(profileShareLink.id, linkId), eq(profileShareLink.youngPersonId, youngPersonId)))
			.get();
		if (!link) throw new NotFoundError('share_link', 'There is no such link.');
		if (link.revokedAt) return;
		tx.update(profileShareLink)
			.set({ revokedAt: now })
			.where(and(eq(profileShareLink.id, linkId), isNull(profileShareLink.revokedAt)))
			.run();
		audit.record(tx, {
			actorId: actor!.id,
			action: 'profile.share_link_revoked',
			subjectType: 'user',
			subjectId: youngPersonId,
			details: { shareLinkId: linkId },
			at: now
		});
	});
}

/** The link for a token if it still works; otherwise NotFoundError (unknown, expired and revoked alike). */
function workingLink(db: Db, token: string, now: Date) {
	const link = db.select().from(profileShareLink).where(eq(profileShareLink.tokenHash, hashToken(token))).get();
	if (!link || link.revokedAt || link.expiresAt.getTime() <= now.getTime()) {
		throw new NotFoundError('share_link', 'This link does not work any more. Ask the person who gave it to you for a new one.');
	}
	return link;
}

/**
 * Opens a profile through a share link: read-only, and the opening is recorded (the time only).
 * Throws NotFoundError when the link is unknown, expired or revoked.
 */
export function openSharedProfile(db: Db, token: string, now = new Date()): ProfileView & { expiresAt: Date } {
	const link = workingLink(db, token, now);
	db.insert(profileShareOpen).values({ shareLinkId: link.id, openedAt: now }).run();
	const shown = viewOf(db, link.youngPersonId, null, {});
	return { ...shown, expiresAt: link.expiresAt };
}

/** Which profile a working share link shows (for its photo; not recorded as an opening). */
export function sharedProfileId(db: Db, token: string, now = new Date()): number {
	return workingLink(db, token, now).youngPersonId;
}
