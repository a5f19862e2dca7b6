import { isIsoDate, londonDate, quarterFrom } from '$lib/time';
import { ABOUT_YOU, type AboutYou } from '$lib/features/surveys/model';
import { db } from '$lib/server/db/app';
import * as reports from '$lib/server/reports';
import * as standards from '$lib/server/standards';
import { orError, refusal } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// A plain GET form: the choice is in the address, so it can be bookmarked and works without JavaScript.
export const load: PageServerLoad = async ({ locals, url }) => {
	const quarter = quarterFrom(londonDate(), -1);
	const surveyStandards = orError(() => standards.listFor(db(), locals.user, { kind: 'survey' }));
	const chosen = {
		standard: url.searchParams.get('standard') ?? '',
		by: url.searchParams.get('by') ?? 'area',
		start: url.searchParams.get('start') ?? quarter.start,
		end: url.searchParams.get('end') ?? quarter.end
	};
	let problem: string | null = null;
	let breakdown: reports.AboutYouBreakdown | null = null;
	if (chosen.standard) {
		const standardId = Number(chosen.standard);
		if (!isIsoDate(chosen.start) || !isIsoDate(chosen.end) || chosen.end < chosen.start) problem = 'period';
		else if (!(ABOUT_YOU as readonly string[]).includes(chosen.by)) problem = 'by';
		else {
			try {
				breakdown = await reports.breakdownByAboutYou(db(), locals.user, standardId, { start: chosen.start, end: chosen.end }, chosen.by as AboutYou);
			} catch (e) {
				const notOne = () => 'standard' as const;
				problem = refusal(e, { about_you: notOne, period: notOne, standard_kind: notOne, standard_not_found: notOne });
			}
		}
	}
	// The period shown is the one used: whole months (reports.breakdownByAboutYou says why).
	const snapped = breakdown !== null && (breakdown.period.start !== chosen.start || breakdown.period.end !== chosen.end);
	if (breakdown) Object.assign(chosen, breakdown.period);
	return {
		chosen,
		snapped,
		problem,
		breakdown,
		standards: surveyStandards.map((s) => ({ id: s.id, statement: s.statement, service: s.serviceName }))
	};
};
