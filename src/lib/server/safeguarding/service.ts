/**
 * Safeguarding flags: free text from surveys, feedback, profiles and young people's messages is
 * checked on save against a list of phrases; a match raises a flag for the safeguarding leads.
 * The text itself is saved as usual. This is a triage aid for people, never detection.
 *
 * Only safeguarding leads see flags; opening one and reviewing one are audited (without the text:
 * the audit log never holds free text).
 */
import { and, asc, desc, eq, isNotNull, isNull, like, not, sql, type SQL } from 'drizzle-orm';
import { FLAG_OUTCOMES, PHRASE_CATEGORIES, type FlagOutcome, type FlagSource, type PhraseCategory } from '$lib/features/safeguarding/model';
import { addWorkingDays, londonDate } from '$lib/time';
import { writeTransaction, type Db } from '../db';
import { safeguardingFlag, safeguardingPhrase, user } from '../db/schema';
import { can, requireRecentSignIn, type Actor } from '../permissions';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as outbox from '../outbox';
import { FLAG_OVERDUE, FLAG_RAISED } from './events';
import { unorderedId } from '../auth/tokens';
import * as settings from '../settings';
import { REMOVED_PATTERN, type Need } from '../contributions';
import { m } from '$lib/paraglide/messages';
import { BUILT_IN_PHRASES } from './phrases';
import { makeMatcher, normalise, type Match, type Phrase } from './matcher';

export { BUILT_IN_PHRASES } from './phrases';
export { makeMatcher, normalise } from './matcher';

/** What the feature saving the text tells us about it. */
export type FlagInput = {
	source: FlagSource;
	/** The answer, feedback or item id; null for a message. */
	sourceId: string | number | null;
	/** The person it is from or about, when known; never for anonymous answers. */
	personId: number | null;
	text: string;
	/** Where it was written, in words a lead understands ("survey": "...", "question": "..."). */
	context?: Record<string, string>;
};

/** The built-in phrases as a list. */
export function builtInPhrases(): Phrase[] {
	return PHRASE_CATEGORIES.flatMap((category) => BUILT_IN_PHRASES[category].map((phrase) => ({ phrase, category })));
}

let cached: { key: string; match: (text: string) => Match[] } | null = null;

/** The matcher for the built-in phrases plus the leads' own; compiled again only when those change. */
function matcherFor(db: Db): (text: string) => Match[] {
	const extra = db.select({ phrase: safeguardingPhrase.phrase, category: safeguardingPhrase.category }).from(safeguardingPhrase).orderBy(asc(safeguardingPhrase.id)).all();
	const key = JSON.stringify(extra);
	if (cached?.key !== key) cached = { key, match: makeMatcher([...builtInPhrases(), ...extra]) };
	return cached.match;
}

/** The phrases found in a text (for tests and the phrase page's "try a sentence"). */
export function findPhrases(db: Db, text: string): Match[] {
	return matcherFor(db)(text);
}

export const TRY_MAX = 500;

/**
 * "Try a sentence" on the phrase page: the phrases a lead's sample text matches, so leads can check
 * the list. Nothing is saved or flagged. Throws ForbiddenError.
 */
export function tryText(db: Db, actor: Actor, text: string): Match[] {
	mustReview(actor);
	return findPhrases(db, text.slice(0, TRY_MAX));
}

/** The built-in phrases grouped by kind of worry, for the phrase page. Throws ForbiddenError. */
export function builtInByCategory(actor: Actor): { category: PhraseCategory; phrases: readonly string[] }[] {
	mustReview(actor);
	return PHRASE_CATEGORIES.map((category) => ({ category, phrases: BUILT_IN_PHRASES[category] }));
}

/**
 * Saves a flag and tells the leads by email (the outbox sends it within seconds). The event names
 * no flag: the email says only that a flag is waiting, and the outbox keeps no link from a time to
 * an anonymous answer.
 */
function insertFlag(db: Db, input: FlagInput, categories: PhraseCategory[], now: Date): number {
	outbox.emit(db, FLAG_RAISED, null, now);
	return db
		.insert(safeguardingFlag)
		.values({
			// random, not the next number: flags on anonymous answers sit among flags that name people,
			// and a numbered flag would place the answer right after its author's (see unorderedId)
			id: unorderedId(),
			source: input.source,
			sourceId: input.sourceId === null ? null : String(input.sourceId),
			personId: input.personId,
			text: input.text,
			context: JSON.stringify(input.context ?? {}),
			categories: JSON.stringify(categories),
			raisedOn: londonDate(now)
		})
		.returning({ id: safeguardingFlag.id })
		.get().id;
}

/**
 * Checks a text that is being saved and raises a flag when a phrase matches. Call it inside the
 * transaction that saves the text, with that transaction. Returns the flag id, or null.
 */
