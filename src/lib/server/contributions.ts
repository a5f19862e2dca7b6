/**
 * What a feature gives the features that work across all of them: a person's data download and
 * erasure (privacy), the retention job (retention) and the demo data (seed).
 *
 * Each feature that holds such data says what it holds in its own `contributes.ts`, and
 * `registry.ts` lists every feature's contribution. Privacy, retention and seed go through that
 * list and never name another feature's tables, so the rules about a table live beside it: a
 * feature that adds a column pointing at a person adds its download rows and erasure step in the
 * same folder (decision 0043).
 *
 * This file is core: the contracts only, so features can depend on it without depending on
 * privacy or retention (which depend on every feature through the registry).
 */
import { lt } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';
import type { Actor } from './permissions';
import type { Locale } from '$lib/paraglide/runtime';
import type { Role } from '$lib/roles';
import { londonDate, DAY_MS } from '$lib/time';

/* ------------------------------------------------------------------------------------------ */
/* A person's data download                                                                    */
/* ------------------------------------------------------------------------------------------ */

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/**
 * Runs a read-only SQL query and returns its rows. Parameters go by position (`?`), or by name
 * from one object (`:me` from `{ me: id }`).
 */
export type Query = (sql: string, ...params: unknown[]) => Record<string, unknown>[];

/**
 * How one column of a download row is made: from a row its kind's query found, and the person's
 * id (so a column can say "you" where the row points at the person). `show` makes the usual ones.
 */
export type Shown = (row: Record<string, unknown>, me: number) => Cell;

/**
 * One kind of record in "My data": its plain name (its CSV file is named after it), what it is
 * (for the README), the table its rows come from (the tests count them there), the read-only
 * query that finds the person's rows (`:me` is their user id), and the columns the person sees,
 * in order, each made from a row of the query. Kinds that share a table never hold the same row
 * twice.
 *
 * `personColumns` names the columns of that table that point at a person and whose rows this
 * kind shows, each with what erasure does with those rows. Every such column in the database is
 * declared once, on the kind that shows its rows (a test compares them with the database's
 * foreign keys, decision 0038). A kind whose rows are reached through another kind's rows (the
 * answers of a survey response) declares none: they go with that kind's column.
 */
export type PersonalDataKind = { name: string; table: string; about: string; sql: string; show: Record<string, Shown>; personColumns?: Record<string, EraseHandling> };

/** A file of the person's own in "My data", beside the CSV files (a profile photo). */
export type PersonalFile = { name: string; about: string; bytes: Uint8Array };

/** Values as "My data" shows them: times in ISO form, days as London dates, yes or no. */
const as = {
	iso: (ms: unknown): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null),
	day: (ms: unknown): string | null => (typeof ms === 'number' ? londonDate(new Date(ms)) : null),
	yes: (value: unknown): string => (value ? 'yes' : 'no'),
	text: (value: unknown): string | null => (value === null || value === undefined ? null : String(value)),
	num: (value: unknown): number | null => (typeof value === 'number' ? value : null)
};

/** A download column that shows one column of the query's row as `format` does. */
const column = (format: (value: unknown) => Cell) => (name: string): Shown => (row) => format(row[name]);

/** The columns of "My data", each made from the query's column(s) it names. */
export const show = {
	iso: column(as.iso),
	day: column(as.day),
	yes: column(as.yes),
	text: column(as.text),
	num: column(as.num),
	/** "yes" where `name` is the person ("you started it"). */
	isMe: (name: string): Shown => (row, me) => as.yes(row[name] === me),
	/** "you" where `name` is the person, else the name in `nameColumn`, else `nobody` (a writer since erased). */
	youOr: (name: string, nameColumn: string, nobody: string | null = null): Shown => (row, me) => (row[name] === me ? 'you' : (as.text(row[nameColumn]) ?? nobody))
};

/* ------------------------------------------------------------------------------------------ */
/* Erasure                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** What erasure does with the rows whose column names the person. */
export type EraseHandling =
	/** The row is the person's own: it goes. */
	| 'delete'
	/** The row stays for others (minutes, answers on the board, a report's comment...) without the link. */
	| 'unlink'
	/** The row stays for the safeguarding leads with the link gone and the person's words replaced. */
	| 'unlink and blank the words';

