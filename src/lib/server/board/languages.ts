/**
 * Board items in the reader's language (issue 19): "you said", the easy-read line and each "we
 * did", from content translations made from the English they show, otherwise the English with its
 * language marked, so a page can say which words are still in English and screen readers
 * pronounce them.
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
	const itemTexts = content.inLanguage(
		db,
		'board_item',
		new Map(items.map((i): [number, content.Texts] => [i.id, i.easyRead ? { you_said: i.youSaid, easy_read: i.easyRead } : { you_said: i.youSaid }])),
		locale
	);
	const responseTexts = content.inLanguage(db, 'board_response', new Map(items.flatMap((i) => i.responses.map((r) => [r.id, { text: r.text }]))), locale);
	return items.map((item) => {
		const own = itemTexts.get(item.id)!;
		const responses = item.responses.map((r) => ({ ...r, ...responseTexts.get(r.id)!.text }));
		const shown = [own.you_said, ...(own.easy_read ? [own.easy_read] : []), ...responses];
		return {
			...item,
			youSaid: own.you_said.text,
			easyRead: own.easy_read?.text ?? item.easyRead,
			youSaidLang: own.you_said.lang,
			easyReadLang: own.easy_read?.lang ?? 'en',
			responses,
			notTranslated: locale !== 'en' && shown.some((s) => s.lang === 'en')
		};
	});
}