export function raiseIfWorrying(db: Db, input: FlagInput, now = new Date()): number | null {
	if (!input.text.trim()) return null;
	const found = matcherFor(db)(input.text);
	if (found.length === 0) return null;
	const categories = PHRASE_CATEGORIES.filter((c) => found.some((f) => f.category === c));
	return insertFlag(db, input, categories, now);
}

export const MESSAGE_MAX = 2000;

/**
 * "I'm worried about something": a signed-in person sends a message straight to the safeguarding
 * leads. It always makes a flag, whatever it says. Returns the flag id.
 * Throws ForbiddenError (visitors), ValidationError 'empty' or 'too_long'.
 */
export function tell(db: Db, actor: Actor, text: string, now = new Date()): number {
	if (!can(actor, 'safeguarding.tell')) throw new ForbiddenError();
	const clean = text.trim();
	if (!clean) throw new ValidationError('empty', 'Write what you are worried about.');
	if (clean.length > MESSAGE_MAX) throw new ValidationError('too_long', `Please keep it under ${MESSAGE_MAX} letters.`);
	return writeTransaction(db, (tx) => {
		const found = matcherFor(tx)(clean);
		const categories = PHRASE_CATEGORIES.filter((c) => found.some((f) => f.category === c));
		const id = insertFlag(tx, { source: 'message', sourceId: null, personId: actor!.id, text: clean }, categories, now);
		audit.record(tx, { actorId: actor!.id, action: 'safeguarding.message_sent', subjectType: 'safeguarding_flag', subjectId: id, at: now });
		return id;
	});
}

/** A flag is overdue once the day it was due to be reviewed by has ended without a review. */
function dueAndOverdue(raisedOn: string, reviewed: boolean, workingDays: number, now: Date) {
	const dueOn = addWorkingDays(raisedOn, workingDays);
	return { dueOn, overdue: !reviewed && londonDate(now) > dueOn };
}

function mustReview(actor: Actor): asserts actor is NonNullable<Actor> {
	if (!can(actor, 'safeguarding.review')) throw new ForbiddenError();
}

export type QueueRow = {
	id: number;
	source: FlagSource;
	categories: PhraseCategory[];
	raisedOn: string;
	dueOn: string;
	overdue: boolean;
	/** Whether anything is known of who wrote it. */
	personKnown: boolean;
	reviewedAt: Date | null;
	outcome: FlagOutcome | null;
};

/**
 * The leads' queue without the texts (a text is read by opening its flag, which is audited):
 * waiting flags oldest first, or reviewed ones newest first. Throws ForbiddenError.
 */
export function queue(db: Db, actor: Actor, which: 'waiting' | 'reviewed' = 'waiting', now = new Date()): QueueRow[] {
	mustReview(actor);
	const days = settings.get(db).safeguardingReviewWorkingDays;
	const rows = db
		.select()
		.from(safeguardingFlag)
		.where(which === 'waiting' ? isNull(safeguardingFlag.reviewedAt) : isNotNull(safeguardingFlag.reviewedAt))
		.orderBy(...(which === 'waiting' ? [asc(safeguardingFlag.raisedOn), asc(safeguardingFlag.id)] : [desc(safeguardingFlag.reviewedAt)]))
		.limit(which === 'waiting' ? 1000 : 200)
		.all();
	return rows.map((r) => ({
		id: r.id,
		source: r.source,
		categories: JSON.parse(r.categories) as PhraseCategory[],
		raisedOn: r.raisedOn,
		...dueAndOverdue(r.raisedOn, r.reviewedAt !== null, days, now),
		personKnown: r.personId !== null || r.source === 'feedback',
		reviewedAt: r.reviewedAt,
		outcome: r.outcome
	}));
}

/**
 * Tells the leads again about each flag that has become overdue (once a flag: `outbox.emitOnce`),
 * run every hour by the server. The email names no flag. Returns how many it emitted.
 */
export function remindAboutFlags(db: Db, now = new Date()): number {
	const days = settings.get(db).safeguardingReviewWorkingDays;
	return writeTransaction(db, (tx) => {
		let emitted = 0;
		for (const flag of tx.select({ id: safeguardingFlag.id, raisedOn: safeguardingFlag.raisedOn }).from(safeguardingFlag).where(isNull(safeguardingFlag.reviewedAt)).all()) {
			if (dueAndOverdue(flag.raisedOn, false, days, now).overdue && outbox.emitOnce(tx, FLAG_OVERDUE, null, `flag-overdue:${flag.id}`, now)) emitted++;
		}
		return emitted;
	});
}

