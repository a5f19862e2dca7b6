/**
 * One-page profiles that young people own: reading, building (items of symbols and own words in
 * five sections), versions, review, photo, consent to be counted and who may see it.
 * Sign-in cards and passcodes are in ./signin, share links in ./sharing, counts in ./counts.
 */
import { and, asc, desc, eq, isNull, max, sql } from 'drizzle-orm';
import { isSymbolId, symbolById } from '$lib/symbols/catalogue';
import {
	ITEM_WORDS_MAX,
	ITEMS_PER_SECTION_MAX,
	PROFILE_SECTIONS,
	type ProfileSection
} from '$lib/features/profiles/model';
import { writeTransaction, type Db } from '../db';
import { swapWithNeighbour } from '../db/ordering';
import {
	profile,
	profileItem,
	profilePhoto,
	profileShareLink,
	profileSupporter,
	profileVersion,
	user,
	userRole,
	youngPerson
} from '../db/schema';
import { can, requireRecentSignIn, type Action, type Actor, type Resource } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import { profileResource } from './access';
import * as safeguarding from '../safeguarding';

export * from './signin';
export * from './sharing';
export * from './counts';
export { processPhoto, PHOTO_MAX_BYTES } from './photo';

/** Checks `action` on a profile; returns what the rules were given. Throws NotFound or Forbidden. */
function allow(db: Db, actor: Actor, action: Action, youngPersonId: number): Resource & { name: string } {
	const resource = profileResource(db, youngPersonId);
	if (!can(actor, action, resource)) throw new ForbiddenError();
	return resource;
}

/**
 * Refuses (ForbiddenError, NotFoundError) anyone who may not change this profile: for a page to
 * call before work it would throw away, such as decoding an uploaded photo.
 */
export function assertMayEdit(db: Db, actor: Actor, youngPersonId: number): void {
	allow(db, actor, 'profiles.edit', youngPersonId);
}

/** An item as pages show it. `writtenBy` is set when someone other than the young person wrote it. */
export type ShownItem = {
	id: number;
	symbolId: string | null;
	words: string | null;
	/** The supporter's name, "a supporter" once their account is gone; null for the young person's own. */
	writtenBy: string | null;
	writtenById: number | null;
};
export type ShownSection = { section: ProfileSection; items: ShownItem[] };

/** A saved version: what every section held, with writers' names as they were then. */
export type ProfileSnapshot = {
	sections: { section: ProfileSection; items: Omit<ShownItem, 'id' | 'writtenById'>[] }[];
};

/** Every item of one profile, in sections, in order. */
function sectionsOf(db: Db, youngPersonId: number): ShownSection[] {
	const rows = db
		.select({
			id: profileItem.id,
			section: profileItem.section,
			symbolId: profileItem.symbolId,
			words: profileItem.words,
			writtenById: profileItem.writtenBy,
			writerName: user.name
		})
		.from(profileItem)
		.leftJoin(user, eq(user.id, profileItem.writtenBy))
		.where(eq(profileItem.youngPersonId, youngPersonId))
		.orderBy(asc(profileItem.position), asc(profileItem.id))
		.all();
	return PROFILE_SECTIONS.map((section) => ({
		section,
		items: rows
			.filter((r) => r.section === section)
			.map((r) => ({
				id: r.id,
				symbolId: r.symbolId,
				words: r.words,
				writtenById: r.writtenById,
				writtenBy: r.writtenById === youngPersonId ? null : (r.writerName ?? 'a supporter')
			}))
	}));
}

export type ProfileView = {
	youngPerson: { id: number; name: string; yearGroup: string | null };
	sections: ShownSection[];
	version: number;
	updatedAt: Date;
	reviewedAt: Date | null;
	reviewedBy: string | null;
	hasPhoto: boolean;
	photoDescription: string | null;
	countMySymbols: boolean;
	/** The viewer is the young person themselves. */
	isOwn: boolean;
	/** What else the viewer may do here. */
	may: { consent: boolean; chooseSupporters: boolean; signInCard: boolean };
};

