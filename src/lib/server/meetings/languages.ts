/**
 * A meeting's easy-read summary in the reader's language (issue 19): each sentence from its
 * content translation where one was made from the sentence's English (wherever the sentence now
 * stands), otherwise the English, marked; the symbol is the English sentence's (decision 0059).
 */
import { sentenceField } from '$lib/features/content/model';
import type { Db } from '../db';
import * as content from '../content';
import type { EasyReadSentence } from './service';

export type SummaryInLanguage = {
	/** Each sentence with the language it is shown in: the reader's where translated, otherwise "en". */
	sentences: (EasyReadSentence & { lang: string })[];
	/** Some sentence is shown in English to a reader of another language (the page says so). */
	notTranslated: boolean;
};

/** The summary's sentences in `locale` where translated (English otherwise, and marked). */
export function easyReadIn(db: Db, meetingId: number, sentences: readonly EasyReadSentence[], locale: string): SummaryInLanguage {
	const english = Object.fromEntries(sentences.map((s, i) => [sentenceField(i), s.text]));
	const shown = content.inLanguage(db, 'meeting_easy_read', new Map([[meetingId, english]]), locale).get(meetingId)!;
	const out = sentences.map((s, i) => ({ ...s, ...shown[sentenceField(i)] }));
	return { sentences: out, notTranslated: locale !== 'en' && out.some((s) => s.lang === 'en') };
}