/** A name or email as erasure compares it: Unicode-normalised, spaces folded, lower case. */
export function squash(s: string): string {
	return s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** What a person's words become where they stay for others after erasure. */
export const ERASED_TEXT = '[erased]';

/** What one feature's erasure step works with, inside the one erasure transaction. */
export type EraseContext = {
	tx: Db;
	/** The person being erased (their email in lower case). */
	person: { id: number; name: string; email: string | null };
	/** The erasure's random reference: it stands in for the person's id where a record must keep one. */
	reference: string;
	/** Runs a statement; returns how many rows it changed. */
	run: (sql: string, ...params: unknown[]) => number;
	all: <T>(sql: string, ...params: unknown[]) => T[];
	/** Runs a statement that deletes the person's rows from `table`, and counts them. */
	del: (table: string, sql: string, ...params: unknown[]) => void;
	/** Runs a statement that keeps rows of `table` for others without the link (or the words), and counts them. */
	unlink: (table: string, sql: string, ...params: unknown[]) => void;
	/**
	 * Carries out what its download kind's `personColumns` decided for each column ("table.column"),
	 * in the order given: 'delete' deletes the rows that point at the person, 'unlink' sets the
	 * column to null; counted as `del` and `unlink` count. So the decision is written once, where it
	 * is declared. A column that needs more (its words blanked, a name put in) has its own statement.
	 */
	asDecided: (...columns: string[]) => void;
	/**
	 * The person's words that others copied and that go with them: survey answers quoted in a
	 * report. The surveys step adds them; the reports step blanks them in frozen reports.
	 */
	quotedWords: Set<string>;
};

/* ------------------------------------------------------------------------------------------ */
/* Retention                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** How long each kind of personal data is kept, in days (0 = for ever): part of the area's settings. */
export type RetentionSettings = {
	/** Contact details given with direct feedback, counted from the day it was received. */
	retainFeedbackContactDays: number;
	/** Free-text answers of a survey, counted from the day it closed. */
	retainClosedSurveyTextDays: number;
	/** Profiles (and accounts) of young people who have not signed in for this long. */
	retainInactiveProfileDays: number;
	/** The record of each opening of a profile share link. */
	retainShareOpenDays: number;
	/** Audit log entries. */
	retainAuditDays: number;
};

/** What a feature's retention step works with, inside the retention job's one transaction. */
export type RetentionContext = {
	tx: Db;
	now: Date;
	settings: RetentionSettings;
};

/** The moment `days` days before `now`: things older than this have expired. */
export function cutoffTime(now: Date, days: number): number {
	return now.getTime() - days * DAY_MS;
}

/** The London date `days` days before `now`: days before this one have expired. */
export function cutoffDay(now: Date, days: number): string {
	return londonDate(new Date(cutoffTime(now, days)));
}

/**
 * Deletes the rows of `table` whose time `column` is more than `days` days before `now`, and
 * returns how many; none when `days` is 0 (kept for ever).
 */
export function deleteOlderThan(tx: Db, table: SQLiteTable, column: SQLiteColumn, days: number, now: Date): number {
	return days > 0 ? tx.delete(table).where(lt(column, new Date(cutoffTime(now, days)))).run().changes : 0;
}

/** What replaces words removed by retention, where the record they were in stays. */
export function removedMarker(days: number): string {
	return `[removed after ${days} days]`;
}

/** Words already removed by an earlier run (whatever the setting was then), as a LIKE pattern. */
export const REMOVED_PATTERN = '[removed after %';

/* ------------------------------------------------------------------------------------------ */
/* Events told by email (the outbox, decision 0048)                                            */
/* ------------------------------------------------------------------------------------------ */

/** An email's words, in one language: the outbox lays them out as plain text and as HTML. */
export type EmailContent = {
	subject: string;
	/** Plain paragraphs, in the order they are read. */
	paragraphs: string[];
	/** The one thing to do, as a link to a page of this site (a path: the outbox adds the origin). */
	action?: { label: string; path: string };
	/** Links to read, as a list (a weekly digest's changes), each to a page of this site. */
	links?: { label: string; path: string }[];
	/** Why this person gets this email, for the foot of it (a subscriber's email says why from their subscription). */
	because: string;
};

/**
 * One list of who is told about an event, read a page at a time: the ids above `after`, in
 * increasing order, at most `limit` of them.
 */
export type RecipientList = {
	/** People with accounts (user ids), or subscribers without one (subscriber ids). */
	to: 'person' | 'subscriber';
	/** Hold these deliveries for the weekly digest (the subscribers who asked for one email a week). */
	digest?: boolean;
	ids: (db: Db, subjectId: string | null, after: number, limit: number) => number[];
};

/**
 * One kind of event a feature emits (`outbox.emit`) and how its emails are made. The outbox reads
 * these and nothing else of the feature, so it names no other feature's tables.
 */
export type EventKind = {
	/** What happened, in a few words for admins (the emails page) and for the people who get it. */
	name: () => string;
	/**
	 * Who may turn these emails off (on "Emails we send you"), by role; absent when nobody may
	 * (a safeguarding lead's, while they hold the role).
	 */
	choice?: { roles: readonly Role[] };
	/**
	 * Who is told: lists of people or subscribers, each read a page at a time. Read when the worker
	 * expands the event, not when it is emitted, so an event reaching 10,000 people costs its change
	 * one row.
	 */
	recipients: RecipientList[];
	/**
	 * The email in `locale`, read when it is sent; null when there is nothing to tell any more (the
	 * thing it was about has gone), and the delivery is dropped.
	 */
	message: (db: Db, subjectId: string | null, locale: Locale) => EmailContent | null;
};

/* ------------------------------------------------------------------------------------------ */
/* What needs a person (their home page's "What needs you")                                    */
/* ------------------------------------------------------------------------------------------ */

/** How soon something needs doing, most urgent first: late, due within a week, waiting with no day set. */
export const URGENCIES = ['overdue', 'due_soon', 'waiting'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * One count on a person's home page: how many things of one kind wait for them, said in one plain
 * sentence in the reader's language ("3 answers are overdue"), linked to the page where they are
 * dealt with (filtered to them where that page can be). Only counts above 0: the page says so
 * when nothing waits.
 */
export type Need = { id: string; count: number; text: string; href: string; urgency: Urgency };

/* ------------------------------------------------------------------------------------------ */
/* A feature's contribution                                                                    */
/* ------------------------------------------------------------------------------------------ */

export type Contribution<RetentionKind extends string = string> = {
	/** The feature's folder name. */
	feature: string;
	/**
	 * The kinds of record "My data" gives a person, in the order its README lists them; between
	 * them they declare every column of the feature's tables that points at a person.
	 */
	personalData?: PersonalDataKind[];
	/** The person's own files for "My data" (read with the same query function, `id` being their user id). */
	personalFiles?: (q: Query, id: number) => PersonalFile[];
	/** Erases the person from the feature's tables: deletes what is theirs, unlinks what stays for others. */
	erase?: (ctx: EraseContext) => void;
	/** Deletes or anonymises what the area's settings no longer allow; returns counts by kind (numbers only). */
	retention?: { kinds: readonly RetentionKind[]; run: (ctx: RetentionContext) => Record<RetentionKind, number> };
	/** The events the feature emits, by kind ('feature.what_happened'), and who is told how. */
	events?: Record<string, EventKind>;
	/**
	 * What waits for this person in the feature, as counts (`Need`): the feature checks what the
	 * person may see and act on, so a count never tells anyone about what they may not see.
	 */
	needsYou?: (db: Db, actor: NonNullable<Actor>, now: Date) => Need[];
	/** Adds the feature's demo data where its tables are empty; may return counts of what it added. */
	seed?: (db: Db, now: Date) => void | Record<string, number> | Promise<void | Record<string, number>>;
};
