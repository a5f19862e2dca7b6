/**
 * Board items in the reader's language (issue 19): "you said", the easy-read line and each "we
 * did", from content translations where they exist, otherwise the English with its language
 * marked, so a page can say which words are still in English and screen readers pronounce them.
 */
import type { Db } from '../db';
import * as content from '../content';

type Translatable = { id: number; youSaid: string; easyRead: string | null; responses: { id: number; text: string }[] };

export type InLanguage<T extends Translatable> = Omit<T, 'responses'> & {
	/** The language each text is in: the reader's where translated, otherwise "en". */
	youSaidLang: string;
	easyReadLang: string;
	responses: (T['responses'][number] & { lang: string })[];
	/** Some text is shown in English to a reader of another language (the page says so). */
	notTranslated: boolean;
};

/** The items with their texts in `locale` where translated (English otherwise, and marked). */
export function inLanguage<T extends Translatable>(db: Db, items: readonly T[], locale: string): InLanguage<T>[] {
	const itemTexts = content.textsIn(db, 'board_item', items.map((i) => i.id), locale);
	const responseTexts = content.textsIn(db, 'board_response', items.flatMap((i) => i.responses.map((r) => r.id)), locale);
	return items.map((item) => {
		const own = itemTexts.get(item.id) ?? {};
		const youSaid = own.you_said;
		const easyRead = item.easyRead ? own.easy_read : undefined;
		const responses = item.responses.map((r) => {
			const text = responseTexts.get(r.id)?.text;
			return { ...r, text: text ?? r.text, lang: text ? locale : 'en' };
		});
		const english = !youSaid || (item.easyRead !== null && item.easyRead !== '' && !easyRead) || responses.some((r) => r.lang === 'en');
		return {
			...item,
			youSaid: youSaid ?? item.youSaid,
			easyRead: easyRead ?? item.easyRead,
			youSaidLang: youSaid ? locale : 'en',
			easyReadLang: easyRead ? locale : 'en',
			responses,
			notTranslated: locale !== 'en' && english
		};
	});
}
