/**
 * Review by the community (decision 0058): admins download a language's messages as a sheet
 * for a translator and upload it back; what is uploaded is kept per language and sheet row with
 * its status (draft or reviewed), and takes effect on the next page through the override
 * registry ($lib/i18n-overrides). The language menu shows each language's reviewed share.
 */
import { and, eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../db';
import { translation } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, NotFoundError } from '../errors';
import * as audit from '../audit';
import type { CsvCell } from '../csv';
import { installOverrides } from '$lib/i18n-overrides';
import type { MessageText, Status } from '$lib/features/translations/model';
import { publicKeys, REVIEWED_LANGUAGES, rowKeysOf } from './catalogue';
import { messageText, previewSheet, readSheet, sheetRows, type SheetPreview, type Uploaded } from './sheet';

function allowed(actor: Actor, locale: string): void {
	if (!can(actor, 'translations.manage')) throw new ForbiddenError();
	if (!REVIEWED_LANGUAGES.includes(locale as never)) throw new NotFoundError('language_not_found');
}

/** A language's uploaded texts by sheet row. */
function uploadedOf(db: Db, locale: string): Map<string, { text: string; status: Status }> {
	const rows = db.select({ rowKey: translation.rowKey, text: translation.text, status: translation.status }).from(translation).where(eq(translation.locale, locale)).all();
	return new Map(rows.map((r) => [r.rowKey, { text: r.text, status: r.status as Status }]));
}

/* ---- what pages read often: cached per database, forgotten after every upload ---- */

type Cached = { shares: Record<string, number>; overrides: Record<string, Record<string, MessageText>> };
const cache = new WeakMap<Db, Cached>();

function build(db: Db): Cached {
	const shares: Record<string, number> = {};
	const overrides: Record<string, Record<string, MessageText>> = {};
	const outsideStaff = publicKeys();
	for (const locale of REVIEWED_LANGUAGES) {
		const uploaded = uploadedOf(db, locale);
		const keys = new Set([...uploaded.keys()].map((row) => row.split('#')[0]));
		overrides[locale] = Object.fromEntries([...keys].map((key) => [key, messageText(locale, key, uploaded)]));
		const reviewed = outsideStaff.filter((key) => keys.has(key) && rowKeysOf(locale, key).every((row) => uploaded.get(row)?.status === 'reviewed')).length;
		shares[locale] = outsideStaff.length ? Math.floor((100 * reviewed) / outsideStaff.length) : 0;
	}
	return { shares, overrides };
}

function cached(db: Db): Cached {
	let found = cache.get(db);
	if (!found) cache.set(db, (found = build(db)));
	return found;
}

/**
 * Each language's reviewed share, a whole percentage (rounded down, so 100 means every one):
 * of the messages people outside the staff area see, how many are reviewed in that language
 * (every one of its rows uploaded with the status "reviewed"). Not English.
 */
export function reviewedShares(db: Db): Readonly<Record<string, number>> {
	return cached(db).shares;
}

/** A language's uploaded texts (key → text), for staff pages that run in the browser to fill their registry. */
export function overridesFor(db: Db, locale: string): Readonly<Record<string, MessageText>> {
	return cached(db).overrides[locale] ?? {};
}

/** Fills the override registry from the database: at start, and after every upload. */
export function loadOverrides(db: Db): void {
	cache.delete(db);
	for (const [locale, texts] of Object.entries(cached(db).overrides)) installOverrides(locale, texts);
}

/* ---- the admins' use cases ---- */

/** The languages a translator reviews, with their reviewed share. Throws ForbiddenError. */
export function languages(db: Db, actor: Actor): { locale: string; reviewed: number }[] {
	if (!can(actor, 'translations.manage')) throw new ForbiddenError();
	const shares = reviewedShares(db);
	return REVIEWED_LANGUAGES.map((locale) => ({ locale, reviewed: shares[locale] }));
}

/** A language's sheet: key, English, current text, status. Throws ForbiddenError, NotFoundError. */
export function download(db: Db, actor: Actor, locale: string): CsvCell[][] {
	allowed(actor, locale);
	return sheetRows(locale, uploadedOf(db, locale));
}

/** What an uploaded sheet would change, row by row, with every problem. Saves nothing. Throws ForbiddenError, NotFoundError. */
export function preview(db: Db, actor: Actor, locale: string, file: Uint8Array): SheetPreview {
	allowed(actor, locale);
	return previewSheet(locale, readSheet(file), uploadedOf(db, locale));
}

/**
 * Saves every change of an uploaded sheet, or nothing when any row has a problem (checked again
 * here), records the upload in the audit log and puts the new texts in effect. Returns the
 * preview it acted on and how many rows it saved. Throws ForbiddenError, NotFoundError.
 */
export function upload(db: Db, actor: Actor, locale: string, file: Uint8Array, now = new Date()): { saved: number; preview: SheetPreview } {
	allowed(actor, locale);
	const result = writeTransaction(db, (tx) => {
		const found = previewSheet(locale, readSheet(file), uploadedOf(tx, locale));
		if (found.problems > 0 || found.fileProblem || found.changes.length === 0) return { saved: 0, preview: found };
		for (const change of found.changes) {
			const row = { locale, rowKey: change.key, text: change.after, status: change.statusAfter, updatedBy: actor!.id, updatedAt: now };
			tx.insert(translation)
				.values(row)
				.onConflictDoUpdate({ target: [translation.locale, translation.rowKey], set: { text: row.text, status: row.status, updatedBy: row.updatedBy, updatedAt: now } })
				.run();
		}
		audit.record(tx, {
			actorId: actor!.id,
			action: 'translations.uploaded',
			subjectType: 'language',
			subjectId: locale,
			details: {
				rows: found.changes.length,
				textsChanged: found.changes.filter((c) => c.before !== c.after).length,
				nowReviewed: found.changes.filter((c) => c.statusAfter === 'reviewed' && c.statusBefore !== 'reviewed').length,
				nowDraft: found.changes.filter((c) => c.statusAfter === 'draft' && c.statusBefore !== 'draft').length
			},
			at: now
		});
		return { saved: found.changes.length, preview: found };
	});
	if (result.saved > 0) loadOverrides(db);
	return result;
}

/** One row's stored text and status, or undefined (for tests and the admin page). */
export function stored(db: Db, locale: string, row: string): { text: string; status: Status } | undefined {
	const found = db.select().from(translation).where(and(eq(translation.locale, locale), eq(translation.rowKey, row))).get();
	return found ? { text: found.text, status: found.status as Status } : undefined;
}

export type { Uploaded };
