import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatDate } from '$lib/time';
import type { Actor } from '$lib/server/permissions';
import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import type { PageText } from '$lib/server/content';
import { idParam, orError } from '$lib/server/http';

/** A board item's texts to translate: "you said", the easy-read line, every "we did". */
export function itemTexts(actor: Actor, itemId: string) {
	const item = orError(() => board.itemToFollowUp(db(), actor, idParam(itemId)));
	const texts: PageText[] = [
		{ name: 'item.you_said', label: m.content_field_you_said(), subject: 'board_item', subjectId: item.id, field: 'you_said', english: item.youSaid },
		...(item.easyRead
			? [{ name: 'item.easy_read', label: m.content_field_easy_read(), subject: 'board_item' as const, subjectId: item.id, field: 'easy_read', english: item.easyRead }]
			: []),
		...item.responses.map((r) => ({
			name: `response.${r.id}`,
			label: m.content_field_response({ date: formatDate(r.createdAt, getLocale()) }),
			subject: 'board_response' as const,
			subjectId: r.id,
			field: 'text',
			english: r.text
		}))
	];
	return { item: { id: item.id, youSaid: item.youSaid }, texts };
}
