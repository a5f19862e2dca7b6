import { periodLabel } from '$lib/time';
import { db } from '$lib/server/db/app';
import { orError } from '$lib/server/http';
import { formatNumber } from '$lib/server/standards';
import * as standards from '$lib/server/standards';
import type { PageServerLoad } from './$types';

/** The standards whose figures this person enters (a lead: their services'), with the last figure of each. */
export const load: PageServerLoad = ({ locals }) => {
	const { list, figures, lastQuarter, missing } = orError(() => standards.figuresToEnter(db(), locals.user));
	return {
		lastQuarter: periodLabel(lastQuarter),
		standards: list.map((s) => {
			const latest = figures.find((f) => f.standardId === s.id);
			return {
				id: s.id,
				statement: s.statement,
				serviceName: s.serviceName,
				unit: s.unit,
				latest: latest ? { period: periodLabel({ start: latest.periodStart, end: latest.periodEnd }), value: formatNumber(latest.value) } : null,
				missingLastQuarter: missing.includes(s.id)
			};
		})
	};
};