/** The profile as its owner or a linked supporter sees it. Throws NotFoundError or ForbiddenError. */
export function view(db: Db, actor: Actor, youngPersonId: number): ProfileView {
	const resource = allow(db, actor, 'profiles.read', youngPersonId);
	return viewOf(db, youngPersonId, actor, resource);
}

/** Builds the view without a permission check: callers have checked (view, a share link). */
export function viewOf(db: Db, youngPersonId: number, actor: Actor, resource: Resource): ProfileView {
	const row = db
		.select({
			name: user.name,
			yearGroup: youngPerson.yearGroup,
			version: profile.version,
			updatedAt: profile.updatedAt,
			reviewedAt: profile.reviewedAt,
			reviewedById: profile.reviewedBy,
			countMySymbols: profile.countMySymbols,
			photoDescription: profilePhoto.description
		})
		.from(youngPerson)
		.innerJoin(user, eq(user.id, youngPerson.userId))
		.innerJoin(profile, eq(profile.youngPersonId, youngPerson.userId))
		.leftJoin(profilePhoto, eq(profilePhoto.youngPersonId, youngPerson.userId))
		.where(eq(youngPerson.userId, youngPersonId))
		.get();
	if (!row) throw new NotFoundError('young_person', 'There is no such young person.');
	const reviewedBy =
		row.reviewedById === null
			? null
			: row.reviewedById === youngPersonId
				? row.name
				: (db.select({ name: user.name }).from(user).where(eq(user.id, row.reviewedById)).get()?.name ?? null);
	return {
		youngPerson: { id: youngPersonId, name: row.name, yearGroup: row.yearGroup },
		sections: sectionsOf(db, youngPersonId),
		version: row.version,
		updatedAt: row.updatedAt,
		reviewedAt: row.reviewedAt,
		reviewedBy,
		hasPhoto: row.photoDescription !== null,
		photoDescription: row.photoDescription,
		countMySymbols: row.countMySymbols,
		isOwn: actor?.id === youngPersonId,
		may: {
			consent: can(actor, 'profiles.consent', resource),
			chooseSupporters: can(actor, 'profiles.chooseSupporters', resource),
			signInCard: can(actor, 'profiles.signInCard', resource)
		}
	};
}

/**
 * Records a save: bumps the version and keeps a snapshot of every item as it now is.
 * Runs inside the transaction that made the change.
 */
function saveVersion(tx: Db, youngPersonId: number, actorId: number, change: string, now: Date): number {
	const { version } = tx
		.update(profile)
		.set({ version: sql`${profile.version} + 1`, updatedAt: now })
		.where(eq(profile.youngPersonId, youngPersonId))
		.returning({ version: profile.version })
		.get();
	const snapshot: ProfileSnapshot = {
		sections: sectionsOf(tx, youngPersonId).map(({ section, items }) => ({
			section,
			items: items.map(({ symbolId, words, writtenBy }) => ({ symbolId, words, writtenBy }))
		}))
	};
	tx.insert(profileVersion)
		.values({ youngPersonId, number: version, savedAt: now, savedBy: actorId, change, snapshot: JSON.stringify(snapshot) })
		.run();
	return version;
}

export type ItemInput = { symbolId?: string | null; words?: string | null };

/** Checks an item's symbol and words; at least one is needed. Throws ValidationError. */
function cleanItem(input: ItemInput): { symbolId: string | null; words: string | null } {
	const symbolId = input.symbolId?.trim() || null;
	const words = input.words?.replace(/\s+/g, ' ').trim() || null;
	if (symbolId !== null && !isSymbolId(symbolId)) throw new ValidationError('symbol', 'Choose a picture from the list.');
	if (words !== null && words.length > ITEM_WORDS_MAX) {
		throw new ValidationError('words_too_long', `Use ${ITEM_WORDS_MAX} letters or fewer.`);
	}
	if (symbolId === null && words === null) throw new ValidationError('empty', 'Choose a picture or write some words.');
	if (symbolId !== null && symbolById(symbolId)?.topic === 'status') {
		throw new ValidationError('symbol', 'Choose a picture from the list.');
	}
	return { symbolId, words };
}

