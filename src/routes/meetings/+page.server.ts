import { db } from '$lib/server/db/app';
import * as meetings from '$lib/server/meetings';
import { siteOrigin } from '$lib/server/origin';
import type { PageServerLoad } from './$types';

/** Reads the plain GET search form: words, a year (4 digits) and a page of past meetings. */
function searchFrom(params: URLSearchParams) {
	const q = (params.get('q') ?? '').trim().slice(0, 200);
	const yearText = params.get('year') ?? '';
	const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
	const pageNumber = Number(params.get('page') ?? '1');
	const page = Number.isSafeInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1;
	return { q, year, page };
}

export const load: PageServerLoad = ({ url }) => {
	const search = searchFrom(url.searchParams);
	const now = new Date();
	const upcoming = meetings.listPublic(db(), { when: 'upcoming', q: search.q, year: search.year }, now);
	const past = meetings.listPublic(db(), { when: 'past', q: search.q, year: search.year, page: search.page }, now);
	return {
		search,
		years: past.years,
		upcoming: { meetings: upcoming.meetings, total: upcoming.total },
		past: {
			meetings: past.meetings,
			total: past.total,
			page: search.page,
			pageCount: Math.max(1, Math.ceil(past.total / meetings.PUBLIC_PAGE_SIZE))
		},
		calendarAddress: `${siteOrigin(url)}/meetings/calendar.ics`
	};
};
