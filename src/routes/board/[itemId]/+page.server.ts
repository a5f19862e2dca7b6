import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board';
import * as meetings from '$lib/server/meetings';
import { idParam, orError } from '$lib/server/http';
import { contentLocale } from '$lib/server/language';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals, cookies }) => {
	const item = orError(() => board.getItem(db(), locals.user, idParam(params.itemId)));
	// The forum meeting it was raised at, if any (only a meeting the public can see).
	const [shown] = board.inLanguage(db(), [item], contentLocale({ cookies }));
	return { item: shown, raisedAt: meetings.raisedFrom(db(), item.id) };
};
