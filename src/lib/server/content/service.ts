/**
 * Content translations: public texts (board items, "we did") in the languages the area offers.
 * Who may translate is decided here; whether the subject exists and may be seen is decided by
 * the feature that owns it, before its route calls in (this feature imports none of them).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { CONTENT_SUBJECTS, CONTENT_TEXT_MAX, type ContentSubject } from '$lib/features/content/model';
import { normaliseText } from '$lib/text';
import { writeTransaction, type Db } from '../db';
import { contentTranslation } from '../db/schema';
import { can, type Actor } from '../permissions';
import { ForbiddenError, ValidationError } from '../errors';
import * as audit from '../audit';
import * as settings from '../settings';

/** Field → text, for one subject (fields are checked against CONTENT_SUBJECTS when saved). */
export type Texts = Record<string, string>;

/** The languages the area offers for content, in the admins' order. */
export function offeredLanguages(db: Db): string[] {
	return [...settings.get(db).contentLanguages];
}

/** The translated texts of some subjects in one language: subject id → field → text (only those translated). */
export function textsIn<S extends ContentSubject>(db: Db, subject: S, ids: readonly number[], locale: string): Map<number, Texts> {
	const out = new Map<number, Texts>();
	if (locale === 'en' || ids.length === 0) return out;
	const rows = db
		.select({ id: contentTranslation.subjectId, field: contentTranslation.field, text: contentTranslation.text })
		.from(contentTranslation)
		.where(and(eq(contentTranslation.subject, subject), eq(contentTranslation.locale, locale), inArray(contentTranslation.subjectId, [...new Set(ids)])))
		.all();
	for (const r of rows) {
		const texts = out.get(r.id) ?? {};
		texts[r.field] = r.text;
		out.set(r.id, texts);
	}
	return out;
}

/** Every translation of some subjects, for the translators' page: language → subject id → field → text. Throws ForbiddenError. */
export function translationsOf<S extends ContentSubject>(db: Db, actor: Actor, subject: S, ids: readonly number[]): Map<string, Map<number, Texts>> {
	if (!can(actor, 'content.translate')) throw new ForbiddenError();
	const out = new Map<string, Map<number, Texts>>();
	for (const locale of offeredLanguages(db)) out.set(locale, textsIn(db, subject, ids, locale));
	return out;
}

/** One text to save: a field of a subject, in the language being saved. */
export type TranslationEntry = { subject: ContentSubject; subjectId: number; field: string; text: string };

/**
 * Saves texts in one language (a page's worth: an item and its "we did"s) in one transaction; an
 * empty text removes that translation (the reader then sees English). Returns how many of the
 * texts are now translated. Throws ForbiddenError, or ValidationError('language_not_offered' |
 * 'unknown_field' | 'too_long').
 */
export function saveTranslations(db: Db, actor: Actor, locale: string, entries: readonly TranslationEntry[], now = new Date()): number {
	if (!can(actor, 'content.translate')) throw new ForbiddenError();
	if (!offeredLanguages(db).includes(locale)) throw new ValidationError('language_not_offered');
	const clean = entries.map((e) => {
		if (!(CONTENT_SUBJECTS[e.subject] as readonly string[])?.includes(e.field)) throw new ValidationError('unknown_field');
		const text = normaliseText(e.text).trim();
		if (text.length > CONTENT_TEXT_MAX) throw new ValidationError('too_long');
		return { ...e, text };
	});
	return writeTransaction(db, (tx) => {
		let translated = 0;
		for (const { subject, subjectId, field, text } of clean) {
			const key = and(
				eq(contentTranslation.subject, subject),
				eq(contentTranslation.locale, locale),
				eq(contentTranslation.subjectId, subjectId),
				eq(contentTranslation.field, field)
			);
			if (!text) {
				tx.delete(contentTranslation).where(key).run();
				continue;
			}
			translated++;
			tx.insert(contentTranslation)
				.values({ subject, subjectId, field, locale, text, updatedBy: actor!.id, updatedAt: now })
				.onConflictDoUpdate({
					target: [contentTranslation.subject, contentTranslation.locale, contentTranslation.subjectId, contentTranslation.field],
					set: { text, updatedBy: actor!.id, updatedAt: now }
				})
				.run();
		}
		audit.record(tx, {
			actorId: actor!.id,
			action: 'content.translated',
			subjectType: clean[0]?.subject ?? 'content',
			subjectId: clean[0]?.subjectId ?? 0,
			details: { locale, texts: clean.length, translated },
			at: now
		});
		return translated;
	});
}

/** Forgets every translation of some subjects (when the feature that owns them deletes them). */
export function forget(db: Db, subject: ContentSubject, ids: readonly number[]): void {
	if (ids.length === 0) return;
	db.delete(contentTranslation)
		.where(and(eq(contentTranslation.subject, subject), inArray(contentTranslation.subjectId, [...ids])))
		.run();
}
