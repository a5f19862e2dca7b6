/**
 * Content translations: public texts (board items, "we did", meeting easy-read summaries,
 * standards) in the languages the area offers. Who may translate is decided here; whether the
 * subject exists and may be seen is decided by the feature that owns it, before its route calls in
 * (this feature imports none of them).
 *
 * A translation keeps the English it was made from (`source`). It is shown only against that same
 * English: once the English changes, the reader sees the new English with the note, and the
 * translators' page offers the old translation to check (decision 0059).
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

/** A saved translation and the English it was made from (null: saved before sources were kept). */
export type Translation = { text: string; source: string | null };

/** The audit log's kind of subject for each kind of translated text (a "we did" is its item's). */
const AUDIT_SUBJECT: Record<ContentSubject, string> = {
	board_item: 'board_item',
	board_response: 'board_item',
	meeting_easy_read: 'meeting',
	standard: 'standard'
};

/** The languages the area offers for content, in the admins' order. */
export function offeredLanguages(db: Db): string[] {
	return [...settings.get(db).contentLanguages];
}

/** Whether a translation was made from this English (one saved before sources were kept counts as made from it). */
export function madeFrom(translation: Translation, english: string): boolean {
	return translation.source === null || translation.source === english;
}

/** Every saved translation of some subjects in one language: subject id → field → translation. */
function saved(db: Db, subject: ContentSubject, ids: readonly number[], locale: string): Map<number, Record<string, Translation>> {
	const out = new Map<number, Record<string, Translation>>();
	if (locale === 'en' || ids.length === 0) return out;
	const rows = db
		.select({ id: contentTranslation.subjectId, field: contentTranslation.field, text: contentTranslation.text, source: contentTranslation.source })
		.from(contentTranslation)
		.where(and(eq(contentTranslation.subject, subject), eq(contentTranslation.locale, locale), inArray(contentTranslation.subjectId, [...new Set(ids)])))
		.all();
	for (const r of rows) {
		const fields = out.get(r.id) ?? {};
		fields[r.field] = { text: r.text, source: r.source };
		out.set(r.id, fields);
	}
	return out;
}

/**
 * The translation of one English text among its subject's translations: its field's own when made
 * from this English; otherwise another field's made from exactly this English (a summary sentence
 * moved up keeps its translation). Undefined when there is none.
 */
function matching(fields: Record<string, Translation> | undefined, field: string, english: string): string | undefined {
	if (!fields) return undefined;
	const own = fields[field];
	if (own && madeFrom(own, english)) return own.text;
	return Object.values(fields).find((t) => t.source === english)?.text;
}

/**
 * The translations in `locale` of some English texts (subject id → field → English), only those
 * made from that English: subject id → field → text. English in, nothing out.
 */
export function textsIn(db: Db, subject: ContentSubject, english: ReadonlyMap<number, Texts>, locale: string): Map<number, Texts> {
	const found = saved(db, subject, [...english.keys()], locale);
	const out = new Map<number, Texts>();
	for (const [id, fields] of english) {
		const texts: Texts = {};
		for (const [field, text] of Object.entries(fields)) {
			const translated = matching(found.get(id), field, text);
			if (translated !== undefined) texts[field] = translated;
		}
		if (Object.keys(texts).length) out.set(id, texts);
	}
	return out;
}

/** A text as a reader is shown it: in their language where translated from this English, else the English. */
export type Shown = { text: string; lang: string };

/** Every English text given (subject id → field → English), in `locale` where translated, otherwise in English ("en"). */
export function inLanguage(db: Db, subject: ContentSubject, english: ReadonlyMap<number, Texts>, locale: string): Map<number, Record<string, Shown>> {
	const translated = textsIn(db, subject, english, locale);
	return new Map(
		[...english].map(([id, fields]) => [
			id,
			Object.fromEntries(
				Object.entries(fields).map(([field, text]) => {
					const own = translated.get(id)?.[field];
					return [field, own === undefined ? { text, lang: 'en' } : { text: own, lang: locale }];
				})
			)
		])
	);
}

/** One English text a translator works from: a field of a subject, and its English now. */
export type SourceText = { subject: ContentSubject; subjectId: number; field: string; english: string };

/**
 * One text in one language on the translators' page: the translation made from this English, or
 * the last one made from English that has changed since (`changed`: to check and save again), or ''.
 */
export type Draft = { text: string; changed: boolean };

/** For the translators' pages: each offered language, and each text's draft in it (in the texts' order). Throws ForbiddenError. */
export function drafts(db: Db, actor: Actor, texts: readonly SourceText[]): Map<string, Draft[]> {
	if (!can(actor, 'content.translate')) throw new ForbiddenError();
	const out = new Map<string, Draft[]>();
	const subjects = [...new Set(texts.map((t) => t.subject))];
	// each subject's English now: an old translation of English that is still there (elsewhere) moved with it
	const now = (t: SourceText) => texts.filter((o) => o.subject === t.subject && o.subjectId === t.subjectId).map((o) => o.english);
	for (const locale of offeredLanguages(db)) {
		const bySubject = new Map(subjects.map((s) => [s, saved(db, s, texts.filter((t) => t.subject === s).map((t) => t.subjectId), locale)]));
		out.set(
			locale,
			texts.map((t) => {
				const fields = bySubject.get(t.subject)!.get(t.subjectId);
				const current = matching(fields, t.field, t.english);
				if (current !== undefined) return { text: current, changed: false };
				const old = fields?.[t.field];
				return old && !now(t).includes(old.source ?? '') ? { text: old.text, changed: true } : { text: '', changed: false };
			})
		);
	}
	return out;
}

/** One text to save: a field of a subject, the English it translates, and the text in the language being saved. */
export type TranslationEntry = SourceText & { text: string };

/**
 * Saves texts in one language (a page's worth: an item and its "we did"s, a meeting's summary, a
 * standard) in one transaction, each with the English it translates; an empty text removes that
 * translation (the reader then sees English). Returns how many of the texts are now translated.
 * Throws ForbiddenError, or ValidationError('language_not_offered' | 'unknown_field' | 'too_long').
 */
export function saveTranslations(db: Db, actor: Actor, locale: string, entries: readonly TranslationEntry[], now = new Date()): number {
	if (!can(actor, 'content.translate')) throw new ForbiddenError();
	if (!offeredLanguages(db).includes(locale)) throw new ValidationError('language_not_offered');
	const clean = entries.map((e) => {
		if (!(CONTENT_SUBJECTS[e.subject] as readonly string[] | undefined)?.includes(e.field)) throw new ValidationError('unknown_field');
		const text = normaliseText(e.text).trim();
		if (text.length > CONTENT_TEXT_MAX) throw new ValidationError('too_long');
		return { ...e, text };
	});
	if (clean.length === 0) return 0;
	return writeTransaction(db, (tx) => {
		let translated = 0;
		for (const { subject, subjectId, field, english, text } of clean) {
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
				.values({ subject, subjectId, field, locale, text, source: english, updatedBy: actor!.id, updatedAt: now })
				.onConflictDoUpdate({
					target: [contentTranslation.subject, contentTranslation.locale, contentTranslation.subjectId, contentTranslation.field],
					set: { text, source: english, updatedBy: actor!.id, updatedAt: now }
				})
				.run();
		}
		audit.record(tx, {
			actorId: actor!.id,
			action: 'content.translated',
			subjectType: AUDIT_SUBJECT[clean[0].subject],
			subjectId: clean[0].subjectId,
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