/**
 * Adds an item to a section, written by the actor, and saves a version. Returns the item id and
 * the new version number. Throws NotFound, Forbidden or ValidationError ('symbol', 'words_too_long',
 * 'empty', 'section_full').
 */
export function addItem(
	db: Db,
	actor: Actor,
	youngPersonId: number,
	section: ProfileSection,
	input: ItemInput,
	now = new Date()
): { itemId: number; version: number } {
	allow(db, actor, 'profiles.edit', youngPersonId);
	if (!PROFILE_SECTIONS.includes(section)) throw new ValidationError('section', 'There is no such part of the profile.');
	const item = cleanItem(input);
	return writeTransaction(db, (tx) => {
		const inSection = tx
			.select({ n: sql<number>`count(*)`, last: max(profileItem.position) })
			.from(profileItem)
			.where(and(eq(profileItem.youngPersonId, youngPersonId), eq(profileItem.section, section)))
			.get()!;
		if (inSection.n >= ITEMS_PER_SECTION_MAX) {
			throw new ValidationError(
				'section_full',
				`This part already has ${ITEMS_PER_SECTION_MAX} things, so it still fits on one page. Change or remove one first.`
			);
		}
		const { id } = tx
			.insert(profileItem)
			.values({
				youngPersonId,
				section,
				...item,
				position: (inSection.last ?? 0) + 1,
				writtenBy: actor!.id,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: profileItem.id })
			.get();
		flagWords(tx, youngPersonId, id, section, item.words, now);
		return { itemId: id, version: saveVersion(tx, youngPersonId, actor!.id, 'added', now) };
	});
}

/**
 * Own words are checked for phrases that may point to harm, and a flag goes to the safeguarding
 * leads (the words are saved either way). The flag is about the young person, whoever typed it.
 */
function flagWords(tx: Db, youngPersonId: number, itemId: number, section: ProfileSection, words: string | null, now: Date) {
	if (!words) return;
	safeguarding.raiseIfWorrying(tx, { source: 'profile_item', sourceId: itemId, personId: youngPersonId, text: words, context: { section } }, now);
}

/**
 * The item, checked to be on this profile and changeable by the actor: the young person may
 * change every item; a supporter only what they wrote. Throws NotFoundError or ForbiddenError.
 */
function ownItem(tx: Db, actor: NonNullable<Actor>, youngPersonId: number, itemId: number) {
	const item = tx
		.select()
		.from(profileItem)
		.where(and(eq(profileItem.id, itemId), eq(profileItem.youngPersonId, youngPersonId)))
		.get();
	if (!item) throw new NotFoundError('item', 'That is no longer on the profile.');
	if (actor.id !== youngPersonId && item.writtenBy !== actor.id) {
		throw new ForbiddenError('Only the young person, or whoever wrote it, can change this.');
	}
	return item;
}

/** Whether the actor may change or remove an item (for showing the buttons). */
export function mayChangeItem(actor: Actor, youngPersonId: number, item: Pick<ShownItem, 'writtenById'>): boolean {
	return actor !== null && (actor.id === youngPersonId || item.writtenById === actor.id);
}

/**
 * Changes an item's symbol or words and saves a version. When the young person changes what a
 * supporter wrote, it becomes theirs. Throws NotFound, Forbidden or ValidationError.
 */
export function updateItem(
	db: Db,
	actor: Actor,
	youngPersonId: number,
	itemId: number,
	input: ItemInput,
	now = new Date()
): number {
	allow(db, actor, 'profiles.edit', youngPersonId);
	const item = cleanItem(input);
	return writeTransaction(db, (tx) => {
		const before = ownItem(tx, actor!, youngPersonId, itemId);
		tx.update(profileItem)
			.set({ ...item, writtenBy: actor!.id, updatedAt: now })
			.where(eq(profileItem.id, itemId))
			.run();
		if (item.words !== before.words) flagWords(tx, youngPersonId, itemId, before.section, item.words, now);
		return saveVersion(tx, youngPersonId, actor!.id, 'changed', now);
	});
}

