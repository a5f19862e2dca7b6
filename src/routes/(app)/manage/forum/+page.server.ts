import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import * as forum from '$lib/server/forum';
import * as reach from '$lib/server/reach';
import { PREFER_NOT } from '$lib/features/forum/model';
import type { PageServerLoad } from './$types';

/**
 * Membership counts over time, the consenting members' counts by characteristic (organisers),
 * and each beside the local SEND population (who the forum reaches, under-heard groups flagged).
 * The comparison hides at least what the members' own table hides, and its total when "not said"
 * is hidden there: otherwise the two totals would give the hidden count back. Under the language
 * comparison, the languages members named under "another language", only counted together.
 */
export const load: PageServerLoad = ({ locals }) =>
	orError(() => {
		const tables = forum.reachTables(db(), locals.user);
		const againstBaseline = tables.tables.map((t) => {
			const notSaid = t.cells.find((c) => c.key === PREFER_NOT);
			return reach.comparison(db(), t.characteristic, forum.memberCounts(db(), t.characteristic), undefined, {
				hidden: t.cells.filter((c) => c.count === null && c.key !== PREFER_NOT).map((c) => c.key),
				hideTotal: t.total === null || (notSaid !== undefined && notSaid.count === null)
			});
		});
		// the languages members typed under "another language", counted together, beside the language comparison
		const language = againstBaseline.find((c) => c.characteristic === 'language');
		const named = language ? forum.otherLanguagesNamed(db(), locals.user, language) : null;
		return { months: forum.membershipOverTime(db(), locals.user), reach: tables, againstBaseline, named };
	});
