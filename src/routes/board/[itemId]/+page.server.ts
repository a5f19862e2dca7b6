import { db } from '$lib/server/db/app';
import * as board from '$lib/server/board/service';
import { idParam, orError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => ({
	item: orError(() => board.getItem(db(), locals.user, idParam(params.itemId)))
});