/** Removes an item and saves a version (the item stays in earlier versions). */
export function removeItem(db: Db, actor: Actor, youngPersonId: number, itemId: number, now = new Date()): number {
	allow(db, actor, 'profiles.edit', youngPersonId);
	return writeTransaction(db, (tx) => {
		ownItem(tx, actor!, youngPersonId, itemId);
		tx.delete(profileItem).where(eq(profileItem.id, itemId)).run();
		return saveVersion(tx, youngPersonId, actor!.id, 'removed', now);
	});
}

/**
 * Moves an item one place up or down within its section and saves a version. Anyone who may edit
 * the profile may reorder it. At the top (or bottom) already, nothing changes and null is returned.
 */
export function moveItem(
	db: Db,
	actor: Actor,
	youngPersonId: number,
	itemId: number,
	direction: 'up' | 'down',
	now = new Date()
): number | null {
	allow(db, actor, 'profiles.edit', youngPersonId);
	return writeTransaction(db, (tx) => {
		const item = tx
			.select()
			.from(profileItem)
			.where(and(eq(profileItem.id, itemId), eq(profileItem.youngPersonId, youngPersonId)))
			.get();
		if (!item) throw new NotFoundError('item', 'That is no longer on the profile.');
		const sameSection = and(eq(profileItem.youngPersonId, youngPersonId), eq(profileItem.section, item.section));
		if (!swapWithNeighbour(tx, { table: profileItem, id: profileItem.id, position: profileItem.position, list: sameSection }, item, direction)) return null;
		return saveVersion(tx, youngPersonId, actor!.id, 'moved', now);
	});
}

/** The young person or a linked supporter says the profile is still right today. */
export function markReviewed(db: Db, actor: Actor, youngPersonId: number, now = new Date()): void {
	allow(db, actor, 'profiles.edit', youngPersonId);
	db.update(profile).set({ reviewedAt: now, reviewedBy: actor!.id }).where(eq(profile.youngPersonId, youngPersonId)).run();
}

export type VersionSummary = { number: number; savedAt: Date; savedBy: string | null; change: string };

/** Every saved version, newest first. Throws NotFoundError or ForbiddenError. */
export function versions(db: Db, actor: Actor, youngPersonId: number): VersionSummary[] {
	allow(db, actor, 'profiles.read', youngPersonId);
	return db
		.select({ number: profileVersion.number, savedAt: profileVersion.savedAt, savedBy: user.name, change: profileVersion.change })
		.from(profileVersion)
		.leftJoin(user, eq(user.id, profileVersion.savedBy))
		.where(eq(profileVersion.youngPersonId, youngPersonId))
		.orderBy(desc(profileVersion.number))
		.all();
}

/** One saved version as it was. Throws NotFoundError or ForbiddenError. */
export function version(
	db: Db,
	actor: Actor,
	youngPersonId: number,
	number: number
): VersionSummary & ProfileSnapshot & { name: string } {
	const { name } = allow(db, actor, 'profiles.read', youngPersonId);
	const row = db
		.select({
			number: profileVersion.number,
			savedAt: profileVersion.savedAt,
			savedBy: user.name,
			change: profileVersion.change,
			snapshot: profileVersion.snapshot
		})
		.from(profileVersion)
		.leftJoin(user, eq(user.id, profileVersion.savedBy))
		.where(and(eq(profileVersion.youngPersonId, youngPersonId), eq(profileVersion.number, number)))
		.get();
	if (!row) throw new NotFoundError('version', 'There is no such version.');
	const { snapshot, ...summary } = row;
	return { ...summary, ...(JSON.parse(snapshot) as ProfileSnapshot), name };
}

/** The young person ticks or unticks "count my symbols in the area's pupil-voice summary". */
export function setConsent(db: Db, actor: Actor, youngPersonId: number, consent: boolean, now = new Date()): void {
	allow(db, actor, 'profiles.consent', youngPersonId);
	writeTransaction(db, (tx) => {
		tx.update(profile).set({ countMySymbols: consent }).where(eq(profile.youngPersonId, youngPersonId)).run();
		audit.record(tx, {
			actorId: actor!.id,
			action: consent ? 'profile.count_consent_given' : 'profile.count_consent_withdrawn',
			subjectType: 'user',
			subjectId: youngPersonId,
			at: now
		});
	});
}

