/**
 * The translators' pages, the same for every subject (a board item, a meeting's easy-read summary,
 * a standard): a list of the offered languages with how far each has got, and one language's form
 * with each English text beside its box. The owner's route reads its subject (deciding whether it
 * exists and who may see it), lists its texts, and hands them here; these check `content.translate`.
 */
import { fail } from '@sveltejs/kit';
import type { Db } from '../db';
import type { Actor } from '../permissions';
import { NotFoundError } from '../errors';
import { orError, refusal } from '../http';
import { drafts, saveTranslations, type SourceText } from './service';

/** One text on a translators' page: what it is (its form field's name and label) and its English now. */
export type PageText = SourceText & { name: string; label: string };

/** A language on the list: how many texts are translated from their English now, and how many to check (the English changed). */
export type LanguageProgress = { locale: string; done: number; changed: number; total: number };

/** The offered languages and how far each has got. Throws (as the error page) 403 for anyone but organisers and admins. */
export function languagesPage(db: Db, actor: Actor, texts: readonly PageText[]): LanguageProgress[] {
	const all = orError(() => drafts(db, actor, texts));
	return [...all].map(([locale, list]) => ({
		locale,
		done: list.filter((d) => d.text !== '' && !d.changed).length,
		changed: list.filter((d) => d.changed).length,
		total: texts.length
	}));
}

/** A text in one language's form: its English, its draft, and whether the English changed since it was translated. */
export type FormText = { name: string; label: string; english: string; text: string; changed: boolean };

/** One language's texts for its form. Throws (as the error page) 403, or 404 for a language not offered. */
export function languagePage(db: Db, actor: Actor, texts: readonly PageText[], locale: string): FormText[] {
	const list = orError(() => {
		const found = drafts(db, actor, texts).get(locale);
		if (!found) throw new NotFoundError('language_not_offered');
		return found;
	});
	return texts.map((t, i) => ({ name: t.name, label: t.label, english: t.english, text: list[i].text, changed: list[i].changed }));
}

/** What a translator can be refused for, as the form's `problem` (the page words it). */
export type TranslationProblem = 'language_not_offered' | 'too_long';

/**
 * Saves one language's form: every text as posted, with the English it now translates. Returns
 * `{ saved, values }`, or a 400 with the problem's code and every value as typed; anything else
 * refused is the error page (403 for anyone but organisers and admins).
 */
export async function saveLanguagePage(db: Db, actor: Actor, texts: readonly PageText[], locale: string, request: Request) {
	const form = await request.formData();
	const values: Record<string, string> = Object.fromEntries(texts.map((t) => [t.name, String(form.get(t.name) ?? '')]));
	try {
		saveTranslations(
			db,
			actor,
			locale,
			texts.map((t) => ({ subject: t.subject, subjectId: t.subjectId, field: t.field, english: t.english, text: values[t.name] }))
		);
	} catch (e) {
		const refused = (problem: TranslationProblem) => () => fail(400, { values, problem });
		return refusal(e, { language_not_offered: refused('language_not_offered'), too_long: refused('too_long') });
	}
	return { saved: true as const, values };
}
