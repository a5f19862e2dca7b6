import type { Actor } from '$lib/server/permissions';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import * as content from '$lib/server/content';
import { idParam, orError } from '$lib/server/http';

/** One text of the item a translator fills in: its English and, per language, its translation. */
export type TextToTranslate = { name: string; subject: 'board_item' | 'board_response'; subjectId: number; field: string; english: string; date?: string };

/** A board item's texts to translate ("you said", the easy-read line, every "we did") and their translations by language. */
export function itemTexts(actor: Actor, itemId: string) {
	const item = orError(() => board.itemToFollowUp(db(), actor, idParam(itemId)));
	const texts: TextToTranslate[] = [
		{ name: 'item.you_said', subject: 'board_item', subjectId: item.id, field: 'you_said', english: item.youSaid },
		...(item.easyRead ? [{ name: 'item.easy_read', subject: 'board_item' as const, subjectId: item.id, field: 'easy_read', english: item.easyRead }] : []),
		...item.responses.map((r) => ({ name: `response.${r.id}`, subject: 'board_response' as const, subjectId: r.id, field: 'text', english: r.text, date: new Date(r.createdAt).toISOString() }))
	];
	const items = orError(() => content.translationsOf(db(), actor, 'board_item', [item.id]));
	const responses = orError(() => content.translationsOf(db(), actor, 'board_response', item.responses.map((r) => r.id)));
	/** The translation of one text in one language ('' when there is none). */
	const translated = (locale: string, t: TextToTranslate) => ((t.subject === 'board_item' ? items : responses).get(locale)?.get(t.subjectId)?.[t.field] ?? '');
	return { item: { id: item.id, youSaid: item.youSaid }, texts, languages: content.offeredLanguages(db()), translated };
}