/**
 * Stores a photo already processed by `processPhoto` (re-encoded, no metadata), with a description
 * for people who cannot see it, and saves a version. Throws NotFound, Forbidden or ValidationError.
 */
export function setPhoto(
	db: Db,
	actor: Actor,
	youngPersonId: number,
	photo: { bytes: Uint8Array; description: string },
	now = new Date()
): number {
	allow(db, actor, 'profiles.edit', youngPersonId);
	const description = photo.description.replace(/\s+/g, ' ').trim();
	if (!description || description.length > ITEM_WORDS_MAX) {
		throw new ValidationError('photo_description', 'Say in a few words what the photo shows.');
	}
	return writeTransaction(db, (tx) => {
		const row = { youngPersonId, bytes: Buffer.from(photo.bytes), description, updatedAt: now };
		tx.insert(profilePhoto)
			.values(row)
			.onConflictDoUpdate({ target: profilePhoto.youngPersonId, set: { bytes: row.bytes, description, updatedAt: now } })
			.run();
		return saveVersion(tx, youngPersonId, actor!.id, 'photo', now);
	});
}

/** Removes the photo (it is not kept in versions) and saves a version. */
export function removePhoto(db: Db, actor: Actor, youngPersonId: number, now = new Date()): number {
	allow(db, actor, 'profiles.edit', youngPersonId);
	return writeTransaction(db, (tx) => {
		const gone = tx.delete(profilePhoto).where(eq(profilePhoto.youngPersonId, youngPersonId)).run();
		if (gone.changes === 0) throw new NotFoundError('photo', 'There is no photo.');
		return saveVersion(tx, youngPersonId, actor!.id, 'photo_removed', now);
	});
}

/** The photo's bytes (JPEG) for someone who may read the profile. Throws NotFound or Forbidden. */
export function photo(db: Db, actor: Actor, youngPersonId: number): { bytes: Buffer; updatedAt: Date } {
	allow(db, actor, 'profiles.read', youngPersonId);
	return photoOf(db, youngPersonId);
}

/** The photo without a permission check: callers have checked (a share link). */
export function photoOf(db: Db, youngPersonId: number): { bytes: Buffer; updatedAt: Date } {
	const row = db
		.select({ bytes: profilePhoto.bytes, updatedAt: profilePhoto.updatedAt })
		.from(profilePhoto)
		.where(eq(profilePhoto.youngPersonId, youngPersonId))
		.get();
	if (!row) throw new NotFoundError('photo', 'There is no photo.');
	return row;
}

export type LinkedSupporter = { id: number; name: string; email: string | null; linkedAt: Date };

/** The supporters who can see the profile. For the young person, linked supporters and admins. */
export function supporters(db: Db, actor: Actor, youngPersonId: number): LinkedSupporter[] {
	const resource = profileResource(db, youngPersonId);
	if (!can(actor, 'profiles.read', resource) && !can(actor, 'profiles.chooseSupporters', resource)) {
		throw new ForbiddenError();
	}
	return db
		.select({ id: user.id, name: user.name, email: user.email, linkedAt: profileSupporter.linkedAt })
		.from(profileSupporter)
		.innerJoin(user, eq(user.id, profileSupporter.supporterId))
		.where(eq(profileSupporter.youngPersonId, youngPersonId))
		.orderBy(asc(user.name))
		.all();
}

/**
 * The young person (or an admin) lets a supporter see the profile, found by their email. An admin
 * can never link themselves: another admin must (nobody grants themselves a way to a child's data).
 * An admin (not the young person) must have proved who they are in the last 15 minutes.
 * Throws NotFound, Forbidden, ConfirmIdentityError, ValidationError('not_a_supporter' or 'self_link') or ConflictError('already_linked').
 */
