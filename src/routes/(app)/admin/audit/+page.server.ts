import { isIsoDate } from '$lib/time';
import { db } from '$lib/server/db/app';
import * as audit from '$lib/server/audit';
import { orError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/**
 * The audit log, narrowed by a plain GET form (person, action, from/to days), so a search works
 * without JavaScript, can be bookmarked, and the page links keep it. A day that is not a real
 * day is not applied, and the page says so.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const get = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 200);
	const chosen = { person: get('person'), action: get('action'), from: get('from'), to: get('to') };
	const problems: { field: 'from' | 'to'; code: 'from' | 'to' | 'order' }[] = [];
	if (chosen.from && !isIsoDate(chosen.from)) problems.push({ field: 'from', code: 'from' });
	if (chosen.to && !isIsoDate(chosen.to)) problems.push({ field: 'to', code: 'to' });
	if (!problems.length && chosen.from && chosen.to && chosen.to < chosen.from) problems.push({ field: 'to', code: 'order' });
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	const filter = {
		person: chosen.person || undefined,
		action: chosen.action || undefined,
		from: problems.length ? undefined : chosen.from || undefined,
		to: problems.length ? undefined : chosen.to || undefined
	};
	const result = orError(() => audit.list(db(), locals.user, filter, page));
	return { ...result, chosen, problems, peopleLimit: audit.AUDIT_PEOPLE_LIMIT };
};