/**
 * How many flags are waiting, and how many of those are overdue (for the leads' queue and home
 * page): every one, counted by the day it was raised (the queue shows at most 1000). Nothing
 * for anyone who is not a lead.
 */
export function waiting(db: Db, actor: Actor, now = new Date()): { waiting: number; overdue: number } {
	if (!can(actor, 'safeguarding.review')) return { waiting: 0, overdue: 0 };
	const days = settings.get(db).safeguardingReviewWorkingDays;
	const byDay = db
		.select({ raisedOn: safeguardingFlag.raisedOn, n: sql<number>`count(*)` })
		.from(safeguardingFlag)
		.where(isNull(safeguardingFlag.reviewedAt))
		.groupBy(safeguardingFlag.raisedOn)
		.all();
	return {
		waiting: byDay.reduce((sum, d) => sum + d.n, 0),
		overdue: byDay.filter((d) => dueAndOverdue(d.raisedOn, false, days, now).overdue).reduce((sum, d) => sum + d.n, 0)
	};
}

/**
 * The leads' counts for their home page: flags overdue for review, and the others waiting.
 * Counts only: never a word of a flag, where it was written or who wrote it.
 */
export function needsYou(db: Db, actor: NonNullable<Actor>, now = new Date()): Need[] {
	const counts = waiting(db, actor, now);
	const notYetDue = counts.waiting - counts.overdue;
	return [
		{ id: 'safeguarding.overdue', count: counts.overdue, text: m.safeguarding_needs_overdue({ count: counts.overdue }), href: '/safeguarding', urgency: 'overdue' },
		{ id: 'safeguarding.waiting', count: notYetDue, text: m.safeguarding_needs_waiting({ count: notYetDue }), href: '/safeguarding', urgency: 'waiting' }
	];
}

/** What can be known of the person: nothing (anonymous), an account, or contact details they gave. */
export type FlagPerson = { name: string | null; email: string | null; phone?: string | null; accountId: number | null } | null;

export type FlagView = QueueRow & {
	text: string;
	context: Record<string, string>;
	person: FlagPerson;
	reviewedBy: string | null;
	reviewNote: string | null;
};

/**
 * Opens a flag: its text, where it was written and what is known of the person. Records the
 * opening in the audit log. `contactOf` gives feedback's contact details (from the feedback
 * service, so this feature reads no other's tables). Opening a flag is a dangerous step: the lead
 * must have proved who they are in the last 15 minutes.
 * Throws ForbiddenError, ConfirmIdentityError, NotFoundError.
 */
export function open(
	db: Db,
	actor: Actor,
	id: number,
	contactOf: (feedbackId: number) => FlagPerson,
	now = new Date()
): FlagView {
	mustReview(actor);
	requireRecentSignIn(actor, now);
	const row = db.select().from(safeguardingFlag).where(eq(safeguardingFlag.id, id)).get();
	if (!row) throw new NotFoundError('flag', 'There is no such flag.');
	const days = settings.get(db).safeguardingReviewWorkingDays;
	let person: FlagPerson = null;
	if (row.personId !== null) {
		const who = db.select({ name: user.name, email: user.email }).from(user).where(eq(user.id, row.personId)).get();
		person = who ? { name: who.name, email: who.email, accountId: row.personId } : null;
	} else if (row.source === 'feedback' && row.sourceId !== null) {
		person = contactOf(Number(row.sourceId));
	}
	const reviewer = row.reviewedBy === null ? null : db.select({ name: user.name }).from(user).where(eq(user.id, row.reviewedBy)).get();
	audit.record(db, { actorId: actor.id, action: 'safeguarding.flag_opened', subjectType: 'safeguarding_flag', subjectId: id, at: now });
	return {
		id: row.id,
		source: row.source,
		categories: JSON.parse(row.categories) as PhraseCategory[],
		raisedOn: row.raisedOn,
		...dueAndOverdue(row.raisedOn, row.reviewedAt !== null, days, now),
		personKnown: person !== null,
		reviewedAt: row.reviewedAt,
		outcome: row.outcome,
		text: row.text,
		context: JSON.parse(row.context) as Record<string, string>,
		person,
		reviewedBy: reviewer?.name ?? (row.reviewedAt ? 'a former lead' : null),
		reviewNote: row.reviewNote
	};
}

export const REVIEW_NOTE_MAX = 4000;

/**
 * Marks a flag reviewed with an outcome and a note (kept with the flag, not in the audit log).
 * Throws ForbiddenError, NotFoundError, ValidationError ('outcome', 'note_required', 'note_too_long'),
 * ConflictError 'already_reviewed'.
 */