export function linkSupporter(db: Db, actor: Actor, youngPersonId: number, email: string, now = new Date()): LinkedSupporter {
	const resource = allow(db, actor, 'profiles.chooseSupporters', youngPersonId);
	const found = db
		.select({ id: user.id, name: user.name, email: user.email })
		.from(user)
		.innerJoin(userRole, and(eq(userRole.userId, user.id), eq(userRole.role, 'supporter')))
		.where(eq(user.email, email.trim().toLowerCase()))
		.get();
	if (!found) {
		throw new ValidationError('not_a_supporter', 'Nobody with that email is a supporter here. Check it with them, or ask an admin.');
	}
	if (found.id === actor!.id) {
		throw new ValidationError('self_link', 'You cannot add yourself. Another admin must add you, so nobody opens a profile on their own say.');
	}
	// an admin giving someone a way to a child's profile: as dangerous as giving a role
	if (actor!.id !== youngPersonId) requireRecentSignIn(actor, now);
	if (resource.linkedSupporterIds?.includes(found.id)) {
		throw new ConflictError('already_linked', `${found.name} can already see this profile.`);
	}
	return writeTransaction(db, (tx) => {
		tx.insert(profileSupporter).values({ youngPersonId, supporterId: found.id, linkedBy: actor!.id, linkedAt: now }).run();
		audit.record(tx, {
			actorId: actor!.id,
			action: 'profile.supporter_linked',
			subjectType: 'user',
			subjectId: youngPersonId,
			details: { supporterId: found.id },
			at: now
		});
		return { ...found, linkedAt: now };
	});
}

/**
 * The young person (or an admin) stops a supporter seeing the profile, at once; the share links
 * that supporter made for this profile stop working too (they were the supporter's way in).
 */
export function unlinkSupporter(db: Db, actor: Actor, youngPersonId: number, supporterId: number, now = new Date()): void {
	allow(db, actor, 'profiles.chooseSupporters', youngPersonId);
	writeTransaction(db, (tx) => {
		const gone = tx
			.delete(profileSupporter)
			.where(and(eq(profileSupporter.youngPersonId, youngPersonId), eq(profileSupporter.supporterId, supporterId)))
			.run();
		if (gone.changes === 0) throw new NotFoundError('supporter', 'That person could not see this profile.');
		const stopped = tx
			.update(profileShareLink)
			.set({ revokedAt: now })
			.where(
				and(
					eq(profileShareLink.youngPersonId, youngPersonId),
					eq(profileShareLink.createdBy, supporterId),
					isNull(profileShareLink.revokedAt)
				)
			)
			.run().changes;
		audit.record(tx, {
			actorId: actor!.id,
			action: 'profile.supporter_unlinked',
			subjectType: 'user',
			subjectId: youngPersonId,
			details: { supporterId, shareLinksStopped: stopped },
			at: now
		});
	});
}

export type SupportedYoungPerson = {
	id: number;
	name: string;
	yearGroup: string | null;
	hasPasscode: boolean;
	/** When the card locked after too many wrong pictures; null while it works. */
	lockedAt: Date | null;
	updatedAt: Date;
	reviewedAt: Date | null;
	items: number;
};

/** The young people a supporter is linked to, by name. Throws ForbiddenError. */
export function supportedYoungPeople(db: Db, actor: Actor): SupportedYoungPerson[] {
	if (!can(actor, 'profiles.support')) throw new ForbiddenError();
	return db
		.select({
			id: youngPerson.userId,
			name: user.name,
			yearGroup: youngPerson.yearGroup,
			hasPasscode: sql<number>`${youngPerson.passcodeHash} IS NOT NULL`.mapWith(Boolean),
			lockedAt: youngPerson.lockedAt,
			updatedAt: profile.updatedAt,
			reviewedAt: profile.reviewedAt,
			items: sql<number>`(SELECT count(*) FROM ${profileItem} WHERE ${profileItem.youngPersonId} = ${youngPerson.userId})`
		})
		.from(profileSupporter)
		.innerJoin(youngPerson, eq(youngPerson.userId, profileSupporter.youngPersonId))
		.innerJoin(user, eq(user.id, youngPerson.userId))
		.innerJoin(profile, eq(profile.youngPersonId, youngPerson.userId))
		.where(eq(profileSupporter.supporterId, actor!.id))
		.orderBy(asc(user.name))
		.all();
}
