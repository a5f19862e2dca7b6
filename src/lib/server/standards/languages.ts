/**
 * Standards' public words in the reader's language (issue 19): a standard's statement and what is
 * measured, as a published report shows them. A report is frozen with the English of its day; a
 * translation is shown only over the English it was made from, so a report frozen before the
 * wording changed keeps its translation until the new wording is translated, and then shows its
 * own (older) English with the note (decision 0059).
 */
import type { Db } from '../db';
import * as content from '../content';

type Words = { id: number; statement: string; measure?: string };

export type WordsInLanguage<T extends Words> = T & {
	/** The language each text is in: the reader's where translated, otherwise "en". */
	statementLang: string;
	measureLang: string;
};

/** The rows (a report's standards, its "at a glance" rows) with their words in `locale` where translated, English otherwise and marked. */
export function inLanguage<T extends Words>(db: Db, rows: readonly T[], locale: string): WordsInLanguage<T>[] {
	const english = new Map<number, content.Texts>();
	for (const r of rows) english.set(r.id, { ...english.get(r.id), statement: r.statement, ...(r.measure === undefined ? {} : { measure: r.measure }) });
	const shown = content.inLanguage(db, 'standard', english, locale);
	return rows.map((r) => {
		const words = shown.get(r.id)!;
		return {
			...r,
			statement: words.statement.text,
			statementLang: words.statement.lang,
			...(r.measure === undefined ? {} : { measure: words.measure.text }),
			measureLang: words.measure?.lang ?? 'en'
		};
	});
}

/** Whether any of the rows shows English to a reader of another language (the page says so). */
export const anyInEnglish = (rows: readonly { statementLang: string; measureLang: string; measure?: string }[], locale: string): boolean =>
	locale !== 'en' && rows.some((r) => r.statementLang === 'en' || (r.measure !== undefined && r.measureLang === 'en'));