export function review(db: Db, actor: Actor, id: number, input: { outcome: string; note: string }, now = new Date()): void {
	mustReview(actor);
	if (!(FLAG_OUTCOMES as readonly string[]).includes(input.outcome)) throw new ValidationError('outcome', 'Choose what you decided.');
	const note = input.note.trim();
	if (!note) throw new ValidationError('note_required', 'Write a short note of what you did and why.');
	if (note.length > REVIEW_NOTE_MAX) throw new ValidationError('note_too_long', `Please keep the note under ${REVIEW_NOTE_MAX} letters.`);
	writeTransaction(db, (tx) => {
		const row = tx.select({ reviewedAt: safeguardingFlag.reviewedAt }).from(safeguardingFlag).where(eq(safeguardingFlag.id, id)).get();
		if (!row) throw new NotFoundError('flag', 'There is no such flag.');
		if (row.reviewedAt) throw new ConflictError('already_reviewed', 'Another lead has already reviewed this flag.');
		tx.update(safeguardingFlag)
			.set({ reviewedAt: now, reviewedBy: actor.id, outcome: input.outcome as FlagOutcome, reviewNote: note })
			.where(eq(safeguardingFlag.id, id))
			.run();
		audit.record(tx, {
			actorId: actor.id,
			action: 'safeguarding.flag_reviewed',
			subjectType: 'safeguarding_flag',
			subjectId: id,
			details: { outcome: input.outcome },
			at: now
		});
	});
}

/** The leads' own phrases, added to the built-in list. Throws ForbiddenError. */
export function localPhrases(db: Db, actor: Actor) {
	mustReview(actor);
	return db.select().from(safeguardingPhrase).orderBy(asc(safeguardingPhrase.phrase)).all();
}

/**
 * Adds a local phrase. Throws ForbiddenError, ValidationError ('category', 'phrase_short',
 * 'phrase_long'), ConflictError 'phrase_exists'.
 */
export function addPhrase(db: Db, actor: Actor, phrase: string, category: string, now = new Date()): number {
	mustReview(actor);
	if (!(PHRASE_CATEGORIES as readonly string[]).includes(category)) throw new ValidationError('category', 'Choose what kind of worry it may point to.');
	const clean = normalise(phrase);
	if (clean.replace(/[\s*]/g, '').length < 3) throw new ValidationError('phrase_short', 'Write a word or phrase of 3 letters or more.');
	if (clean.length > 80) throw new ValidationError('phrase_long', 'Keep a phrase under 80 letters.');
	return writeTransaction(db, (tx) => {
		const exists = builtInPhrases().some((p) => normalise(p.phrase) === clean) || tx.select({ id: safeguardingPhrase.id }).from(safeguardingPhrase).where(eq(safeguardingPhrase.phrase, clean)).get();
		if (exists) throw new ConflictError('phrase_exists', 'That phrase is already on the list.');
		const { id } = tx
			.insert(safeguardingPhrase)
			.values({ phrase: clean, category: category as PhraseCategory, addedBy: actor.id, addedAt: now })
			.returning({ id: safeguardingPhrase.id })
			.get();
		audit.record(tx, { actorId: actor.id, action: 'safeguarding.phrase_added', subjectType: 'safeguarding_phrase', subjectId: id, details: { category }, at: now });
		return id;
	});
}

/** Removes a local phrase. Throws ForbiddenError, NotFoundError. */
export function removePhrase(db: Db, actor: Actor, id: number, now = new Date()): void {
	mustReview(actor);
	writeTransaction(db, (tx) => {
		const gone = tx.delete(safeguardingPhrase).where(eq(safeguardingPhrase.id, id)).run().changes;
		if (!gone) throw new NotFoundError('phrase', 'That phrase is no longer on the list.');
		audit.record(tx, { actorId: actor.id, action: 'safeguarding.phrase_removed', subjectType: 'safeguarding_phrase', subjectId: id, at: now });
	});
}

/** How many flags there are in all (the demo seed checks it has not run; tests). */
export function flagCount(db: Db): number {
	return db.select({ n: sql<number>`count(*)` }).from(safeguardingFlag).get()!.n;
}

/**
 * Retention: the feature whose words a flag copied has removed them (survey answers of a closed
 * survey, an inactive young person's profile items). The flags keep their review, categories and
 * context, and their copy of the words becomes `marker`. `sourceIds` is a subquery giving the
 * removed records' ids as text. Flags emptied by an earlier run are left alone. Returns how many
 * flags lost their words.
 */
export function removeWordsOf(tx: Db, source: Exclude<FlagSource, 'message'>, sourceIds: SQL, marker: string): number {
	return tx
		.update(safeguardingFlag)
		.set({ text: marker })
		.where(and(eq(safeguardingFlag.source, source), not(like(safeguardingFlag.text, REMOVED_PATTERN)), sql`${safeguardingFlag.sourceId} in (${sourceIds})`))
		.run().changes;
}
