import { db } from '$lib/server/db/app';
import * as audit from '$lib/server/audit/service';
import { orError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	return orError(() => audit.list(db(), locals.user, page));
};
